package beamscope.runtime;

import java.time.Duration;

/**
 * A node-wide alarm on the messages queued in all mailboxes, like {@code memsup}'s
 * {@code system_memory_high_watermark} alarm. The node counts its queued messages (every process's
 * {@code message_queue_len}) every {@code interval}; when the total reaches {@code high} it publishes
 * {@code Event.SystemMonitor(nanos, null, MEMORY_HIGH_WATERMARK, [set: true, messages: n, high: h, low: l])}
 * once, and when it has fallen to {@code low} or below, the same with {@code set: false}, once. The gap
 * between the two is the hysteresis that keeps a total hovering at the mark from raising an alarm per count.
 * The alarm only reports; {@link MaxHeap} is what stops a process.
 *
 * @param high     the total that sets the alarm, or 0 for no alarm
 * @param low      the total at or below which it clears; less than {@code high}
 * @param interval how often the node counts (a walk of the process table, off the schedulers)
 */
public record MemoryWatermark(long high, long low, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    /** No alarm. */
    public static final MemoryWatermark OFF = new MemoryWatermark(0, 0, DEFAULT_INTERVAL);

    public MemoryWatermark {
        if (interval == null) interval = DEFAULT_INTERVAL;
        if (high < 0 || low < 0) throw new IllegalArgumentException("watermarks must not be negative");
        if (high > 0 && low >= high) throw new IllegalArgumentException("low (" + low + ") must be below high (" + high + ")");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
    }

    /** Set at {@code high} messages, cleared at three quarters of it, counted every 100 ms. */
    public static MemoryWatermark messages(long high) {
        if (high <= 0) throw new IllegalArgumentException("high must be positive");
        return new MemoryWatermark(high, high - Math.max(1, high / 4), DEFAULT_INTERVAL);
    }

    public MemoryWatermark withLow(long l) {
        return new MemoryWatermark(high, l, interval);
    }

    public MemoryWatermark withInterval(Duration d) {
        return new MemoryWatermark(high, low, d);
    }

    public boolean isOff() {
        return high == 0;
    }
}
