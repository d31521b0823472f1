package beamscope.runtime.internal;

import java.time.Duration;

/**
 * Durations turned into clock deadlines without overflow. {@link Long#MAX_VALUE} is the deadline that
 * never comes: a duration too long for a {@code long} of nanoseconds ({@code GenServer.INFINITY}, OTP's
 * {@code :infinity}), or one that would pass it when added to now, saturates to it instead of throwing
 * or wrapping round into the past.
 */
final class Deadlines {
    private Deadlines() {}

    /** The deadline that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    /** {@code d} in nanoseconds: 0 for a negative duration, {@link #NEVER} for one too long to count. */
    static long nanos(Duration d) {
        if (d.isNegative()) return 0;
        return d.compareTo(MAX_NANOS) >= 0 ? NEVER : d.toNanos();
    }

    /** {@code now + nanos} ({@code nanos >= 0}), or {@link #NEVER} when that is past the end of time. */
    static long after(long now, long nanos) {
        long at = now + nanos;
        return nanos == NEVER || at < now ? NEVER : at;
    }

    /** {@code deadline - now}: {@link #NEVER} for a deadline that never comes or too far to count. */
    static long left(long deadline, long now) {
        if (deadline == NEVER) return NEVER;
        long d = deadline - now;
        if (deadline >= now) return d >= 0 ? d : NEVER;
        return d <= 0 ? d : Long.MIN_VALUE;
    }
}
