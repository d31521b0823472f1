package beamscope.runtime;

/**
 * One scheduler at a moment.
 *
 * <p>Busy time is cumulative, as the BEAM's {@code erlang:statistics(scheduler_wall_time)} gives it: an
 * observer keeps its previous snapshot and asks {@link #utilisationSince}. So any number of observers
 * (windows, benchmarks, tests) read the same node without skewing each other's figures.
 *
 * @param running         the process in a slice now, or null
 * @param activeNanos     time the scheduler was not idle since it started (ActiveTime); time held at the
 *                        node's gate while it is paused counts as active (observers show a paused node apart)
 * @param totalNanos      time since the scheduler started (TotalTime)
 * @param contextSwitches slices dispatched so far
 * @param reductions      reductions spent by its slices so far
 * @param dirty           a dirty scheduler: it runs blocking Java code ({@code ctx.blocking}, Task bodies)
 *                        off the normal schedulers; ids count from 0 among the dirty ones, and its
 *                        context switches are the pieces of work it finished (no reductions)
 * @param longSchedule    the slice under way has held the scheduler past the node's long-schedule
 *                        threshold ({@link Node#longScheduleThreshold}); never set on a dirty scheduler
 * @param lastSlice       the last slice this scheduler ran while the node was paused (a step) or in slow
 *                        motion, so a view can show what just ran between two slow slices; null at full
 *                        speed (it is not tracked then) and on dirty schedulers
 */
public record SchedulerSnapshot(
        int id,
        Pid running,
        int maxQueue,
        int highQueue,
        int normalQueue,
        int lowQueue,
        long activeNanos,
        long totalNanos,
        long contextSwitches,
        long reductions,
        boolean dirty,
        boolean longSchedule,
        SteppedSlice lastSlice) {

    /** A scheduler without a last slice to show (full speed, or a dirty scheduler). */
    public SchedulerSnapshot(int id, Pid running, int maxQueue, int highQueue, int normalQueue, int lowQueue,
            long activeNanos, long totalNanos, long contextSwitches, long reductions, boolean dirty, boolean longSchedule) {
        this(id, running, maxQueue, highQueue, normalQueue, lowQueue, activeNanos, totalNanos, contextSwitches,
                reductions, dirty, longSchedule, null);
    }

    /** A normal scheduler not in a long schedule. */
    public SchedulerSnapshot(int id, Pid running, int maxQueue, int highQueue, int normalQueue, int lowQueue,
            long activeNanos, long totalNanos, long contextSwitches, long reductions) {
        this(id, running, maxQueue, highQueue, normalQueue, lowQueue, activeNanos, totalNanos, contextSwitches,
                reductions, false, false);
    }

    public int runQueueLength() {
        return maxQueue + highQueue + normalQueue + lowQueue;
    }

    /**
     * The busy fraction (0..1) between {@code earlier}, a snapshot of the same scheduler, and this one:
     * active time over total time in between. With {@code earlier} null, since the scheduler started.
     * 0 when no time passed.
     */
    public double utilisationSince(SchedulerSnapshot earlier) {
        long active = activeNanos - (earlier == null ? 0 : earlier.activeNanos);
        long total = totalNanos - (earlier == null ? 0 : earlier.totalNanos);
        return total <= 0 ? 0 : Math.max(0, Math.min(1, (double) active / total));
    }
}
