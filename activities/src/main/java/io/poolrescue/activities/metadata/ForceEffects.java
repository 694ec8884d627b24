package io.poolrescue.activities.metadata;

import io.poolrescue.pool.XapiErrors;
import io.poolrescue.pool.XapiException;
import io.poolrescue.pool.model.PoolSnapshot;
import io.poolrescue.pool.model.Sr;
import java.util.List;
import java.util.Set;

/**
 * What {@code force=true} does to a metadata import XAPI refused, from the refusal itself
 * (xapi {@code import.ml}): a VM that exists and is not Halted is skipped, an existing VM whose
 * version is not older is replaced, a disk whose location is missing is skipped, except that a VM
 * exported while running may not lose a disk ({@code IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND}, which
 * the forced dry run then reports).
 */
final class ForceEffects {
  private static final Set<String> FORCE_FIXES =
      Set.of(XapiErrors.VM_BAD_POWER_STATE, XapiErrors.VM_TO_IMPORT_IS_NOT_NEWER_VERSION,
          XapiErrors.VDI_LOCATION_MISSING, XapiErrors.VDI_CONTENT_ID_MISSING);

  private ForceEffects() {}

  static boolean forceHelps(XapiException e) {
    return FORCE_FIXES.contains(e.code());
  }

  /**
   * The pool already holds this VM from this export: XAPI says "not newer" with the existing version
   * equal to the export's (the original VM) or one more (an import counts as one recovery, so the
   * imported VM's version is the export's plus one).
   */
  static boolean sameVersionPresent(XapiException e) {
    List<String> p = e.params();
    if (!XapiErrors.VM_TO_IMPORT_IS_NOT_NEWER_VERSION.equals(e.code()) || p.size() < 3) {
      return false;
    }
    try {
      long existing = Long.parseLong(p.get(1));
      long exported = Long.parseLong(p.get(2));
      return existing == exported || existing == exported + 1;
    } catch (NumberFormatException notNumbers) {
      return p.get(1).equals(p.get(2));
    }
  }

  /** Force would create nothing: the one VM of the export exists and runs, so it is skipped. */
  static boolean forceSkipsTheVm(XapiException e) {
    return XapiErrors.VM_BAD_POWER_STATE.equals(e.code());
  }

  static String describe(XapiException e, String vmUuid, PoolSnapshot s) {
    List<String> p = e.params();
    switch (e.code()) {
      case XapiErrors.VM_BAD_POWER_STATE:
        return "VM " + vmUuid + " already exists and is " + param(p, 2)
            + ", not Halted: force SKIPS this VM (the running one is left as it is, nothing is imported for it)";
      case XapiErrors.VM_TO_IMPORT_IS_NOT_NEWER_VERSION:
        return "VM " + vmUuid + " already exists with metadata version " + param(p, 1) + ", the export has version "
            + param(p, 2) + ": force REPLACES the existing VM's metadata with the exported one";
      case XapiErrors.VDI_LOCATION_MISSING:
        String sr = s == null ? param(p, 0) : s.sr(param(p, 0)).map(ForceEffects::describeSr).orElse(param(p, 0));
        return "VM " + vmUuid + ": no disk at location " + param(p, 1) + " on SR " + sr
            + ": force imports the VM WITHOUT that disk (its VBD is skipped)";
      case XapiErrors.VDI_CONTENT_ID_MISSING:
        return "VM " + vmUuid + ": a disk's SR is unknown to this pool: force imports the VM without that disk";
      case XapiErrors.IMPORT_ERROR_ATTACHED_DISKS_NOT_FOUND:
        return "VM " + vmUuid + " was running when exported and a disk it had attached is missing: "
            + "even force does not import it";
      default:
        return "refused with " + e.code() + " " + p + ": force does not change this";
    }
  }

  private static String describeSr(Sr sr) {
    return sr.uuid() + " (" + sr.nameLabel() + ")";
  }

  private static String param(List<String> p, int i) {
    return i < p.size() ? p.get(i) : "?";
  }
}
