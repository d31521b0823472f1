package beamscope.runtime;

import java.util.List;

/**
 * The node at a moment: per scheduler state and node totals. Taking one reads published counters
 * only; it never blocks a scheduler.
 *
 * @param nanoTime     the node clock when taken
 * @param processes    processes alive
 * @param spawns       processes spawned since start
 * @param exits        processes exited since start
 * @param messagesSent messages sent since start
 * @param reductions   reductions spent since start
 * @param paused       whether the schedulers are paused
 * @param timers       timers pending in the timer service
 * @param dirtySchedulers the dirty schedulers' lanes ({@link SchedulerSnapshot#dirty()}): blocking Java
 *                     work (Task bodies, {@code ctx.blocking}) and the process it runs for; one lane per
 *                     piece of work that ran at the same time, at most
 */
public record NodeSnapshot(
        long nanoTime,
        List<SchedulerSnapshot> schedulers,
        int processes,
        int processLimit,
        long spawns,
        long exits,
        long messagesSent,
        long reductions,
        boolean paused,
        long slowMotionNanos,
        int timers,
        long eventsDropped,
        List<SchedulerSnapshot> dirtySchedulers) {

    /** A node that has run no blocking work. */
    public NodeSnapshot(long nanoTime, List<SchedulerSnapshot> schedulers, int processes, int processLimit, long spawns,
            long exits, long messagesSent, long reductions, boolean paused, long slowMotionNanos, int timers,
            long eventsDropped) {
        this(nanoTime, schedulers, processes, processLimit, spawns, exits, messagesSent, reductions, paused,
                slowMotionNanos, timers, eventsDropped, List.of());
    }

    public int runQueueLength() {
        int n = 0;
        for (SchedulerSnapshot s : schedulers) n += s.runQueueLength();
        return n;
    }
}
