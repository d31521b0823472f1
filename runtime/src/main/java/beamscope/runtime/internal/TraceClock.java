package beamscope.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A scheduler's trace clock (see {@link EventBus}, "Trace stamps"), on a cache line of its own.
 *
 * <p>While someone traces, the owner writes {@link #clock} and {@link #received} at every receive. They used to be
 * fields of {@link Scheduler}, next to the words an idle scheduler reads over and over while it looks for work to
 * steal ({@code dispatches}, {@code runNext}, {@code parked}): each write then took the line back from the other
 * core. Here they are padded on both sides (superclass fields come first in HotSpot's layout, so the padding holds
 * whatever order the fields of one class get), and only a scheduler that takes over a process reads {@link #clock}.
 *
 * <p>Memory ordering: written by the owning scheduler's thread only, plain; {@link #observed} reads it opaque
 * (another scheduler, after the acquire that handed it the process, so at least that process's last stamp there).
 */
final class TraceClock extends TraceClockFields {
    @SuppressWarnings("unused") private long q0, q1, q2, q3, q4, q5, q6, q7;

    /** The clock as another thread sees it (opaque). */
    long observed() {
        return (long) CLOCK.getOpaque(this);
    }

    private static final VarHandle CLOCK;

    static {
        try {
            CLOCK = MethodHandles.lookup().findVarHandle(TraceClockFields.class, "clock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** Padding before the fields (see {@link TraceClock}). */
abstract class TraceClockPad {
    @SuppressWarnings("unused") private long p0, p1, p2, p3, p4, p5, p6, p7;
}

/** The fields of a {@link TraceClock}. */
abstract class TraceClockFields extends TraceClockPad {
    /** The stamp of this scheduler's next event; grows only. Owner-written, plain. */
    long clock = 1;
    /** The stamp given to the receive whose handler runs now (0: none). Owner only. */
    long received;
}
