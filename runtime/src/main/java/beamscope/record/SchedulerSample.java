package beamscope.record;

import beamscope.runtime.SchedulerSnapshot;
import java.util.List;

/**
 * The node's schedulers as a recorder sampled them at {@code nanos} (node clock): on each, the process in a slice
 * then (or none), its run queues, and its cumulative busy time, context switches and reductions. Samples are taken
 * every {@link Recorder#SAMPLE_EVERY}: a moment in between shows the sample before it, so a slice shorter than the
 * interval may not be seen at all. The last slice of a stepped or slow node is not kept.
 */
public record SchedulerSample(long nanos, List<SchedulerSnapshot> schedulers, List<SchedulerSnapshot> dirtySchedulers) {
    public SchedulerSample {
        schedulers = List.copyOf(schedulers);
        dirtySchedulers = List.copyOf(dirtySchedulers);
    }

    static SchedulerSnapshot withoutSlice(SchedulerSnapshot s) {
        return s.lastSlice() == null ? s : new SchedulerSnapshot(s.id(), s.running(), s.maxQueue(), s.highQueue(), s.normalQueue(),
                s.lowQueue(), s.activeNanos(), s.totalNanos(), s.contextSwitches(), s.reductions(), s.dirty(), s.longSchedule());
    }

    /** The schedulers in {@code node} now. */
    static SchedulerSample of(beamscope.runtime.NodeSnapshot node) {
        return new SchedulerSample(node.nanoTime(), node.schedulers().stream().map(SchedulerSample::withoutSlice).toList(),
                node.dirtySchedulers().stream().map(SchedulerSample::withoutSlice).toList());
    }
}
