package io.poolrescue.activities.metadata;

import java.util.List;

/**
 * What a dry run of one metadata import said, and what {@code force} would do about it.
 *
 * @param vmUuid the VM the export was taken of
 * @param vmUuids the VM a plain import would create (WOULD_IMPORT), or a forced one would (NEEDS_FORCE; empty
 *     when force skips the VM): the export's own VM, as XAPI's dry run names none
 * @param code the XAPI refusal of the plain dry run, null when it passed
 * @param forceEffect for people: exactly what {@code force} would skip or replace, or why it would not help
 */
public record ImportCheck(
    String backupId, String vmUuid, Verdict verdict, List<String> vmUuids, String code, List<String> params,
    String forceEffect) {

  public enum Verdict {
    /** The dry run passed: a plain import creates the VM. */
    WOULD_IMPORT,
    /** The pool already has this VM at the exported version: nothing to import. */
    ALREADY_PRESENT,
    /** Refused, and {@code force} would get past it by skipping or replacing what {@code forceEffect} says. */
    NEEDS_FORCE,
    /** Refused in a way {@code force} does not change (e.g. not a metadata export). */
    REFUSED
  }

  public ImportCheck {
    vmUuids = vmUuids == null ? List.of() : List.copyOf(vmUuids);
    params = params == null ? List.of() : List.copyOf(params);
  }
}
