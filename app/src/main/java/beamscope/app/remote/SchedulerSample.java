package beamscope.app.remote;

import java.util.List;

/**
 * The schedulers of a real node at a moment: {@code erlang:statistics(run_queue_lengths)} and
 * {@code erlang:statistics(scheduler_wall_time)} (cumulative; compare two samples with
 * {@link Load#utilisationSince}).
 *
 * @param nanoTime      when the sample was taken (this JVM's clock)
 * @param schedulers    the normal schedulers, by id
 * @param dirtyRunQueue processes waiting for a dirty CPU scheduler
 * @param wallTimeOn    false when the node gave no wall times (then active and total are 0)
 */
public record SchedulerSample(long nanoTime, List<Load> schedulers, int dirtyRunQueue, boolean wallTimeOn) {

    /**
     * One scheduler.
     *
     * @param id       1-based, as the BEAM numbers them
     * @param runQueue processes waiting in its run queue
     * @param active   active time since wall time measuring began, in the node's own unit
     * @param total    total time since then, same unit
     */
    public record Load(int id, int runQueue, long active, long total) {
        /** Busy fraction 0..1 between an earlier sample of the same scheduler and this one. */
        public double utilisationSince(Load earlier) {
            long a = active - (earlier == null ? 0 : earlier.active);
            long t = total - (earlier == null ? 0 : earlier.total);
            return t <= 0 ? 0 : Math.max(0, Math.min(1, (double) a / t));
        }
    }

    public int runQueueLength() {
        int n = dirtyRunQueue;
        for (Load l : schedulers) n += l.runQueue;
        return n;
    }
}
