package beamscope.app.demo;

import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example processes of the catalogue, written as plain receive loops that speak the GenServer
 * protocol ({@code {:"$gen_call", {from, ref}, request}} answered with {@code {ref, reply}}, and
 * {@code {:"$gen_cast", request}}), so the shell can call and cast them. Plain messages work as casts.
 * Each keeps its state in the process dictionary under {@link #STATE} for the inspector.
 */
public final class Examples {
    private Examples() {}

    public static final Atom GEN_CALL = Atom.of("$gen_call"), GEN_CAST = Atom.of("$gen_cast");
    public static final Atom STATE = Atom.of("$state");
    static final Atom INCREMENT = Atom.of("increment"), VALUE = Atom.of("value"), GET = Atom.of("get"),
            COUNT = Atom.of("count"), STOP = Atom.of("stop"), PUSH = Atom.of("push"), POP = Atom.of("pop"),
            PEEK = Atom.of("peek"), SIZE = Atom.of("size"), PUT = Atom.of("put"), KEYS = Atom.of("keys"),
            DELETE = Atom.of("delete"), DEPOSIT = Atom.of("deposit"), WITHDRAW = Atom.of("withdraw"),
            BALANCE = Atom.of("balance"), INSUFFICIENT = Atom.of("insufficient_funds"), WAKE = Atom.of("wake"),
            NAPS = Atom.of("naps"), UNKNOWN_CALL = Atom.of("unknown_call"), CRASHED = Atom.of("crashed");

    /** The behaviour for a catalogue kind. */
    public static Behavior of(ProcessKind kind, Object crashOn) {
        return switch (kind) {
            case COUNTER -> counter(0);
            case STACK -> stack(List.of());
            case KV_STORE -> kvStore(Map.of());
            case BANK_ACCOUNT -> bankAccount(0);
            case ECHO -> echo();
            case CRASHER -> crasher(crashOn);
            case SPINNER -> spinner(0);
            case SLEEPER -> sleeper(0);
        };
    }

    // ---------------------------------------------------------------- a tiny server loop

    /** What a call returns: the reply and the next state. */
    record Reply<S>(Object reply, S state) {}

    interface Handlers<S> {
        /** A call; null when the request is not understood. */
        Reply<S> call(S state, Object request);

        /** A cast or plain message; null when not understood (a plain message then stays queued). */
        S cast(ProcessContext ctx, S state, Object message);
    }

    static <S> Behavior server(String label, S state, Handlers<S> h) {
        return Behaviors.setup(ctx -> {
            ctx.put(STATE, state);
            return loop(label, state, h);
        });
    }

    private static <S> Behavior loop(String label, S state, Handlers<S> h) {
        return Behaviors.receive(label, (ctx, msg) -> {
            if (msg instanceof Tuple3(Atom tag, Tuple2(Pid from, Ref ref), Object request) && tag == GEN_CALL) {
                Reply<S> r = h.call(state, request);
                if (r == null) r = new Reply<>(Tuple.of(Atom.ERROR, Tuple.of(UNKNOWN_CALL, request)), state);
                ctx.send(from, Tuple.of(ref, r.reply()));
                return next(ctx, label, state, r.state(), h);
            }
            if (msg instanceof Tuple2(Atom tag, Object request) && tag == GEN_CAST) {
                S n = h.cast(ctx, state, request);
                return n == null ? Behaviors.same() : next(ctx, label, state, n, h);
            }
            if (msg == STOP) return Behaviors.stop();
            S n = h.cast(ctx, state, msg);
            return n == null ? Behaviors.unhandled() : next(ctx, label, state, n, h);
        });
    }

    private static <S> Behavior next(ProcessContext ctx, String label, S old, S state, Handlers<S> h) {
        if (old == state) return Behaviors.same();
        ctx.put(STATE, state);
        return loop(label, state, h);
    }

    // ---------------------------------------------------------------- the catalogue

    public static Behavior counter(long initial) {
        return server("Counter", initial, new Handlers<Long>() {
            public Reply<Long> call(Long n, Object req) {
                return req == VALUE || req == GET ? new Reply<>(n, n) : null;
            }

            public Long cast(ProcessContext ctx, Long n, Object msg) {
                return switch (msg) {
                    case Tuple2(Atom tag, Long by) when tag == INCREMENT -> n + by;
                    case Atom a when a == INCREMENT -> n + 1;
                    case Tuple2(Atom tag, Pid caller) when tag == GET -> {
                        ctx.send(caller, Tuple.of(COUNT, n));
                        yield n;
                    }
                    default -> null;
                };
            }
        });
    }

    public static Behavior stack(List<Object> initial) {
        return server("Stack", initial, new Handlers<List<Object>>() {
            public Reply<List<Object>> call(List<Object> s, Object req) {
                if (req == POP) return s.isEmpty() ? new Reply<>(Atom.NIL, s) : new Reply<>(s.get(0), s.subList(1, s.size()));
                if (req == PEEK) return new Reply<>(s.isEmpty() ? Atom.NIL : s.get(0), s);
                if (req == SIZE) return new Reply<>((long) s.size(), s);
                return null;
            }

            public List<Object> cast(ProcessContext ctx, List<Object> s, Object msg) {
                if (msg instanceof Tuple2(Atom tag, Object x) && tag == PUSH) {
                    List<Object> n = new ArrayList<>(s.size() + 1);
                    n.add(x);
                    n.addAll(s);
                    return List.copyOf(n);
                }
                return null;
            }
        });
    }

    public static Behavior kvStore(Map<Object, Object> initial) {
        return server("KVStore", initial, new Handlers<Map<Object, Object>>() {
            public Reply<Map<Object, Object>> call(Map<Object, Object> m, Object req) {
                if (req instanceof Tuple2(Atom tag, Object k) && tag == GET) return new Reply<>(m.getOrDefault(k, Atom.NIL), m);
                if (req == KEYS) return new Reply<>(List.copyOf(m.keySet()), m);
                return null;
            }

            public Map<Object, Object> cast(ProcessContext ctx, Map<Object, Object> m, Object msg) {
                if (msg instanceof Tuple3(Atom tag, Object k, Object v) && tag == PUT) {
                    Map<Object, Object> n = new LinkedHashMap<>(m);
                    n.put(k, v);
                    return java.util.Collections.unmodifiableMap(n);
                }
                if (msg instanceof Tuple2(Atom tag, Object k) && tag == DELETE) {
                    Map<Object, Object> n = new LinkedHashMap<>(m);
                    n.remove(k);
                    return java.util.Collections.unmodifiableMap(n);
                }
                return null;
            }
        });
    }

    public static Behavior bankAccount(long initial) {
        return server("BankAccount", initial, new Handlers<Long>() {
            public Reply<Long> call(Long b, Object req) {
                if (req == BALANCE) return new Reply<>(b, b);
                if (req instanceof Tuple2(Atom tag, Long amount) && tag == WITHDRAW)
                    return amount <= b ? new Reply<>(Tuple.of(Atom.OK, b - amount), b - amount)
                            : new Reply<>(Tuple.of(Atom.ERROR, INSUFFICIENT), b);
                if (req instanceof Tuple2(Atom tag, Long amount) && tag == DEPOSIT)
                    return new Reply<>(Tuple.of(Atom.OK, b + amount), b + amount);
                return null;
            }

            public Long cast(ProcessContext ctx, Long b, Object msg) {
                if (msg instanceof Tuple2(Atom tag, Long amount) && tag == DEPOSIT) return b + amount;
                if (msg instanceof Tuple2(Atom tag, Long amount) && tag == WITHDRAW && amount <= b) return b - amount;
                return null;
            }
        });
    }

    /** Sends {@code msg} back to {@code from} for {@code {from, msg}}; answers a call with its request. */
    public static Behavior echo() {
        return server("Echo", 0L, new Handlers<Long>() {
            public Reply<Long> call(Long n, Object req) {
                return new Reply<>(req, n + 1);
            }

            public Long cast(ProcessContext ctx, Long n, Object msg) {
                if (msg instanceof Tuple2(Pid from, Object m)) ctx.send(from, m);
                return n + 1;
            }
        });
    }

    /** Dies with {@code {:crashed, msg}} when it receives {@code trigger}; takes anything else calmly. */
    public static Behavior crasher(Object trigger) {
        return Behaviors.setup(ctx -> {
            ctx.put(STATE, Tuple.of(Atom.of("dies_on"), trigger));
            return Behaviors.receive("Crasher", (c, msg) -> {
                if (java.util.Objects.equals(msg, trigger)) c.exit(Tuple.of(CRASHED, msg));
                return Behaviors.same();
            });
        });
    }

    /** A busy loop: never waits, spends reductions and is preempted like any process. */
    public static Behavior spinner(long laps) {
        return Behaviors.compute(ctx -> {
            ctx.work(200);
            return Behaviors.same();
        }).named("Spinner");
    }

    /** Waits two seconds for a message, then counts a nap; {@code :wake} or a call ends the wait early. */
    public static Behavior sleeper(long naps) {
        return Behaviors.setup(ctx -> {
            ctx.put(STATE, Tuple.of(NAPS, naps));
            return Behaviors.receive("Sleeper", (c, msg) -> {
                if (msg instanceof Tuple3(Atom tag, Tuple2(Pid from, Ref ref), Object req) && tag == GEN_CALL) {
                    c.send(from, Tuple.of(ref, naps));
                }
                return sleeper(naps);
            }).after(Duration.ofSeconds(2), c -> sleeper(naps + 1));
        });
    }
}
