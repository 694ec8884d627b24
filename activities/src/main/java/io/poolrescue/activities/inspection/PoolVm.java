package io.poolrescue.activities.inspection;

/**
 * A VM of the pool (not a control domain) as the master records it, for the pool page.
 *
 * @param powerState as XAPI names it: {@code Running}, {@code Halted}, {@code Paused}, {@code Suspended}
 * @param residentOn the uuid of the host the master says it runs on, or null
 * @param haRestartPriority {@code restart}, {@code best-effort} or "" (not protected)
 */
public record PoolVm(String uuid, String nameLabel, String powerState, String residentOn, String haRestartPriority) {}
