package io.poolrescue.workflows.metadata;

import io.poolrescue.workflows.core.StepId;

/** The steps of a VM metadata import, in plan order; the ids are recorded in statuses and gates. */
enum ImportStep implements StepId {
  DRY_RUN("dry-run", "Dry-run the metadata imports"),
  IMPORT("import", "Import the exports XAPI accepts"),
  FORCE("force", "Import the refused exports with force (best effort)"),
  START("start", "Start the imported VMs");

  private final String id;
  private final String title;

  ImportStep(String id, String title) {
    this.id = id;
    this.title = title;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }
}
