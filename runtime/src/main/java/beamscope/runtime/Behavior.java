package beamscope.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a process does next: the Java form of an Erlang function that loops in {@code receive}.
 *
 * <p>A behaviour is a value. A {@link Receive} handles one message and returns the next behaviour;
 * returning {@link Behaviors#same()} keeps the current one, {@link Behaviors#unhandled()} leaves the
 * message in the mailbox (a selective receive), {@link Behaviors#stop()} ends the process. Build them
 * with {@link Behaviors}; the records below are the closed set the runtime interprets.
 */
public sealed interface Behavior
        permits Behavior.Receive, Behavior.Setup, Behavior.Compute, Behavior.Blocking, Behavior.Same,
                Behavior.Unhandled, Behavior.Stop {

    /** A human label for observers ("Counter", "GenServer Stack"); null when unnamed. */
    String label();

    /** The same behaviour with a label, shown as the process's current behaviour. */
    Behavior named(String label);

    /** Handles one message. */
    @FunctionalInterface
    interface MessageHandler {
        Behavior apply(ProcessContext ctx, Object message) throws Exception;
    }

    /** A step that runs with the context only (setup, compute, receive timeouts). */
    @FunctionalInterface
    interface Step {
        Behavior apply(ProcessContext ctx) throws Exception;
    }

    /**
     * Wait for a message that {@code handler} accepts. Messages it answers with
     * {@link Behaviors#unhandled()} stay in the mailbox, in order. With {@link #after} the receive
     * gives up after a timeout that starts when the receive is entered (B3, B4).
     */
    record Receive(MessageHandler handler, Duration timeout, Step onTimeout, String label) implements Behavior {
        public Receive {
            Objects.requireNonNull(handler, "handler");
            if (timeout != null) {
                if (timeout.isNegative()) throw new IllegalArgumentException("negative receive timeout");
                Objects.requireNonNull(onTimeout, "onTimeout");
            }
        }

        /** The same receive with an {@code after} clause: {@code onTimeout} runs if nothing matches in time. */
        public Receive after(Duration timeout, Step onTimeout) {
            return new Receive(handler, Objects.requireNonNull(timeout, "timeout"), onTimeout, label);
        }

        @Override
        public Receive named(String label) {
            return new Receive(handler, timeout, onTimeout, label);
        }
    }

    /** Runs once, with the context, as soon as it becomes the current behaviour. */
    record Setup(Step step, String label) implements Behavior {
        public Setup {
            Objects.requireNonNull(step, "step");
        }

        @Override
        public Setup named(String label) {
            return new Setup(step, label);
        }
    }

    /**
     * Runs without waiting for a message, again and again while it returns {@link Behaviors#same()}:
     * a busy tail-recursive loop. Each step costs one reduction plus what it declares with
     * {@link ProcessContext#work(int)}, so the scheduler preempts it like any other process.
     */
    record Compute(Step step, String label) implements Behavior {
        public Compute {
            Objects.requireNonNull(step, "step");
        }

        @Override
        public Compute named(String label) {
            return new Compute(step, label);
        }
    }

    /**
     * Runs {@code work}, plain Java code that may block (sleep, I/O, locks), on a dirty scheduler, as the
     * BEAM runs a dirty NIF: the process counts as running there and holds no normal scheduler. When the
     * work returns, the process goes back to a normal scheduler's run queue and continues with
     * {@code then.apply(result)}; if it throws, the process crashes with that exception there. Messages
     * and signals wait in the mailbox meanwhile, so a kill takes effect when the work has returned.
     */
    record Blocking(java.util.concurrent.Callable<?> work, Function<Object, Behavior> then, String label)
            implements Behavior {
        public Blocking {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(then, "then");
        }

        @Override
        public Blocking named(String label) {
            return new Blocking(work, then, label);
        }
    }

    /** Keep the current behaviour. */
    record Same() implements Behavior {
        static final Same INSTANCE = new Same();

        @Override
        public String label() {
            return null;
        }

        @Override
        public Behavior named(String label) {
            return this;
        }
    }

    /** Leave the message in the mailbox. Only meaningful as the result of a {@link Receive} handler. */
    record Unhandled() implements Behavior {
        static final Unhandled INSTANCE = new Unhandled();

        @Override
        public String label() {
            return null;
        }

        @Override
        public Behavior named(String label) {
            return this;
        }
    }

    /** End the process with an exit reason ({@code normal} for a plain stop). */
    record Stop(Object reason) implements Behavior {
        static final Stop NORMAL = new Stop(Atom.NORMAL);

        @Override
        public String label() {
            return null;
        }

        @Override
        public Behavior named(String label) {
            return this;
        }
    }

    /** Convenience for {@code Function}-shaped steps. */
    static Step step(Function<ProcessContext, Behavior> f) {
        return f::apply;
    }
}
