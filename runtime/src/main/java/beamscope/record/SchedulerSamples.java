package beamscope.record;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The recorder's scheduler lanes: a bounded, time-ordered run of {@link SchedulerSample}s, one every
 * {@link Recorder#SAMPLE_EVERY} at most, taken by the recorder's own thread from the node's published counters (the
 * schedulers never wait for it, and it adds nothing per time slice). Not thread-safe: the recorder guards it.
 */
final class SchedulerSamples {
    private final ArrayDeque<SchedulerSample> samples = new ArrayDeque<>();
    private long last = Long.MIN_VALUE;

    /** Adds a sample of {@code node} unless one was taken at the same node time. */
    void sample(beamscope.runtime.NodeSnapshot node) {
        if (node.nanoTime() <= last) return;
        last = node.nanoTime();
        samples.addLast(SchedulerSample.of(node));
    }

    /** Drops the samples before {@code nanos} (the first moment the recording can still rebuild). */
    void dropBefore(long nanos) {
        while (!samples.isEmpty() && samples.getFirst().nanos() < nanos) samples.removeFirst();
    }

    List<SchedulerSample> copy() {
        return List.copyOf(samples);
    }
}
