package beamscope.runtime.internal;

import beamscope.runtime.Event;
import beamscope.runtime.EventTrace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One writer's part of an {@link EventTrace}: a preallocated ring of primitive columns (kind, stamp, pid numbers,
 * and the message or rare event by reference), so that recording a send or a receive builds no object, hands
 * nothing to another thread and waits for no one. The ring is the recording: when it is full the writer writes
 * over its oldest event, as a bounded recording drops its oldest, and nobody reads it until a recording is asked
 * for.
 *
 * <h2>Protocol (single writer, readers that copy)</h2>
 * The writer is one scheduler thread, or, for the node's external ring, whoever holds {@link EventBus}'s lock
 * for it. A reader ({@link #copy}) never writes.
 * <pre>
 * writer   fills slot (w &amp; mask), then written = w + 1 (release store)
 * reader   w2 = written (acquire); copies the slots of [w2 - capacity, w2); a load-load fence;
 *          w3 = written (acquire): the writer may have been writing over the slots of [w2 - capacity, w3 - capacity]
 *          meanwhile, and has replaced the whole reference chunk of w3 - capacity, so only
 *          [max(0, w3 - capacity + chunk), w2) is kept
 * </pre>
 * Invariant: a slot holds event number n (n &amp; mask = slot) from the release that publishes n + 1 until the
 * writer starts on n + capacity. An event is published as soon as it is written, so a send is published before
 * its message is delivered, and a receive (written when its handler returns) after its send. Stamps along a ring
 * grow but for one step: a receive is written after what its handler sent, with the stamp it was given before
 * (one less than theirs), so readers sort by stamp.
 */
final class TraceRing {
    static final byte NONE = 0, SEND = 1, RECEIVE = 2, EVENT = 3;

    final int mask;
    final byte[] kind;
    final long[] stamp;
    /** Pid numbers below 2^31 (the ids a node hands out first); a larger one goes as an {@link Event}. */
    final int[] pid;
    final int[] other;
    /**
     * The references, in chunks of {@code chunk} slots that the writer allocates as it goes: a reference stored
     * into a young array costs G1's write barrier a load and a compare, one stored into an old one (a ring
     * allocated up front soon is) a fence; so only the chunk table, once a chunk, takes the fence.
     */
    private final Object[][] chunks;
    private final int chunk, chunkShift;
    private Object[] current;
    @SuppressWarnings("unused") private long written;

    TraceRing(int capacity) {
        int c = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1; // the least power of two >= capacity
        mask = c - 1;
        kind = new byte[c];
        stamp = new long[c];
        pid = new int[c];
        other = new int[c];
        chunk = Math.min(1024, c / 4);
        chunkShift = Integer.numberOfTrailingZeros(chunk);
        chunks = new Object[c / chunk][];
    }

    /** Writer: the reference of event {@code w}. */
    private void ref(long w, Object o) {
        int j = (int) w & (chunk - 1);
        Object[] a = current;
        if (j == 0 || a == null) {
            a = new Object[chunk];
            chunks[(int) (w >>> chunkShift) & (chunks.length - 1)] = a;
            current = a;
        }
        a[j] = o;
    }

    private Object refAt(long e) {
        Object[] a = chunks[(int) (e >>> chunkShift) & (chunks.length - 1)];
        return a == null ? null : a[(int) e & (chunk - 1)];
    }

    int capacity() {
        return mask + 1;
    }

    void send(long t, long from, long to, Object message) {
        if (((from | to) >>> 31) != 0) {
            event(new Event.Send(t, beamscope.runtime.Pid.of(from), beamscope.runtime.Pid.of(to), message));
            return;
        }
        long w = written;
        int i = (int) w & mask;
        kind[i] = SEND;
        stamp[i] = t;
        pid[i] = (int) from;
        other[i] = (int) to;
        ref(w, message);
        WRITTEN.setRelease(this, w + 1);
    }

    void receive(long t, long p, Object message) {
        if ((p >>> 31) != 0) {
            event(new Event.Receive(t, beamscope.runtime.Pid.of(p), message));
            return;
        }
        long w = written;
        int i = (int) w & mask;
        kind[i] = RECEIVE;
        stamp[i] = t;
        pid[i] = (int) p;
        ref(w, message);
        WRITTEN.setRelease(this, w + 1);
    }

    void event(Event e) {
        long w = written;
        int i = (int) w & mask;
        kind[i] = EVENT;
        stamp[i] = e.nanos();
        ref(w, e);
        WRITTEN.setRelease(this, w + 1);
    }

    // readers

    /** Events written so far (acquire: the slots below it are filled). */
    long written() {
        return (long) WRITTEN.getAcquire(this);
    }

    /** The stamp of the latest event, or {@code Long.MIN_VALUE}; racy, for a size line. */
    long newest() {
        long w = written();
        return w == 0 ? Long.MIN_VALUE : stamp[(int) (w - 1) & mask];
    }

    /** The stamp of the oldest event once the ring has written over older ones, else {@code Long.MIN_VALUE}; racy. */
    long oldest() {
        long w = written();
        return w <= mask + 1 ? Long.MIN_VALUE : stamp[(int) w & mask];
    }

    /**
     * Copies the ring's events from number {@code start} on into {@code sink}, oldest first, but the receives from
     * number {@code receivesFrom} on. Returns the ring's horizon: the stamp of its oldest event when it has written
     * over older ones (before it, its events are lost), else {@code Long.MIN_VALUE}.
     */
    long copy(EventTrace.Sink sink, long start, long receivesFrom) {
        int cap = mask + 1;
        long w2 = written();
        long from = Math.max(start, Math.max(0, w2 - cap));
        int n = (int) (w2 - from);
        byte[] k = new byte[n];
        long[] s = new long[n];
        int[] p = new int[n], o = new int[n];
        int first = (int) from & mask;
        int a = Math.min(n, cap - first);
        System.arraycopy(kind, first, k, 0, a);
        System.arraycopy(stamp, first, s, 0, a);
        System.arraycopy(pid, first, p, 0, a);
        System.arraycopy(other, first, o, 0, a);
        if (a < n) {
            System.arraycopy(kind, 0, k, a, n - a);
            System.arraycopy(stamp, 0, s, a, n - a);
            System.arraycopy(pid, 0, p, a, n - a);
            System.arraycopy(other, 0, o, a, n - a);
        }
        Object[] r = new Object[n];
        for (int i = 0; i < n; i++) r[i] = refAt(from + i);
        VarHandle.loadLoadFence();
        long w3 = written();
        // the writer may be in event w3, and has replaced the chunk of w3 - capacity: whole chunks are kept
        long kept = Math.max(from, w3 - cap + chunk);
        boolean lost = kept > start && kept > 0;
        for (long e = kept; e < w2; e++) {
            int i = (int) (e - from);
            switch (k[i]) {
                case SEND -> sink.send(s[i], p[i], o[i], r[i]);
                case RECEIVE -> {
                    if (e < receivesFrom) sink.receive(s[i], p[i], r[i]);
                }
                case EVENT -> sink.event((Event) r[i]);
                default -> { }
            }
        }
        return lost && kept < w2 ? s[(int) (kept - from)] : Long.MIN_VALUE;
    }

    private static final VarHandle WRITTEN;

    static {
        try {
            WRITTEN = MethodHandles.lookup().findVarHandle(TraceRing.class, "written", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
