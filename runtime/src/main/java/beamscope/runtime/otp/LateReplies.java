package beamscope.runtime.otp;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;

/**
 * Wraps a behaviour, and every behaviour it leads to, so that its receives drop late replies to calls
 * the process gave up ({@link Calls#dropIfLateReply}). Costs one dictionary read per message while the
 * process has abandoned calls, and a little less otherwise. A dropped reply restarts a pending
 * {@code after} timer (unlike a non-matching message, B4); the only difference anyone could see.
 */
final class LateReplies {
    private LateReplies() {}

    static Behavior guard(Behavior b) {
        return switch (b) {
            case Behavior.Receive r -> {
                Behavior.Receive g = new Behavior.Receive((ctx, m) -> {
                    if (Calls.dropIfLateReply(ctx, m)) return Behaviors.same();
                    return guardResult(r.handler().apply(ctx, m));
                }, null, null, r.label());
                yield r.timeout() == null ? g : g.after(r.timeout(), ctx -> guardResult(r.onTimeout().apply(ctx)));
            }
            case Behavior.Setup s -> new Behavior.Setup(ctx -> guardResult(s.step().apply(ctx)), s.label());
            case Behavior.Compute c -> new Behavior.Compute(ctx -> guardResult(c.step().apply(ctx)), c.label());
            case Behavior.Blocking w -> new Behavior.Blocking(w.work(), r -> guardResult(w.then().apply(r)), w.label());
            default -> b;
        };
    }

    private static Behavior guardResult(Behavior next) {
        return next instanceof Behavior.Receive || next instanceof Behavior.Setup || next instanceof Behavior.Compute
                || next instanceof Behavior.Blocking ? guard(next) : next;
    }
}
