package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's watch on its schedulers, as {@code erlang:system_monitor(Pid, [{long_schedule, Ms}])}: a
 * process cannot be preempted while it runs Java code that does not return (a loop that charges no
 * reductions, a blocking call), so a thread looks from outside.
 *
 * <p>Every tick it reads each scheduler's dispatch counter and running process (opaque reads, nothing on
 * the schedulers' hot path). A counter unchanged since the previous tick, with a process running, means
 * one slice has lasted since that tick at least; the slice's age is measured from the tick that first saw
 * its dispatch, so it is known to within one tick. A slice older than the threshold is reported once, as
 * {@link Event#LONG_SCHEDULE} with the process, the scheduler, the time so far and the scheduler thread's
 * stack, and its scheduler is marked ({@link Scheduler#longSchedule()}) until the slice ends.
 *
 * <p>A scheduler whose slice has not ended since the previous tick holds no one else: the tick moves its
 * runNext process and its queued processes, most urgent first, each to the least loaded scheduler that is
 * not stuck too (and unparks it), as the BEAM's run-queue balancing migrates processes. Idle schedulers
 * steal such processes sooner by themselves ({@link Scheduler}), but a scheduler that stays busy with
 * its own queue never steals, and a runNext slot wakes nobody (so ping-pong partners stay together).
 * Moving is what any thief does: a CAS on the runNext slot, a poll under the queue's lock, a push.
 */
final class SystemMonitor implements Runnable {
    static final Duration DEFAULT_LONG_SCHEDULE = Duration.ofMillis(100);
    private static final long MAX_TICK_NANOS = 10_000_000;
    private static final int STACK_DEPTH = 24;

    private final NodeRuntime rt;
    private volatile long thresholdNanos = DEFAULT_LONG_SCHEDULE.toNanos();
    // per scheduler, monitor thread only
    private final long[] seenDispatch, seenSince, reported;
    private final boolean[] stuck;

    SystemMonitor(NodeRuntime rt) {
        this.rt = rt;
        int n = rt.schedulers.length;
        seenDispatch = new long[n];
        seenSince = new long[n];
        reported = new long[n];
        stuck = new boolean[n];
        java.util.Arrays.fill(seenDispatch, -1);
        java.util.Arrays.fill(reported, -1);
    }

    /** Sets the long-schedule threshold; returns the previous one. */
    Duration longSchedule(Duration threshold) {
        if (threshold.isNegative() || threshold.isZero()) throw new IllegalArgumentException("threshold must be positive");
        Duration old = Duration.ofNanos(thresholdNanos);
        thresholdNanos = threshold.toNanos();
        LockSupport.unpark(thread);
        return old;
    }

    Duration longSchedule() {
        return Duration.ofNanos(thresholdNanos);
    }

    private Thread thread;

    void start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        while (!rt.stopping) {
            LockSupport.parkNanos(this, Math.max(1_000_000, Math.min(MAX_TICK_NANOS, thresholdNanos / 4)));
            tick(System.nanoTime());
        }
    }

    void tick(long now) {
        Scheduler[] all = rt.schedulers;
        boolean anyStuck = false;
        for (int i = 0; i < all.length; i++) {
            Scheduler s = all[i];
            long d = s.dispatches();
            ProcessCell p = s.current();
            stuck[i] = d == seenDispatch[i] && p != null; // the same slice since the previous tick
            if (!stuck[i]) {
                seenDispatch[i] = d;
                seenSince[i] = now;
                continue;
            }
            anyStuck = true;
            long ran = now - seenSince[i];
            if (ran >= thresholdNanos && reported[i] != d) {
                reported[i] = d;
                s.markLongSchedule(d);
                report(s, d, p, ran);
            }
        }
        if (anyStuck && !rt.gate.paused) {
            for (int i = 0; i < all.length; i++) if (stuck[i]) moveAway(all[i]);
        }
    }

    /** Moves what waits on {@code from} (stuck in one slice) to schedulers that are not stuck. */
    private void moveAway(Scheduler from) {
        for (;;) {
            if (from.runNext() == null && from.queue.size() == 0) return;
            Scheduler to = null;
            for (Scheduler s : rt.schedulers) {
                if (!stuck[s.index] && (to == null || s.queue.size() < to.queue.size())) to = s;
            }
            if (to == null) return;
            ProcessCell p = from.surrender();
            if (p == null) return;
            to.queue.push(p);
            java.lang.invoke.VarHandle.fullFence(); // Dekker with Scheduler.idle, as in makeRunnable
            if (to.parked) to.unpark();
        }
    }

    private void report(Scheduler s, long dispatch, ProcessCell p, long ranNanos) {
        List<String> stack = stackOf(s.thread);
        if (s.dispatches() != dispatch) return; // the slice ended while we looked: the stack is not its own
        rt.events.systemMonitor(p.pid, Event.LONG_SCHEDULE, List.of(
                Tuple.of(Atom.TIMEOUT, ranNanos / 1_000_000),
                Tuple.of(Atom.of("scheduler"), (long) s.index + 1),
                Tuple.of(Atom.of("initial_call"), p.initialCall),
                Tuple.of(Atom.of("stacktrace"), stack)));
    }

    /** The frames above the runtime's own, innermost first. */
    static List<String> stackOf(Thread t) {
        StackTraceElement[] st = t.getStackTrace();
        List<String> out = new ArrayList<>(Math.min(st.length, STACK_DEPTH));
        for (StackTraceElement e : st) {
            if (e.getClassName().equals(ProcessCell.class.getName()) && e.getMethodName().equals("runSlice")) break;
            if (out.size() < STACK_DEPTH) out.add(e.toString());
        }
        return List.copyOf(out);
    }
}
