package beamscope.app;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * Hands values from a sampler thread to the FX thread with at most one task pending: a value that
 * arrives while one waits replaces it (merged with it, if a merge is given), so a slow FX thread skips
 * values instead of queueing them, and the producer never waits.
 *
 * <p>Invariant: {@code pending != null} exactly while one delivery task is queued on {@code fx}.
 */
public final class Handoff<T> {
    private final Executor fx;
    private final Consumer<T> sink;
    private final BinaryOperator<T> merge;
    private final AtomicReference<T> pending = new AtomicReference<>();

    /** @param merge (older, newer) -> what to deliver instead of both */
    public Handoff(Executor fx, Consumer<T> sink, BinaryOperator<T> merge) {
        this.fx = fx;
        this.sink = sink;
        this.merge = merge;
    }

    /** Keeps only the newest value. */
    public Handoff(Executor fx, Consumer<T> sink) {
        this(fx, sink, (older, newer) -> newer);
    }

    public void publish(T value) {
        if (pending.getAndUpdate(older -> older == null ? value : merge.apply(older, value)) != null) return;
        try {
            fx.execute(this::deliver);
        } catch (IllegalStateException toolkitNotRunning) {
            pending.set(null);
        }
    }

    private void deliver() {
        T v = pending.getAndSet(null);
        if (v != null) sink.accept(v);
    }
}
