package io.poolrescue.workflows.metadata;

import io.poolrescue.workflows.core.Step;
import java.util.List;

/** The steps of a VM metadata import, in plan order; the ids are recorded in statuses and gates. */
final class ImportSteps {
  private ImportSteps() {}

  static final Step DRY_RUN = new Step("dry-run", "Dry-run the metadata imports");
  static final Step IMPORT = new Step("import", "Import the exports XAPI accepts");
  static final Step FORCE = new Step("force", "Import the refused exports with force (best effort)");
  static final Step START = new Step("start", "Start the imported VMs");

  /** Every step, in plan order. */
  static final List<Step> PLAN = List.of(DRY_RUN, IMPORT, FORCE, START);
}
