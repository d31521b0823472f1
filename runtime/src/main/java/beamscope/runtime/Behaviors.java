package beamscope.runtime;

/**
 * Factory for {@link Behavior}s, named after Elixir's process primitives.
 *
 * <pre>{@code
 * static Behavior counter(long n) {
 *     return Behaviors.receive((ctx, msg) -> switch (msg) {
 *         case Tuple2(Atom tag, Long by) when tag == INCREMENT -> counter(n + by);
 *         case Tuple2(Atom tag, Pid from) when tag == GET -> { ctx.send(from, n); yield Behaviors.same(); }
 *         default -> Behaviors.unhandled();
 *     });
 * }
 * }</pre>
 */
public final class Behaviors {

    private Behaviors() {}

    /** {@code receive do ... end}: handle one message, return the next behaviour. */
    public static Behavior.Receive receive(Behavior.MessageHandler handler) {
        return new Behavior.Receive(handler, null, null, null);
    }

    /** A labelled receive; the label shows as the process's current behaviour. */
    public static Behavior.Receive receive(String label, Behavior.MessageHandler handler) {
        return new Behavior.Receive(handler, null, null, label);
    }

    /** Runs once with the context as soon as it is installed (at spawn, or when returned by a handler). */
    public static Behavior setup(Behavior.Step step) {
        return new Behavior.Setup(step, null);
    }

    /** A step that runs without a message: a busy loop while it returns {@link #same()}. */
    public static Behavior compute(Behavior.Step step) {
        return new Behavior.Compute(step, null);
    }

    /**
     * Runs {@code work} on a dirty scheduler and continues with {@code then.apply(result)} on a normal
     * one (see {@link Behavior.Blocking}); the mailbox is left alone until then.
     */
    @SuppressWarnings("unchecked")
    public static <T> Behavior blocking(java.util.concurrent.Callable<? extends T> work,
            java.util.function.Function<? super T, Behavior> then) {
        return new Behavior.Blocking(work, r -> then.apply((T) r), null);
    }

    public static Behavior same() {
        return Behavior.Same.INSTANCE;
    }

    public static Behavior unhandled() {
        return Behavior.Unhandled.INSTANCE;
    }

    /** Stop with reason {@code normal}. */
    public static Behavior stop() {
        return Behavior.Stop.NORMAL;
    }

    /** Stop with the given exit reason. */
    public static Behavior stop(Object reason) {
        return new Behavior.Stop(reason);
    }
}
