package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.MemoryWatermark;
import beamscope.runtime.Tuple;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's {@link MemoryWatermark} alarm: a thread of its own that counts the messages queued in all
 * mailboxes every interval and publishes {@link Event#MEMORY_HIGH_WATERMARK} once when the total reaches the
 * high mark and once when it is back at the low mark. Counting walks the process table reading two
 * published fields per process ({@link Mailbox#messageQueueLen()}), so no send pays anything for it and
 * no scheduler waits for it; the total is a weakly consistent sum, as any snapshot of a running node is.
 * Only this thread reads and writes {@code set}.
 */
final class WatermarkAlarm implements Runnable {
    private static final Atom SET = Atom.of("set"), MESSAGES = Atom.of("messages"), HIGH = Atom.of("high"),
            LOW = Atom.of("low");

    private final NodeRuntime rt;
    private final MemoryWatermark mark;
    private volatile boolean set;

    WatermarkAlarm(NodeRuntime rt, MemoryWatermark mark) {
        this.rt = rt;
        this.mark = mark;
    }

    @Override
    public void run() {
        long interval = mark.interval().toNanos();
        while (!rt.stopping) {
            LockSupport.parkNanos(this, interval);
            if (rt.stopping) return;
            check();
        }
    }

    /** One count, and the event if it crossed a mark. */
    void check() {
        long total = queuedMessages();
        if (!set && total >= mark.high()) publish(true, total);
        else if (set && total <= mark.low()) publish(false, total);
    }

    private long queuedMessages() {
        long[] total = {0};
        rt.table.forEach(c -> total[0] += c.messageQueueLen());
        return total[0];
    }

    private void publish(boolean on, long total) {
        set = on;
        rt.events.systemMonitor(null, Event.MEMORY_HIGH_WATERMARK, List.of(Tuple.of(SET, on), Tuple.of(MESSAGES, total),
                Tuple.of(HIGH, mark.high()), Tuple.of(LOW, mark.low())));
    }
}
