package beamscope.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One queued message or signal. The same node moves from the inbound stack to the local mailbox list
 * without copying.
 *
 * <p>While on the inbound stack {@code next} points to the older node and {@code depth} counts the
 * nodes below and including this one (so the stack's head tells the inbound length). On the local
 * list {@code next} points to the newer node and is written with release semantics, so that an
 * observer walking the list from another thread sees fully linked nodes; {@code depth} is then
 * {@code -1} once the node has been removed.
 *
 * <p>A process with a byte limit ({@link beamscope.runtime.MaxHeap#bytes()}) gets {@link Sized} nodes, which
 * also carry the message's estimated size and, while on the inbound stack, the bytes of the nodes below
 * and including this one (as {@code depth} counts them), so the head tells the inbound bytes too.
 */
class Envelope {
    final Object payload;
    Envelope next;
    int depth;

    Envelope(Object payload) {
        this.payload = payload;
    }

    static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Envelope.class, "next", Envelope.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    void setNextRelease(Envelope n) {
        NEXT.setRelease(this, n);
    }

    Envelope nextAcquire() {
        return (Envelope) NEXT.getAcquire(this);
    }

    /**
     * A message sent while the node is traced ({@link TraceRing}): it carries its send's stamp, so that the
     * receiver's clock moves past it and the receive sorts after the send. Plain nodes otherwise: nothing is
     * added to a message when no one traces.
     */
    static final class Stamped extends Envelope {
        final long stamp;

        Stamped(Object payload, long stamp) {
            super(payload);
            this.stamp = stamp;
        }
    }

    /** A node that knows its message's estimated bytes ({@link beamscope.runtime.MaxHeap#estimateBytes}). */
    static final class Sized extends Envelope {
        /** The queue node itself: header, three fields, and these two. */
        static final long NODE_BYTES = 40;

        final long bytes;
        /** On the inbound stack: the bytes of this node and every {@code Sized} node below it. */
        long inboundBytes;

        Sized(Object payload, long bytes) {
            super(payload);
            this.bytes = bytes;
        }
    }
}
