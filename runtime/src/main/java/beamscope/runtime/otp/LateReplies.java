package beamscope.runtime.otp;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ProcessContext;

/**
 * Wraps a behaviour, and every behaviour it leads to, so that its receives drop late replies to calls
 * the process gave up ({@link Calls#dropIfLateReply}). Costs one dictionary read per message while the
 * process has abandoned calls, and a little less otherwise. A dropped reply restarts a pending
 * {@code after} timer (unlike a non-matching message, B4); the only difference anyone could see.
 *
 * <p>Wrapping is idempotent: a behaviour already guarded is returned as it is. A process that catches a
 * failed call, calls again and catches again, in a loop, keeps one layer (not one per failure, which
 * would grow its stack until it overflowed).
 */
final class LateReplies {
    private LateReplies() {}

    static Behavior guard(Behavior b) {
        return switch (b) {
            case Behavior.Receive r -> {
                boolean handled = r.handler() instanceof DropLate;
                boolean timed = r.timeout() == null || r.onTimeout() instanceof Guarded;
                if (handled && timed) yield r;
                Behavior.MessageHandler h = handled ? r.handler() : new DropLate(r.handler());
                Behavior.Step t = r.timeout() == null || r.onTimeout() instanceof Guarded ? r.onTimeout()
                        : new Guarded(r.onTimeout());
                yield new Behavior.Receive(h, r.timeout(), t, r.label());
            }
            case Behavior.Setup s -> s.step() instanceof Guarded ? s : new Behavior.Setup(new Guarded(s.step()), s.label());
            case Behavior.Compute c -> c.step() instanceof Guarded ? c : new Behavior.Compute(new Guarded(c.step()), c.label());
            case Behavior.Blocking w -> w.then() instanceof GuardedThen ? w
                    : new Behavior.Blocking(w.work(), new GuardedThen(w.then()), w.label());
            default -> b;
        };
    }

    /** A receive handler that drops late replies, then guards what the wrapped handler returns. */
    private record DropLate(Behavior.MessageHandler inner) implements Behavior.MessageHandler {
        @Override
        public Behavior apply(ProcessContext ctx, Object m) throws Exception {
            if (Calls.dropIfLateReply(ctx, m)) return Behaviors.same();
            return guard(inner.apply(ctx, m));
        }
    }

    /** A step (setup, compute, receive timeout) whose result is guarded. */
    private record Guarded(Behavior.Step inner) implements Behavior.Step {
        @Override
        public Behavior apply(ProcessContext ctx) throws Exception {
            return guard(inner.apply(ctx));
        }
    }

    /** What follows blocking work, guarded. */
    private record GuardedThen(java.util.function.Function<Object, Behavior> inner)
            implements java.util.function.Function<Object, Behavior> {
        @Override
        public Behavior apply(Object result) {
            return guard(inner.apply(result));
        }
    }
}
