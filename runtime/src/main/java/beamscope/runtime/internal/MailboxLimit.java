package beamscope.runtime.internal;

import beamscope.runtime.MaxHeap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A process's {@link MaxHeap} flag and the state its check needs; a process has one only while a limit is
 * set, so a process without one pays a null check per send and nothing else.
 *
 * <p>{@code localBytes} is the estimated bytes of the {@link Envelope.Sized} messages in the owner's local
 * list: written by the owner only (opaque), read by senders (opaque), who add the inbound stack's bytes from
 * its head. {@code tripped} is claimed by one CAS, so exactly one thread reports and kills; with
 * {@link MaxHeap#kill()} it stays set (the process is doomed) and senders drop messages to it.
 */
final class MailboxLimit {
    final MaxHeap max;
    private long localBytes;
    private volatile boolean tripped;

    MailboxLimit(MaxHeap max, long localBytes) {
        this.max = max;
        this.localBytes = localBytes;
    }

    long localBytes() {
        return (long) LOCAL_BYTES.getOpaque(this);
    }

    /** Owner: a node moved to the local list. */
    void appended(Envelope e) {
        if (e instanceof Envelope.Sized s) LOCAL_BYTES.setOpaque(this, localBytes + s.bytes);
    }

    /**
     * Owner: a node left the local list, which now holds {@code localSize} messages. A limit that only
     * reports is re-armed once the mailbox is down to half of it.
     */
    void removed(Envelope e, int localSize) {
        if (e instanceof Envelope.Sized s) LOCAL_BYTES.setOpaque(this, Math.max(0, localBytes - s.bytes));
        if (tripped && !max.kill() && (max.messages() == 0 || localSize <= max.messages() / 2)
                && (max.bytes() == 0 || localBytes <= max.bytes() / 2)) tripped = false;
    }

    /** True when a message to this process would only be thrown away: it is being killed for its limit. */
    boolean doomed() {
        return tripped && max.kill();
    }

    /** Claims the report and the kill for one crossing; true for exactly one caller. */
    boolean trip() {
        return !tripped && TRIPPED.compareAndSet(this, false, true);
    }

    /** Whether {@code queued} messages and {@code bytes} estimated bytes are over the limit. */
    boolean over(long queued, long bytes) {
        return (max.messages() > 0 && queued > max.messages()) || (max.bytes() > 0 && bytes > max.bytes());
    }

    private static final VarHandle LOCAL_BYTES, TRIPPED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOCAL_BYTES = l.findVarHandle(MailboxLimit.class, "localBytes", long.class);
            TRIPPED = l.findVarHandle(MailboxLimit.class, "tripped", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
