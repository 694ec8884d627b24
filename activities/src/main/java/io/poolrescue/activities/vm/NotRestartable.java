package io.poolrescue.activities.vm;

/** A VM a procedure cannot bring back, with the XAPI code a start would give and a sentence for people. */
public record NotRestartable(String vmUuid, String nameLabel, String code, String reason) {

  public String describe() {
    return vmUuid + (nameLabel == null ? "" : " (" + nameLabel + ")") + ": " + code + " - " + reason;
  }
}
