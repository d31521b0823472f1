package beamscope.runtime.internal;

import beamscope.runtime.EventTrace;

/**
 * A node's {@link EventTrace}: one {@link TraceRing} per scheduler (written by that scheduler's thread only) and
 * one for every other thread (the node's external ring, written under {@link EventBus}'s lock for it). How the
 * stamps are made causal is {@link EventBus}'s part (see its "Trace stamps").
 */
final class Trace implements EventTrace {
    private final EventBus bus;
    /** {@code rings[i]} for scheduler i; the last one for other threads. */
    final TraceRing[] rings;
    /** Per ring, the first event {@link #read} copies ({@link #forget}). */
    private final long[] start;

    Trace(EventBus bus, int schedulers, int capacity) {
        this.bus = bus;
        rings = new TraceRing[schedulers + 1];
        for (int i = 0; i < rings.length; i++) rings[i] = new TraceRing(capacity);
        start = new long[rings.length];
    }

    TraceRing external() {
        return rings[rings.length - 1];
    }

    /**
     * Two passes: the first notes how far each ring is written, the second copies each ring. A receive noted in the
     * first pass was published after its send, so the second pass, which looks at every ring after the first has
     * looked at all, finds that send; receives written after the first pass are left out (the next read has them).
     */
    @Override
    public synchronized long read(Sink sink) {
        long[] noted = new long[rings.length];
        for (int i = 0; i < rings.length; i++) noted[i] = rings[i].written();
        long horizon = Long.MIN_VALUE;
        for (int i = 0; i < rings.length; i++) horizon = Math.max(horizon, rings[i].copy(sink, start[i], noted[i]));
        return horizon;
    }

    @Override
    public synchronized void forget() {
        for (int i = 0; i < rings.length; i++) start[i] = rings[i].written();
    }

    @Override
    public long horizon() {
        long h = Long.MIN_VALUE;
        for (TraceRing r : rings) h = Math.max(h, r.oldest());
        return h;
    }

    @Override
    public long held() {
        long n = 0;
        for (TraceRing r : rings) n += Math.min(r.written(), r.capacity());
        return n;
    }

    @Override
    public long newest() {
        long t = Long.MIN_VALUE;
        for (TraceRing r : rings) t = Math.max(t, r.newest());
        return t;
    }

    @Override
    public int capacity() {
        return rings[0].capacity();
    }

    @Override
    public void close() {
        bus.untrace(this);
    }
}
