package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Elixir's {@code Agent}: a GenServer that only holds state (E8–E10). The functions run inside the agent
 * process; {@code get}, {@code update} and {@code getAndUpdate} are calls (5000 ms default), {@code cast}
 * always returns {@code :ok}. A {@code getAndUpdate} function must return a pair
 * {@code Tuple.of(reply, newState)}; anything else stops the agent with {@code {:bad_return_value, other}}
 * (E9). Observers see it as a server with label {@code "Agent"}.
 *
 * <pre>{@code
 * Pid counter = Agent.start(node, () -> 0L).pid();
 * Agent.update(node, counter, (Long n) -> n + 1);
 * long n = Agent.get(node, counter, (Long s) -> s);
 * }</pre>
 */
public final class Agent {
    private Agent() {}

    static final Atom GET = Atom.of("get"), UPDATE = Atom.of("update"), GET_AND_UPDATE = Atom.of("get_and_update"),
            CAST = Atom.of("cast");

    /** The GenServer behind every agent. */
    static final class Server implements GenServer<Supplier<?>, Object> {
        static final Server INSTANCE = new Server();

        @Override
        public Init<Object> init(ProcessContext ctx, Supplier<?> initial) {
            return Init.ok(initial.get());
        }

        @Override
        @SuppressWarnings("unchecked")
        public Result<Object> handleCall(ProcessContext ctx, Object request, From from, Object state) throws Exception {
            if (request instanceof Tuple2(Atom op, Function<?, ?> f)) {
                Function<Object, Object> fun = (Function<Object, Object>) f;
                if (op == GET) return Result.reply(fun.apply(state), state);
                if (op == UPDATE) return Result.reply(Atom.OK, fun.apply(state));
                if (op == GET_AND_UPDATE) {
                    Object r = fun.apply(state);
                    if (r instanceof Tuple2(Object reply, Object next)) return Result.reply(reply, next);
                    return Result.stop(Tuple.of(ProcLib.BAD_RETURN_VALUE, r), state);
                }
            }
            return GenServer.super.handleCall(ctx, request, from, state);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Result<Object> handleCast(ProcessContext ctx, Object request, Object state) throws Exception {
            if (request instanceof Tuple2(Atom op, Function<?, ?> f) && op == CAST)
                return Result.noreply(((Function<Object, Object>) f).apply(state));
            return GenServer.super.handleCast(ctx, request, state);
        }

        @Override
        public String label() {
            return "Agent";
        }
    }

    // ------------------------------------------------------------------ start

    public static <S> StartResult start(Node node, Supplier<S> initial) {
        return GenServer.start(node, Server.INSTANCE, initial, StartOptions.DEFAULTS);
    }

    public static <S> StartResult start(Node node, Supplier<S> initial, StartOptions options) {
        return GenServer.start(node, Server.INSTANCE, initial, options);
    }

    /** {@code Agent.start_link(fun)} from inside a process. */
    public static <S> Behavior startLink(ProcessContext ctx, Supplier<S> initial, StartOptions options,
            Function<StartResult, Behavior> then) {
        return GenServer.startLink(ctx, Server.INSTANCE, initial, options, then);
    }

    /** A child start: {@code {Agent, fun}} in a child list (permanent by default, E10). */
    public static <S> ChildStart child(Supplier<S> initial, StartOptions options) {
        return (ctx, then) -> startLink(ctx, initial, options, then);
    }

    // ------------------------------------------------------------------ outside a process (blocking)

    @SuppressWarnings("unchecked")
    public static <S, R> R get(Node node, Object agent, Function<S, R> fun) {
        return (R) GenServer.call(node, agent, Tuple.of(GET, fun));
    }

    @SuppressWarnings("unchecked")
    public static <S, R> R get(Node node, Object agent, Function<S, R> fun, Duration timeout) {
        return (R) GenServer.call(node, agent, Tuple.of(GET, fun), timeout);
    }

    public static <S> Atom update(Node node, Object agent, UnaryOperator<S> fun) {
        return (Atom) GenServer.call(node, agent, Tuple.of(UPDATE, fun));
    }

    public static <S> Atom update(Node node, Object agent, UnaryOperator<S> fun, Duration timeout) {
        return (Atom) GenServer.call(node, agent, Tuple.of(UPDATE, fun), timeout);
    }

    /** {@code fun} returns {@code Tuple.of(reply, newState)}; the reply comes back. */
    public static <S> Object getAndUpdate(Node node, Object agent, Function<S, ?> fun) {
        return GenServer.call(node, agent, Tuple.of(GET_AND_UPDATE, fun));
    }

    public static <S> Object getAndUpdate(Node node, Object agent, Function<S, ?> fun, Duration timeout) {
        return GenServer.call(node, agent, Tuple.of(GET_AND_UPDATE, fun), timeout);
    }

    public static <S> Atom cast(Node node, Object agent, UnaryOperator<S> fun) {
        return GenServer.cast(node, agent, Tuple.of(CAST, fun));
    }

    /** {@code Agent.stop(agent)}: reason normal, timeout infinity (E8). */
    public static void stop(Node node, Object agent) {
        GenServer.stop(node, agent, Atom.NORMAL, GenServer.INFINITY);
    }

    public static void stop(Node node, Object agent, Object reason, Duration timeout) {
        GenServer.stop(node, agent, reason, timeout);
    }

    // ------------------------------------------------------------------ inside a process (CPS)

    public static <S> Behavior get(ProcessContext ctx, Object agent, Function<S, ?> fun, GenServer.OnReply then) {
        return GenServer.call(ctx, agent, Tuple.of(GET, fun), then);
    }

    public static <S> Behavior update(ProcessContext ctx, Object agent, UnaryOperator<S> fun, GenServer.OnReply then) {
        return GenServer.call(ctx, agent, Tuple.of(UPDATE, fun), then);
    }

    public static <S> Behavior getAndUpdate(ProcessContext ctx, Object agent, Function<S, ?> fun, GenServer.OnReply then) {
        return GenServer.call(ctx, agent, Tuple.of(GET_AND_UPDATE, fun), then);
    }

    public static <S> Atom cast(ProcessContext ctx, Object agent, UnaryOperator<S> fun) {
        return GenServer.cast(ctx, agent, Tuple.of(CAST, fun));
    }
}
