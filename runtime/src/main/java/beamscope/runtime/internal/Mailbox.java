package beamscope.runtime.internal;

import beamscope.runtime.MaxHeap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's mailbox: the inbound stack senders push onto and the owner's local list. The first link
 * of the process's class chain ({@code Mailbox <- SignalCell <- ProcessCell}, one object per process);
 * it knows queues, not what a signal means ({@link #handleSignal}) or how a process is woken
 * ({@link #wake}).
 *
 * <h2>Mailbox protocol</h2>
 * Senders push onto {@code inbound}, a lock-free stack (one CAS per message or signal). Only the owner
 * takes from it, all at once, and appends the nodes in arrival order to its local list
 * ({@code first..last}), where selective receive scans them.
 * <pre>
 * inbound == null    the process is running or runnable; new nodes just stack up
 * inbound == PARKED  the process waits with nothing new; the sender that replaces PARKED owns the
 *                    wake-up and must make the process runnable ({@link #wake()})
 * inbound == DEAD    the process has exited; pushes fail and the sender handles "noproc"
 * </pre>
 * Invariant: a process has exactly one owner: a run queue, a scheduler's {@code runNext} slot, the
 * scheduler running it, a dirty scheduler running its blocking work ({@link DirtySchedulers}; inbound
 * is never PARKED then, so senders only stack), or (while PARKED) nobody; the sender that ends PARKED
 * becomes the owner (it queues the process; for an untrappable kill, ends it on the spot; for a link or
 * monitor signal, takes its envelope back, applies it and parks the process again: {@link
 * SignalCell#deliverInPlace}). Only
 * the owner moves {@code null -> PARKED} ({@link ProcessCell#tryPark}), and only after a last look at
 * the inbound stack, so no wake-up is lost: the CAS fails if anything arrived. Only the exit moves
 * anything to DEAD ({@link #closeInbound}). The CAS and {@code getAndSet} give the happens-before edges
 * between a sender's writes and the owner's reads; run-queue locks give them between successive owners.
 *
 * <h2>Mailbox limit ({@link beamscope.runtime.MaxHeap})</h2>
 * {@code deliver} reads {@code limit} (volatile) once; null, the common case, leaves the path above as it
 * is. With a limit the sender checks after its successful push, from counts the mailbox keeps anyway: the
 * inbound length is its node's {@code depth}, the local length the owner's {@code localSize} (opaque
 * read), and for a byte limit the inbound bytes are its {@link Envelope.Sized} node's running sum and the
 * local bytes {@link MailboxLimit#localBytes()}. No atomic is added per message. The sum can only
 * under-count (during a drain, nodes leave the stack before {@code localSize} counts them), so a process
 * is never killed below its limit. The sender that pushes past the limit wins {@link MailboxLimit#trip()}
 * (one CAS), reports, and delivers an ordinary untrappable kill ({@link SignalCell#exceeded}): the process
 * dies as promptly as from {@code exit(pid, :kill)}, even if it never receives, which a check at drain
 * would not give. Later senders see it doomed and drop messages (signals still go in, to be answered at exit).
 *
 * <h2>What other threads may read</h2>
 * {@code inbound} (acquire), {@code localSize} (opaque; the owner writes it opaque), and the local list
 * from {@code first} (acquire) along {@link Envelope#nextAcquire()} (the owner links with release
 * writes): {@link #messageQueueLen()} and {@link #peekMessages(int)}, weakly consistent. {@code last},
 * {@code scanPrev} and the nodes' {@code depth} on the local list are the owner's alone. While a receive's
 * handler runs, {@code localSize} leaves its message out ({@link #takeInHand}), as OTP's receive has taken it
 * out of the queue before the clause runs; the node stays on the list until the handler has taken it.
 */
abstract class Mailbox {

    static final Envelope PARKED = new Envelope(null);
    static final Envelope DEAD = new Envelope(null);

    volatile Envelope inbound;
    /** The mailbox limit, null when none is set (read by senders, written by the owner or at spawn). */
    volatile MailboxLimit limit;

    // local mailbox, owner only (published for observers with release writes)
    Envelope first, last;
    /** The last node already offered to the current receive without a match; null = scan from first. */
    Envelope scanPrev;
    int localSize;

    /** Called by the sender that took the process out of PARKED: it now owns making it runnable. */
    abstract void wake();

    /** Owner: a signal taken from the inbound stack, in arrival order with the messages around it. */
    abstract void handleSignal(Signal s);

    /** A sender pushed the mailbox past its limit: {@code queued} messages, {@code bytes} estimated. */
    abstract void exceeded(MailboxLimit l, long queued, long bytes);

    // ---------------------------------------------------------------- delivery (any thread)

    /**
     * Pushes a message or signal. Returns false if the process has exited.
     * Linearization point: the successful CAS on {@code inbound}.
     */
    final boolean deliver(Object payload) {
        MailboxLimit l = limit;
        if (l != null) return deliverLimited(payload, l);
        return pushMessage(new Envelope(payload));
    }

    /**
     * {@link #deliver} of a send; a traced one ({@code stamp != 0}) gets a node that carries the send's stamp
     * ({@link Envelope.Stamped}). A process with a mailbox limit gets plain nodes (its receives then sort by their
     * own clock only).
     */
    final boolean deliver(Object payload, long stamp) {
        MailboxLimit l = limit;
        if (l != null) return deliverLimited(payload, l);
        return pushMessage(stamp == 0 ? new Envelope(payload) : new Envelope.Stamped(payload, stamp));
    }

    private boolean pushMessage(Envelope e) {
        for (;;) {
            Envelope h = (Envelope) INBOUND.getAcquire(this);
            if (h == DEAD) return false;
            boolean wasParked = h == PARKED;
            Envelope below = wasParked ? null : h;
            e.next = below;
            e.depth = below == null ? 1 : below.depth + 1;
            if (INBOUND.compareAndSet(this, h, e)) {
                if (wasParked) wake();
                return true;
            }
        }
    }

    /** {@link #deliver} to a process with a mailbox limit: the same push, then the check. */
    private boolean deliverLimited(Object payload, MailboxLimit l) {
        boolean message = !(payload instanceof Signal);
        if (message && l.doomed()) return true; // lost, as every message to a process that is exiting
        MaxHeap max = l.max;
        Envelope.Sized sized = max.bytes() > 0
                ? new Envelope.Sized(payload, message ? Envelope.Sized.NODE_BYTES + MaxHeap.estimateBytes(payload) : 0)
                : null;
        Envelope e = sized != null ? sized : new Envelope(payload);
        for (;;) {
            Envelope h = (Envelope) INBOUND.getAcquire(this);
            if (h == DEAD) return false;
            boolean wasParked = h == PARKED;
            Envelope below = wasParked ? null : h;
            e.next = below;
            e.depth = below == null ? 1 : below.depth + 1;
            if (sized != null) sized.inboundBytes = sized.bytes + (below instanceof Envelope.Sized b ? b.inboundBytes : 0);
            if (INBOUND.compareAndSet(this, h, e)) {
                if (wasParked) wake();
                long queued = e.depth + (int) LOCAL_SIZE.getOpaque(this);
                long bytes = sized == null ? 0 : sized.inboundBytes + l.localBytes();
                if (l.over(queued, bytes)) exceeded(l, queued, bytes);
                return true;
            }
        }
    }

    /**
     * Pushes {@code e} (a signal) without the limit's check. Returns the head it replaced: DEAD when the
     * process has exited (nothing was pushed), PARKED when the caller now owns the process.
     */
    final Envelope push(Envelope e) {
        for (;;) {
            Envelope h = (Envelope) INBOUND.getAcquire(this);
            if (h == DEAD) return h;
            Envelope below = h == PARKED ? null : h;
            e.next = below;
            e.depth = below == null ? 1 : below.depth + 1;
            if (INBOUND.compareAndSet(this, h, e)) return h;
        }
    }

    final boolean casInbound(Envelope expect, Envelope value) {
        return INBOUND.compareAndSet(this, expect, value);
    }

    final boolean hasInbound() {
        Envelope h = (Envelope) INBOUND.getAcquire(this);
        return h != null && h != PARKED && h != DEAD;
    }

    /**
     * The exit's close: nothing can arrive after this (later senders see DEAD and answer for the process,
     * "noproc"). Returns what was still on the inbound stack, newest first (null or PARKED when nothing).
     */
    final Envelope closeInbound() {
        return (Envelope) INBOUND.getAndSet(this, DEAD);
    }

    // ---------------------------------------------------------------- the local list (owner)

    /** Owner only: moves everything that arrived into the local mailbox, handling signals in order. */
    final void drainInbound() {
        Envelope h = (Envelope) INBOUND.getAcquire(this);
        if (h == null || h == PARKED || h == DEAD) return; // PARKED stays: its waker owns the wake-up
        h = (Envelope) INBOUND.getAndSet(this, null); // only pushes can have happened since: still a chain
        Envelope oldest = null;
        while (h != null) {
            Envelope n = h.next;
            h.next = oldest;
            oldest = h;
            h = n;
        }
        for (Envelope e = oldest; e != null; ) {
            Envelope n = e.next;
            if (e.payload instanceof Signal s) handleSignal(s);
            else appendLocal(e);
            e = n;
        }
    }

    final void appendLocal(Envelope e) {
        e.next = null;
        e.depth = 0;
        if (last == null) {
            FIRST.setRelease(this, e);
        } else {
            last.setNextRelease(e);
        }
        last = e;
        LOCAL_SIZE.setOpaque(this, localSize + 1);
        MailboxLimit l = limit;
        if (l != null) l.appended(e);
    }

    /** Removes {@code e}, whose predecessor is {@code prev} (null when first) if the caller knows it. */
    final void removeLocal(Envelope prev, Envelope e) {
        if (unlinkLocal(prev, e)) {
            LOCAL_SIZE.setOpaque(this, localSize - 1);
            MailboxLimit l = limit;
            if (l != null) l.removed(e, localSize);
        }
    }

    /**
     * Owner: a receive takes {@code e} in hand to run its handler; while it runs, {@code e} is not counted as
     * queued (OTP's receive takes the message out before its clause runs, so {@code message_queue_len} in
     * there counts the others). {@link #handled} or {@link #putBack} follows.
     */
    final void takeInHand() {
        LOCAL_SIZE.setOpaque(this, localSize - 1);
    }

    /** Owner: the handler did not take {@code e} (a selective receive): it counts as queued again. */
    final void putBack() {
        LOCAL_SIZE.setOpaque(this, localSize + 1);
    }

    /** Owner: the handler took {@code e}: it leaves the list (uncounted already, see {@link #takeInHand}). */
    final void handled(Envelope prev, Envelope e) {
        if (unlinkLocal(prev, e)) {
            MailboxLimit l = limit;
            if (l != null) l.removed(e, localSize);
        } else { // the handler itself removed it (a flush), which counted it out a second time
            LOCAL_SIZE.setOpaque(this, localSize + 1);
        }
    }

    /** Unlinks {@code e} from the local list (false when it is no longer there); the count is the caller's. */
    private boolean unlinkLocal(Envelope prev, Envelope e) {
        if (e.depth < 0) return false;
        if (prev == null ? first != e : (prev.depth < 0 || prev.next != e)) {
            prev = null;
            for (Envelope x = first; x != e; x = x.next) {
                if (x == null) return false;
                prev = x;
            }
        }
        Envelope n = e.next;
        if (prev == null) FIRST.setRelease(this, n);
        else prev.setNextRelease(n);
        if (last == e) last = prev;
        if (scanPrev == e) scanPrev = prev;
        e.depth = -1;
        return true;
    }

    /** Owner only: empties the local list (at exit, or to free memory before an out-of-memory exit). */
    final void clearLocal() {
        FIRST.setRelease(this, (Envelope) null);
        last = null;
        scanPrev = null;
        LOCAL_SIZE.setOpaque(this, 0);
    }

    /**
     * Owner: sets the limit ({@code null} or {@link MaxHeap#isOff()} removes it); returns the previous one.
     * A limit below what is queued already acts now, as the next send would.
     */
    final MaxHeap setLimit(MaxHeap max) {
        MailboxLimit old = limit;
        if (max == null || max.isOff()) {
            limit = null;
        } else {
            MailboxLimit l = new MailboxLimit(max, old == null ? 0 : old.localBytes());
            limit = l;
            Envelope h = (Envelope) INBOUND.getAcquire(this);
            boolean stacked = h != null && h != PARKED && h != DEAD;
            long queued = localSize + (stacked ? h.depth : 0);
            long bytes = l.localBytes() + (stacked && h instanceof Envelope.Sized s ? s.inboundBytes : 0);
            if (l.over(queued, bytes)) exceeded(l, queued, bytes);
        }
        return old == null ? MaxHeap.OFF : old.max;
    }

    final MaxHeap limitObserved() {
        MailboxLimit l = limit;
        return l == null ? MaxHeap.OFF : l.max;
    }

    // ---------------------------------------------------------------- observation (any thread)

    /** Messages waiting: the local mailbox plus what has arrived but not been drained yet. */
    final int messageQueueLen() {
        int local = (int) LOCAL_SIZE.getOpaque(this);
        Envelope h = (Envelope) INBOUND.getAcquire(this);
        int in = (h == null || h == PARKED || h == DEAD) ? 0 : h.depth;
        return Math.max(0, local + in);
    }

    /** The first {@code limit} queued messages, oldest first (a weakly consistent peek). */
    final List<Object> peekMessages(int limit) {
        List<Object> out = new ArrayList<>(Math.min(limit, 16));
        for (Envelope e = (Envelope) FIRST.getAcquire(this); e != null && out.size() < limit; e = e.nextAcquire()) {
            if (e.depth >= 0) out.add(e.payload);
        }
        if (out.size() < limit) {
            Envelope h = (Envelope) INBOUND.getAcquire(this);
            if (h != null && h != PARKED && h != DEAD) {
                List<Object> pending = new ArrayList<>();
                for (Envelope e = h; e != null && pending.size() < 10_000; e = e.next) {
                    if (!(e.payload instanceof Signal)) pending.add(e.payload);
                }
                for (int i = pending.size() - 1; i >= 0 && out.size() < limit; i--) out.add(pending.get(i));
            }
        }
        return out;
    }

    private static final VarHandle INBOUND, FIRST, LOCAL_SIZE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INBOUND = l.findVarHandle(Mailbox.class, "inbound", Envelope.class);
            FIRST = l.findVarHandle(Mailbox.class, "first", Envelope.class);
            LOCAL_SIZE = l.findVarHandle(Mailbox.class, "localSize", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
