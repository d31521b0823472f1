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
        long eventsDropped) {

    public int runQueueLength() {
        int n = 0;
        for (SchedulerSnapshot s : schedulers) n += s.runQueueLength();
        return n;
    }
}
