package io.poolrescue.audit;

import io.poolrescue.audit.AuditReport.OperationAudit;
import io.poolrescue.audit.RecordedRun.RecordedActivity;
import io.poolrescue.workflows.api.OperationApplied;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marks the operations whose relative order the history cannot prove: a procedure records an
 * operation when the activity that did it returns, and activities that ran at the same time return
 * in any order. Activities are clustered by overlapping [scheduled, ended] windows; an operation
 * comes from the activity that ended last before it was recorded, and belongs to that activity's
 * cluster; a cluster of two or more activities that produced two or more operations is a parallel
 * group.
 */
final class OperationOrder {

  private OperationOrder() {}

  private record Cluster(Instant start, Instant end, int activities) {}

  static List<OperationAudit> mark(List<OperationApplied> ops, List<RecordedActivity> activities) {
    List<Cluster> clusters = clusters(activities);
    int[] clusterOf = new int[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      clusterOf[i] = clusterOfLastEndBefore(clusters, activities, ops.get(i).at());
    }
    List<OperationAudit> out = new ArrayList<>();
    int group = 0;
    for (int i = 0; i < ops.size(); i++) {
      int c = clusterOf[i];
      boolean parallel = c >= 0 && clusters.get(c).activities() > 1 && countIn(clusterOf, c) > 1;
      if (parallel && (i == 0 || clusterOf[i - 1] != c)) {
        group++;
      }
      out.add(new OperationAudit(ops.get(i), parallel ? group : 0));
    }
    return out;
  }

  private static List<Cluster> clusters(List<RecordedActivity> activities) {
    List<RecordedActivity> done = activities.stream()
        .filter(a -> a.endedAt() != null)
        .sorted(Comparator.comparing(RecordedActivity::scheduledAt))
        .toList();
    List<Cluster> out = new ArrayList<>();
    Instant start = null;
    Instant end = null;
    int n = 0;
    for (RecordedActivity a : done) {
      if (start != null && a.scheduledAt().isBefore(end)) {
        end = a.endedAt().isAfter(end) ? a.endedAt() : end;
        n++;
        continue;
      }
      if (start != null) {
        out.add(new Cluster(start, end, n));
      }
      start = a.scheduledAt();
      end = a.endedAt();
      n = 1;
    }
    if (start != null) {
      out.add(new Cluster(start, end, n));
    }
    return out;
  }

  private static int clusterOfLastEndBefore(List<Cluster> clusters, List<RecordedActivity> activities, Instant at) {
    if (at == null) {
      return -1;
    }
    RecordedActivity source = null;
    for (RecordedActivity a : activities) {
      if (a.endedAt() != null && !a.endedAt().isAfter(at) && (source == null || a.endedAt().isAfter(source.endedAt()))) {
        source = a;
      }
    }
    if (source == null) {
      return -1;
    }
    for (int i = 0; i < clusters.size(); i++) {
      Cluster c = clusters.get(i);
      if (!source.scheduledAt().isBefore(c.start()) && !source.endedAt().isAfter(c.end())) {
        return i;
      }
    }
    return -1;
  }

  private static int countIn(int[] clusterOf, int c) {
    int n = 0;
    for (int x : clusterOf) {
      if (x == c) {
        n++;
      }
    }
    return n;
  }
}
