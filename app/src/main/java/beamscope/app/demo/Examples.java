package beamscope.app.demo;

import beamscope.app.observe.Catalogue;
import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example processes of the catalogue. Counter, Stack, KVStore and BankAccount are GenServers (the
 * seeds' example servers); Echo, Crasher, Spinner and Sleeper are plain receive loops. Unknown calls are
 * answered with {@code {:error, {:unknown_call, request}}} rather than crashing the server.
 */
public final class Examples {
    private Examples() {}

    /** Where the plain loops keep the state the inspector shows. */
    public static final Atom STATE = Atom.of("$state");
    static final Atom INCREMENT = Atom.of("increment"), VALUE = Atom.of("value"), GET = Atom.of("get"),
            COUNT = Atom.of("count"), PUSH = Atom.of("push"), POP = Atom.of("pop"), PEEK = Atom.of("peek"),
            SIZE = Atom.of("size"), PUT = Atom.of("put"), KEYS = Atom.of("keys"), DELETE = Atom.of("delete"),
            DEPOSIT = Atom.of("deposit"), WITHDRAW = Atom.of("withdraw"), BALANCE = Atom.of("balance"),
            INSUFFICIENT = Atom.of("insufficient_funds"), NAPS = Atom.of("naps"),
            UNKNOWN_CALL = Atom.of("unknown_call"), CRASHED = Atom.of("crashed");

    /** The catalogue's code, for {@link beamscope.app.observe.LocalNode}. */
    public static final Catalogue CATALOGUE = new Catalogue() {
        @Override
        public Pid spawn(Node node, ProcessKind kind, Priority priority, Object crashOn) {
            GenServer<Object, ?> module = server(kind);
            if (module == null)
                return node.spawn(loop(kind, crashOn), SpawnOptions.defaults().withPriority(priority)
                        .withInitialCall(kind.initialCall()));
            StartResult r = GenServer.start(node, module, initialArg(kind));
            if (!(r instanceof StartResult.Ok(Pid pid))) throw new IllegalStateException("start failed: " + r);
            if (priority != Priority.NORMAL) node.setPriority(pid, priority);
            return pid;
        }

        @Override
        public ChildStart childStart(ProcessKind kind, Object crashOn) {
            return Examples.childStart(kind, crashOn);
        }

        @Override
        public Optional<Object> loopState(Node node, Pid pid) {
            return node.dictionaryGet(pid, STATE);
        }
    };

    /** The GenServer module for a kind, or null for a plain loop. */
    public static GenServer<Object, ?> server(ProcessKind kind) {
        return switch (kind) {
            case COUNTER -> COUNTER_SERVER;
            case STACK -> STACK_SERVER;
            case KV_STORE -> KV_SERVER;
            case BANK_ACCOUNT -> BANK_SERVER;
            default -> null;
        };
    }

    /** The initial argument a kind's server starts with. */
    public static Object initialArg(ProcessKind kind) {
        return switch (kind) {
            case BANK_ACCOUNT -> 100L;
            case STACK -> List.of();
            case KV_STORE -> Map.of();
            default -> 0L;
        };
    }

    /** The behaviour of a plain-loop kind. */
    public static Behavior loop(ProcessKind kind, Object crashOn) {
        return switch (kind) {
            case ECHO -> echo();
            case CRASHER -> crasher(crashOn);
            case SPINNER -> spinner();
            case SLEEPER -> sleeper(0);
            default -> throw new IllegalArgumentException(kind + " is a GenServer");
        };
    }

    /** How a supervisor starts a kind: {@code GenServer.start_link} or a linked spawn. */
    public static ChildStart childStart(ProcessKind kind, Object crashOn) {
        GenServer<Object, ?> module = server(kind);
        if (module != null) return ChildStart.genServer(module, initialArg(kind));
        SpawnOptions o = SpawnOptions.defaults().withInitialCall(kind.initialCall());
        return (ctx, then) -> then.apply(StartResult.ok(ctx.spawnLink(loop(kind, crashOn), o)));
    }

    // ---------------------------------------------------------------- GenServers

    /** A GenServer with one state type and an argument that is its initial state. */
    private interface Simple<S> extends GenServer<Object, S> {
        @SuppressWarnings("unchecked")
        @Override
        default Init<S> init(ProcessContext ctx, Object arg) {
            return Init.ok((S) arg);
        }

        @Override
        default Result<S> handleInfo(ProcessContext ctx, Object message, S state) throws Exception {
            return handleCast(ctx, message, state);     // plain messages work as casts
        }

        static <S> Result<S> unknownCall(Object request, S state) {
            return Result.reply(Tuple.of(Atom.ERROR, Tuple.of(UNKNOWN_CALL, request)), state);
        }
    }

    static final Simple<Long> COUNTER_SERVER = new Simple<>() {
        public Result<Long> handleCall(ProcessContext ctx, Object req, From from, Long n) {
            return req == VALUE || req == GET ? Result.reply(n, n) : Simple.unknownCall(req, n);
        }

        public Result<Long> handleCast(ProcessContext ctx, Object msg, Long n) {
            return switch (msg) {
                case Tuple2(Atom tag, Long by) when tag == INCREMENT -> Result.noreply(n + by);
                case Atom a when a == INCREMENT -> Result.noreply(n + 1);
                case Tuple2(Atom tag, Pid caller) when tag == GET -> {
                    ctx.send(caller, Tuple.of(COUNT, n));
                    yield Result.noreply(n);
                }
                default -> Result.noreply(n);
            };
        }

        public String label() {
            return "Counter";
        }
    };

    static final Simple<List<Object>> STACK_SERVER = new Simple<>() {
        public Result<List<Object>> handleCall(ProcessContext ctx, Object req, From from, List<Object> s) {
            if (req == POP) return s.isEmpty() ? Result.reply(Atom.NIL, s) : Result.reply(s.get(0), List.copyOf(s.subList(1, s.size())));
            if (req == PEEK) return Result.reply(s.isEmpty() ? Atom.NIL : s.get(0), s);
            if (req == SIZE) return Result.reply((long) s.size(), s);
            return Simple.unknownCall(req, s);
        }

        public Result<List<Object>> handleCast(ProcessContext ctx, Object msg, List<Object> s) {
            if (msg instanceof Tuple2(Atom tag, Object x) && tag == PUSH) {
                List<Object> n = new ArrayList<>(Math.min(s.size(), 99) + 1);
                n.add(x);
                n.addAll(s.subList(0, Math.min(s.size(), 99)));   // a bounded stack, so the demo can run all day
                return Result.noreply(List.copyOf(n));
            }
            return Result.noreply(s);
        }

        public String label() {
            return "Stack";
        }
    };

    static final Simple<Map<Object, Object>> KV_SERVER = new Simple<>() {
        public Result<Map<Object, Object>> handleCall(ProcessContext ctx, Object req, From from, Map<Object, Object> m) {
            if (req instanceof Tuple2(Atom tag, Object k) && tag == GET) return Result.reply(m.getOrDefault(k, Atom.NIL), m);
            if (req == KEYS) return Result.reply(List.copyOf(m.keySet()), m);
            return Simple.unknownCall(req, m);
        }

        public Result<Map<Object, Object>> handleCast(ProcessContext ctx, Object msg, Map<Object, Object> m) {
            if (msg instanceof Tuple3(Atom tag, Object k, Object v) && tag == PUT) {
                Map<Object, Object> n = new LinkedHashMap<>(m);
                n.put(k, v);
                return Result.noreply(Collections.unmodifiableMap(n));
            }
            if (msg instanceof Tuple2(Atom tag, Object k) && tag == DELETE) {
                Map<Object, Object> n = new LinkedHashMap<>(m);
                n.remove(k);
                return Result.noreply(Collections.unmodifiableMap(n));
            }
            return Result.noreply(m);
        }

        public String label() {
            return "KVStore";
        }
    };

    static final Simple<Long> BANK_SERVER = new Simple<>() {
        public Result<Long> handleCall(ProcessContext ctx, Object req, From from, Long b) {
            if (req == BALANCE) return Result.reply(b, b);
            if (req instanceof Tuple2(Atom tag, Long amount) && tag == WITHDRAW)
                return amount <= b ? Result.reply(Tuple.of(Atom.OK, b - amount), b - amount)
                        : Result.reply(Tuple.of(Atom.ERROR, INSUFFICIENT), b);
            if (req instanceof Tuple2(Atom tag, Long amount) && tag == DEPOSIT)
                return Result.reply(Tuple.of(Atom.OK, b + amount), b + amount);
            return Simple.unknownCall(req, b);
        }

        public Result<Long> handleCast(ProcessContext ctx, Object msg, Long b) {
            if (msg instanceof Tuple2(Atom tag, Long amount) && tag == DEPOSIT) return Result.noreply(b + amount);
            if (msg instanceof Tuple2(Atom tag, Long amount) && tag == WITHDRAW && amount <= b) return Result.noreply(b - amount);
            return Result.noreply(b);
        }

        public String label() {
            return "BankAccount";
        }
    };

    // ---------------------------------------------------------------- plain loops

    /** Answers {@code {from, msg}} with msg and a call with its request. */
    public static Behavior echo() {
        return Behaviors.receive("Echo", (ctx, msg) -> {
            var call = GenServer.callRequest(msg);
            if (call.isPresent()) GenServer.reply(ctx, call.get().from(), call.get().request());
            else if (msg instanceof Tuple2(Pid from, Object m)) ctx.send(from, m);
            return Behaviors.same();
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

    /**
     * A busy loop, like {@code loop(n) -> loop(n + 1)}: each step costs one reduction, as a tail call does
     * on the BEAM, so it spends its 4000-reduction slices and is preempted like any process.
     */
    public static Behavior spinner() {
        return Behaviors.compute(ctx -> Behaviors.same()).named("Spinner");
    }

    /** Waits two seconds for a message, then counts a nap; any message ends the wait early; a call gets the count. */
    public static Behavior sleeper(long naps) {
        return Behaviors.setup(ctx -> {
            ctx.put(STATE, Tuple.of(NAPS, naps));
            return Behaviors.receive("Sleeper", (c, msg) -> {
                GenServer.callRequest(msg).ifPresent(call -> GenServer.reply(c, call.from(), naps));
                return sleeper(naps);
            }).after(Duration.ofSeconds(2), c -> sleeper(naps + 1));
        });
    }
}
