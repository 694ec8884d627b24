package io.poolrescue.cli.render;

import io.poolrescue.workflows.api.Progress;

/** A bulk phase as a text bar: {@code [##########----------] 10/20 VMs restarted, 1 failed}. */
public final class ProgressBar {
  private ProgressBar() {}

  public static final int WIDTH = 30;

  public static String render(Progress p) {
    int total = Math.max(p.total(), 0);
    int done = Math.min(Math.max(p.done(), 0), total);
    int filled = total == 0 ? WIDTH : (int) Math.round((double) done * WIDTH / total);
    StringBuilder sb = new StringBuilder("[");
    sb.append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
    sb.append(done).append('/').append(total).append(' ').append(p.what());
    if (p.failed() > 0) {
      sb.append(", ").append(p.failed()).append(" failed");
    }
    return sb.toString();
  }
}
