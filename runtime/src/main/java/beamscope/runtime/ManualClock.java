package beamscope.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: deterministic timers for tests. */
public final class ManualClock implements Clock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward; due timers fire (on the timer thread) after this returns. */
    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("time only moves forward");
        now.addAndGet(d.toNanos());
        listeners.forEach(Runnable::run);
    }

    @Override
    public boolean isManual() {
        return true;
    }

    @Override
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }
}
