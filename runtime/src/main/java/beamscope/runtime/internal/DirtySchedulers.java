package beamscope.runtime.internal;

import beamscope.runtime.Behavior;
import beamscope.runtime.SchedulerSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where blocking Java code runs ({@link Behavior.Blocking}: {@code ctx.blocking}, Task bodies): the BEAM's
 * dirty schedulers. Each piece of work runs on its own virtual thread, so nothing waits for a free dirty
 * scheduler; a virtual thread that sleeps or waits for I/O holds no platform thread. For observers the
 * work is shown on lanes: a lane is taken (the lowest free one) while a process's work runs and freed when
 * it returns, so there are as many lanes as the most work that ever ran at once. They never go away.
 *
 * <p>Protocol: the process's owner (the scheduler running it) hands it over with {@link #run}, which is
 * its last touch; from then the dirty thread owns it: it runs the work, leaves the outcome in the process
 * ({@link ProcessCell#blockingDone}), frees the lane and makes the process runnable on a normal scheduler,
 * its last touch. The lanes' state changes under {@code lock}, which also orders the hand-over
 * (the owner's writes before {@link #run} happen-before the dirty thread's reads); the run-queue lock
 * orders the way back. Not a hot path: one lock and one thread start per piece of work.
 */
final class DirtySchedulers {
    private static final Lane[] NONE = new Lane[0];

    private static final class Lane {
        final int index;
        final long startedNanos = System.nanoTime();
        ProcessCell current;
        long busySince;
        long activeNanos;
        long jobs;

        Lane(int index) {
            this.index = index;
        }
    }

    private final NodeRuntime rt;
    private final java.util.concurrent.ThreadFactory threads; // a builder is not thread-safe; its factory is
    private final ReentrantLock lock = new ReentrantLock(); // not a monitor: virtual threads do not pin on it
    private Lane[] lanes = NONE;

    DirtySchedulers(NodeRuntime rt, String name) {
        this.rt = rt;
        this.threads = Thread.ofVirtual().name(name, 1).factory();
    }

    /** Runs the {@link Behavior.Blocking} that is {@code c}'s behaviour; the caller gives {@code c} up. */
    void run(ProcessCell c) {
        Behavior.Blocking work = (Behavior.Blocking) c.behavior;
        Lane lane = take(c);
        threads.newThread(() -> {
            Object value = null;
            Throwable error = null;
            try {
                value = work.work().call();
            } catch (Throwable t) {
                error = t;
            }
            c.blockingDone(value, error);
            free(lane);
            rt.makeRunnable(c);
        }).start();
    }

    private Lane take(ProcessCell c) {
        lock.lock();
        try {
            Lane lane = null;
            for (Lane l : lanes) {
                if (l.current == null) {
                    lane = l;
                    break;
                }
            }
            if (lane == null) {
                lane = new Lane(lanes.length);
                lanes = Arrays.copyOf(lanes, lanes.length + 1);
                lanes[lane.index] = lane;
            }
            lane.current = c;
            lane.busySince = System.nanoTime();
            return lane;
        } finally {
            lock.unlock();
        }
    }

    private void free(Lane lane) {
        lock.lock();
        try {
            lane.activeNanos += System.nanoTime() - lane.busySince;
            lane.jobs++;
            lane.current = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One snapshot per lane: the process whose work runs there, busy and total time, and as its context
     * switches the pieces of work it finished (no reductions: blocking work is not counted in them).
     */
    List<SchedulerSnapshot> snapshot() {
        lock.lock();
        try {
            long now = System.nanoTime();
            List<SchedulerSnapshot> out = new ArrayList<>(lanes.length);
            for (Lane l : lanes) {
                long active = l.activeNanos + (l.current != null ? now - l.busySince : 0);
                out.add(new SchedulerSnapshot(l.index, l.current == null ? null : l.current.pid, 0, 0, 0, 0, active,
                        now - l.startedNanos, l.jobs, 0, true, false));
            }
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }
}
