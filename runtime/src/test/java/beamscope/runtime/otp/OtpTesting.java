package beamscope.runtime.otp;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Shared helpers: a node on a manual clock, waiting on inboxes, and a scriptable test server. */
final class OtpTesting {
    private OtpTesting() {}

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Atom GET = Atom.of("get"), SET = Atom.of("set"), HOLD = Atom.of("hold"), CRASH = Atom.of("crash"),
            STOP = Atom.of("stop"), TERMINATE = Atom.of("terminate"), INFO = Atom.of("info"), GOT_CALL = Atom.of("got_call"),
            CONTINUED = Atom.of("continued"), BAD = Atom.of("bad");

    static Node node(ManualClock clock) {
        return Node.start(NodeConfig.defaults().withSchedulers(2).withClock(clock));
    }

    static Object receive(Inbox inbox, Predicate<Object> matcher) {
        Optional<Object> m = inbox.receive(matcher, WAIT);
        assertThat(m).as("a message matching in %s; queued: %s", WAIT, inbox.peek(20)).isPresent();
        return m.get();
    }

    static Object receive(Inbox inbox) {
        return receive(inbox, m -> true);
    }

    /** Waits for a condition on observable state, with a deadline (polls; never sleeps for a time). */
    static void awaitCondition(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what.get());
            Thread.yield();
        }
    }

    static boolean isDown(Object m, Ref ref) {
        return m instanceof Tuple5(Atom t, Ref r, Object p, Object o, Object reason) && t == Atom.DOWN && r.equals(ref);
    }

    /** Waits for the DOWN of {@code ref} and returns its reason. */
    static Object downReason(Inbox inbox, Ref ref) {
        return ((Tuple5) receive(inbox, m -> isDown(m, ref))).e4();
    }

    static boolean tagged(Object m, Atom tag) {
        return Tuple.isTagged(m, tag);
    }

    /**
     * Moves the manual clock forward by {@code step} until a message matching arrives: a receive's
     * {@code after} timer starts when the process enters the receive, which the test cannot see, so it
     * advances again until the timeout has certainly fired. The outcome, not the timing, is asserted.
     */
    static Object advanceUntil(ManualClock clock, Duration step, Inbox inbox, Predicate<Object> matcher) {
        for (int i = 0; i < 200; i++) {
            clock.advance(step);
            Optional<Object> m = inbox.receive(matcher, Duration.ofMillis(50));
            if (m.isPresent()) return m.get();
        }
        throw new AssertionError("nothing matched; queued: " + inbox.peek(20));
    }

    /** True when nothing matching is queued now (after everything sent before has arrived). */
    static boolean nothingQueued(Inbox inbox, Predicate<Object> matcher) {
        return inbox.receive(matcher, Duration.ZERO).isEmpty();
    }

    /**
     * A scriptable server. The init arg is {@code {observer, initialState, options}}; it reports
     * {@code {:terminate, reason}} and {@code {:info, msg}} to the observer.
     */
    record Probe(String label) implements GenServer<Tuple, Object> {
        Probe() {
            this("Probe");
        }

        static Tuple arg(Pid observer, Object state) {
            return Tuple.of(observer, state, Atom.NIL);
        }

        static Tuple trapping(Pid observer, Object state) {
            return Tuple.of(observer, state, Atom.of("trap"));
        }

        Pid observer(ProcessContext ctx) {
            return (Pid) ctx.get("observer");
        }

        @Override
        public Init<Object> init(ProcessContext ctx, Tuple arg) {
            ctx.put("observer", arg.get(0));
            Object opt = arg.get(2);
            if (opt == Atom.of("trap")) ctx.trapExit(true);
            Object s = arg.get(1);
            if (s == Atom.of("ignore")) return Init.ignore();
            if (s instanceof Tuple2(Atom t, Object r) && t == STOP) return Init.stop(r);
            if (s == CRASH) throw new IllegalStateException("init crashed");
            if (s == Atom.of("continue")) return Init.ok(s, Action.continueWith(CONTINUED));
            if (s instanceof Tuple2(Atom t, Long ms) && t == Atom.TIMEOUT) return Init.ok(s, Action.timeout(Duration.ofMillis(ms)));
            return Init.ok(s);
        }

        @Override
        public Result<Object> handleCall(ProcessContext ctx, Object request, From from, Object state) {
            if (request == GET) return Result.reply(state, state);
            if (request instanceof Tuple2(Atom t, Object v) && t == SET) return Result.reply(Atom.OK, v);
            if (request == HOLD) {
                ctx.send(observer(ctx), Tuple.of(GOT_CALL, from));
                return Result.noreply(state);
            }
            if (request == CRASH) throw new IllegalStateException("boom");
            if (request instanceof StopWithReply(Object reason, Object reply)) return Result.stop(reason, reply, state);
            if (request instanceof Tuple2(Atom t, Object r) && t == STOP) return Result.stop(r, state);
            if (request == BAD) return null;
            return Result.reply(Tuple.of(Atom.of("unknown"), request), state);
        }

        @Override
        public Result<Object> handleCast(ProcessContext ctx, Object request, Object state) {
            if (request instanceof Tuple2(Atom t, Object v) && t == SET) return Result.noreply(v);
            if (request == BAD) return Result.reply(Atom.OK, state); // a reply from a cast is invalid (C17)
            if (request == CRASH) throw new IllegalStateException("cast boom");
            return Result.noreply(state);
        }

        @Override
        public Result<Object> handleInfo(ProcessContext ctx, Object msg, Object state) {
            ctx.send(observer(ctx), Tuple.of(INFO, msg));
            return Result.noreply(state);
        }

        @Override
        public Result<Object> handleContinue(ProcessContext ctx, Object arg, Object state) {
            ctx.send(observer(ctx), Tuple.of(CONTINUED, arg));
            return Result.noreply(arg);
        }

        @Override
        public void terminate(ProcessContext ctx, Object reason, Object state) {
            ctx.send(observer(ctx), Tuple.of(TERMINATE, reason));
        }
    }

    /** A call request asking the probe for {@code {:stop, reason, reply, state}}. */
    record StopWithReply(Object reason, Object reply) {}
}
