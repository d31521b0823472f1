package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Small behaviours and waits shared by the runtime tests. Nothing here sleeps. */
final class Probes {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Probes() {}

    /** Forwards every message it receives to {@code to}, in order. */
    static Behavior forwarder(Pid to) {
        return Behaviors.receive((ctx, msg) -> {
            ctx.send(to, msg);
            return Behaviors.same();
        });
    }

    /** Waits in receive for a message that never comes. */
    static Behavior idle() {
        return Behaviors.receive((ctx, msg) -> Behaviors.unhandled());
    }

    /** Runs {@code action} with the context, reports {@code :done} to {@code to}, then forwards. */
    static Behavior doing(Pid to, ThrowingStep action) {
        return Behaviors.setup(ctx -> {
            action.run(ctx);
            ctx.send(to, Atom.of("done"));
            return forwarder(to);
        });
    }

    interface ThrowingStep {
        void run(ProcessContext ctx) throws Exception;
    }

    /** A busy loop: each step declares {@code work} reductions. */
    static Behavior spinner(int work) {
        return Behaviors.compute(ctx -> {
            ctx.work(work);
            return Behaviors.same();
        });
    }

    static Object next(Inbox inbox) {
        Optional<Object> m = inbox.receive(WAIT);
        assertThat(m).as("a message within %s", WAIT).isPresent();
        return m.get();
    }

    /** Waits for a condition with a deadline (polling an observable value, not sleeping for time). */
    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    static Tuple down(Ref ref, Object object, Object reason) {
        return Tuple.of(Atom.DOWN, ref, Atom.PROCESS, object, reason);
    }

    static Tuple exit(Pid from, Object reason) {
        return Tuple.of(Atom.EXIT, from, reason);
    }
}
