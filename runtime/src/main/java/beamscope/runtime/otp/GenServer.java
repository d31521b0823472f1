package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A generic server (Elixir's {@code GenServer}, Erlang's {@code gen_server}): the callbacks of a module,
 * as a Java interface, plus the client API as static methods.
 *
 * <pre>{@code
 * final class Stack implements GenServer<List<Object>, List<Object>> {
 *     public Init<List<Object>> init(ProcessContext ctx, List<Object> elements) { return Init.ok(elements); }
 *
 *     public Result<List<Object>> handleCall(ProcessContext ctx, Object request, From from, List<Object> state) {
 *         return request == POP ? Result.reply(state.getFirst(), state.subList(1, state.size())) : Result.noreply(state);
 *     }
 * }
 * StartResult r = GenServer.start(node, new Stack(), List.of("hello"));
 * Object top = GenServer.call(node, r.pid(), POP);
 * }</pre>
 *
 * <p>Callbacks return values ({@link Init}, {@link Result}); anything else (for example a
 * {@link Result.Reply} from {@code handleCast}, or null) ends the server with
 * {@code {:bad_return_value, value}} (C17). A callback that throws ends it with the exception's exit
 * reason after {@link #terminate} ran (C18). Defaults as in Elixir: call timeout 5000 ms; {@code handleCall},
 * {@code handleCast} and {@code handleContinue} raise; {@code handleInfo} logs and drops (C11, C24).
 *
 * <p><b>Inside a process</b> nothing blocks: {@link #call(ProcessContext, Object, Object, Duration, OnReply)}
 * and {@link #startLink(ProcessContext, GenServer, Object, Function)} return the caller's next behaviour,
 * a selective receive for the reply, and hand the answer to a continuation. On failure the caller exits
 * with {@code {reason, {GenServer, :call, [server, request, timeout]}}} (C7). <b>Outside</b> (a test, the
 * GUI, main) the {@link Node} overloads block the calling thread and throw
 * {@link beamscope.runtime.ExitException} with the same reason.
 *
 * <p>A server is a {@link Pid} or a registered name ({@link String}).
 *
 * @param <A> the init argument
 * @param <S> the state
 */
public interface GenServer<A, S> {

    /** {@code :infinity} for timeouts. */
    Duration INFINITY = ChronoUnit.FOREVER.getDuration();

    /** Elixir's default call timeout (C5). */
    Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);

    // ================================================================== callbacks

    /** {@code init/1}. Runs in the new process before {@code start} returns (C1). */
    Init<S> init(ProcessContext ctx, A arg) throws Exception;

    /** {@code handle_call/3}. The default raises, like Elixir's (C24). */
    default Result<S> handleCall(ProcessContext ctx, Object request, From from, S state) throws Exception {
        throw new IllegalStateException("attempted to call GenServer " + label() + " but no handleCall clause was provided");
    }

    /** {@code handle_cast/2}. The default raises (C24). */
    default Result<S> handleCast(ProcessContext ctx, Object request, S state) throws Exception {
        throw new IllegalStateException("attempted to cast GenServer " + label() + " but no handleCast clause was provided");
    }

    /** {@code handle_info/2}: every other message (C11, C19). The default logs and drops it. */
    default Result<S> handleInfo(ProcessContext ctx, Object message, S state) throws Exception {
        ServerProcess.LOG.log(System.Logger.Level.ERROR, () -> label() + " " + ctx.self()
                + " received unexpected message in handle_info/2: " + beamscope.runtime.Terms.inspect(message, 500));
        return Result.noreply(state);
    }

    /** {@code handle_continue/2}, after a {@link Action.Continue}. The default raises. */
    default Result<S> handleContinue(ProcessContext ctx, Object continueArg, S state) throws Exception {
        throw new IllegalStateException("attempted to continue GenServer " + label() + " but no handleContinue clause was provided");
    }

    /** {@code terminate/2}: runs exactly when C18 says. */
    default void terminate(ProcessContext ctx, Object reason, S state) throws Exception {}

    /** The module name shown in {@code $initial_call} ({@code "Counter.init/1"}) and by observers. */
    default String label() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? getClass().getName() : n;
    }

    // ================================================================== values

    /** {@code from} of a call: reply to it with {@link #reply(ProcessContext, From, Object)}. */
    record From(Pid pid, Ref tag) {}

    /** What {@link #init} returns (C2). */
    sealed interface Init<S> {
        /** {@code {:ok, state}} or {@code {:ok, state, action}}; action may be null. */
        record Ok<S>(S state, Action action) implements Init<S> {}

        /** {@code :ignore}: start returns ignore, the process exits normal. */
        record Ignore<S>() implements Init<S> {}

        /** {@code {:stop, reason}}: start returns {@code {:error, reason}}, the process exits with reason. */
        record Stop<S>(Object reason) implements Init<S> {}

        /** {@code {:error, reason}} (OTP 26): start returns {@code {:error, reason}}, the process exits normal. */
        record Error<S>(Object reason) implements Init<S> {}

        static <S> Init<S> ok(S state) {
            return new Ok<>(state, null);
        }

        static <S> Init<S> ok(S state, Action action) {
            return new Ok<>(state, action);
        }

        static <S> Init<S> ignore() {
            return new Ignore<>();
        }

        static <S> Init<S> stop(Object reason) {
            return new Stop<>(reason);
        }

        static <S> Init<S> error(Object reason) {
            return new Error<>(reason);
        }
    }

    /** What a callback asks for after it returns (C16). */
    sealed interface Action {
        /** {@code handleInfo(:timeout)} unless a message arrives within {@code after}. */
        record Timeout(Duration after) implements Action {
            public Timeout {
                Objects.requireNonNull(after);
            }
        }

        /** {@code {:continue, arg}}: {@code handleContinue(arg)} runs before the next message. */
        record Continue(Object arg) implements Action {}

        /** {@code :hibernate}: accepted; a no-op here. */
        record Hibernate() implements Action {}

        static Action timeout(Duration after) {
            return new Timeout(after);
        }

        static Action continueWith(Object arg) {
            return new Continue(arg);
        }

        Action HIBERNATE = new Hibernate();
    }

    /** What {@code handleCall}, {@code handleCast}, {@code handleInfo} and {@code handleContinue} return (C12). */
    sealed interface Result<S> {
        /** {@code {:reply, reply, state[, action]}}: only from handleCall. */
        record Reply<S>(Object reply, S state, Action action) implements Result<S> {}

        /** {@code {:noreply, state[, action]}}. From handleCall the caller waits for {@link #reply} (C13). */
        record NoReply<S>(S state, Action action) implements Result<S> {}

        /** {@code {:stop, reason, state}}. From handleCall no reply is sent (C15). */
        record Stop<S>(Object reason, S state) implements Result<S> {}

        /** {@code {:stop, reason, reply, state}}: terminate runs, then the reply goes out (C14). */
        record StopReply<S>(Object reason, Object reply, S state) implements Result<S> {}

        /**
         * Waits, without blocking, for something asynchronous before the callback's real result: the
         * server's next behaviour is {@code body.apply(resume)}, typically a call into another server, whose
         * continuation ends with {@code resume.apply(result)}. Meanwhile other messages stay queued, as
         * during a {@code GenServer.call} made inside {@code handle_call} in Elixir. An exception or a
         * failed call in between ends the server through {@link GenServer#terminate}.
         *
         * <pre>{@code
         * return Result.suspend(resume -> GenServer.call(ctx, bank, GET_BALANCE,
         *         balance -> resume.apply(Result.reply(balance, state))));
         * }</pre>
         */
        record Suspend<S>(Function<Function<Result<S>, Behavior>, Behavior> body) implements Result<S> {
            public Suspend {
                Objects.requireNonNull(body, "body");
            }
        }

        static <S> Result<S> reply(Object reply, S state) {
            return new Reply<>(reply, state, null);
        }

        static <S> Result<S> reply(Object reply, S state, Action action) {
            return new Reply<>(reply, state, action);
        }

        static <S> Result<S> noreply(S state) {
            return new NoReply<>(state, null);
        }

        static <S> Result<S> noreply(S state, Action action) {
            return new NoReply<>(state, action);
        }

        static <S> Result<S> stop(Object reason, S state) {
            return new Stop<>(reason, state);
        }

        static <S> Result<S> stop(Object reason, Object reply, S state) {
            return new StopReply<>(reason, reply, state);
        }

        static <S> Result<S> suspend(Function<Function<Result<S>, Behavior>, Behavior> body) {
            return new Suspend<>(body);
        }
    }

    /** The continuation of a call made inside a process: gets the reply, returns the next behaviour. */
    @FunctionalInterface
    interface OnReply {
        Behavior apply(Object reply) throws Exception;
    }

    /** Handles a failed call (OTP's {@code catch :exit, reason}): gets the full exit reason. */
    @FunctionalInterface
    interface OnFailure {
        Behavior apply(Object reason) throws Exception;
    }

    // ================================================================== start (outside a process: blocks)

    /** {@code GenServer.start(module, arg)}: unlinked; returns once init has run (C1). */
    static <A, S> StartResult start(Node node, GenServer<A, S> module, A arg) {
        return start(node, module, arg, StartOptions.DEFAULTS);
    }

    static <A, S> StartResult start(Node node, GenServer<A, S> module, A arg, StartOptions options) {
        return ProcLib.startOutside(node, ServerProcess.initialCall(module), options.timeout(),
                (ctx, st) -> ServerProcess.init(ctx, st, module, arg, options.name()));
    }

    // ================================================================== start (inside a process: CPS)

    /**
     * {@code GenServer.start_link(module, arg)} from inside a process: spawns and links the server, waits
     * (without blocking) for its init, and continues with the {@link StartResult}. Usable as a
     * {@link ChildStart}: {@code (ctx, then) -> GenServer.startLink(ctx, new Worker(), arg, then)}.
     */
    static <A, S> Behavior startLink(ProcessContext ctx, GenServer<A, S> module, A arg,
            Function<StartResult, Behavior> then) {
        return startLink(ctx, module, arg, StartOptions.DEFAULTS, then);
    }

    static <A, S> Behavior startLink(ProcessContext ctx, GenServer<A, S> module, A arg, StartOptions options,
            Function<StartResult, Behavior> then) {
        return ProcLib.startInProcess(ctx, true, ServerProcess.initialCall(module), options.timeout(),
                (c, st) -> ServerProcess.init(c, st, module, arg, options.name()), then);
    }

    /** {@code GenServer.start} from inside a process (no link). */
    static <A, S> Behavior start(ProcessContext ctx, GenServer<A, S> module, A arg, StartOptions options,
            Function<StartResult, Behavior> then) {
        return ProcLib.startInProcess(ctx, false, ServerProcess.initialCall(module), options.timeout(),
                (c, st) -> ServerProcess.init(c, st, module, arg, options.name()), then);
    }

    // ================================================================== call / cast / reply

    /** {@code GenServer.call(server, request)} with the 5000 ms default, blocking this (non-scheduler) thread. */
    static Object call(Node node, Object server, Object request) {
        return Calls.call(node, server, request, DEFAULT_TIMEOUT);
    }

    /**
     * {@code GenServer.call(server, request, timeout)}. Throws {@link beamscope.runtime.ExitException}
     * with {@code {reason, {GenServer, :call, [server, request, timeout]}}} on timeout, noproc or when
     * the server exits during the call. A late reply is dropped with the call's private inbox.
     */
    static Object call(Node node, Object server, Object request, Duration timeout) {
        return Calls.call(node, server, request, timeout);
    }

    /** A call from inside a process with the 5000 ms default: {@code reply -> next behaviour}. */
    static Behavior call(ProcessContext ctx, Object server, Object request, OnReply onReply) {
        return Calls.call(ctx, server, request, DEFAULT_TIMEOUT, onReply, null);
    }

    /**
     * A call from inside a process. The returned behaviour waits for the reply (or the server's DOWN, or
     * the timeout); on failure the process exits with {@code {reason, {GenServer, :call, [...]}}}.
     */
    static Behavior call(ProcessContext ctx, Object server, Object request, Duration timeout, OnReply onReply) {
        return Calls.call(ctx, server, request, timeout, onReply, null);
    }

    /**
     * A call that handles its own failure (a {@code catch}): {@code onFailure} gets the full exit reason.
     * A reply arriving after a timeout is dropped: the process's receives from then on discard it.
     */
    static Behavior call(ProcessContext ctx, Object server, Object request, Duration timeout, OnReply onReply,
            OnFailure onFailure) {
        return Calls.call(ctx, server, request, timeout, onReply, Objects.requireNonNull(onFailure));
    }

    /**
     * {@code gen_server:send_request/2}, for a caller outside any process that runs its own receive loop
     * (an {@link Inbox} used as a shell): sends {@code {:"$gen_call", {caller, tag}, request}} and monitors
     * the server with the tag (C6), so a server that is gone or dies answers with its DOWN. Returns the tag;
     * pass every message the caller receives to {@link #checkResponse}. Never blocks.
     */
    static Ref sendRequest(Inbox caller, Pid server, Object request) {
        Ref tag = caller.monitor(server);
        caller.send(server, Tuple.of(Calls.GEN_CALL, new From(caller.pid(), tag), request));
        return tag;
    }

    /**
     * {@code gen_server:check_response/2}: whether {@code message}, received by {@code caller}, answers the
     * request tagged {@code tag}. A reply ends the monitor (and drops a DOWN already queued); a DOWN for
     * the tag is the server's exit reason; anything else is {@link Response.NoReply}.
     */
    static Response checkResponse(Inbox caller, Object message, Ref tag) {
        if (message instanceof Tuple2(Ref r, Object reply) && r.equals(tag)) {
            caller.demonitor(tag, true);
            return new Response.Reply(reply);
        }
        if (ProcLib.isDown(message, tag) && message instanceof Tuple5 down)
            return new Response.Error(down.e4(), down.e3() instanceof Pid p ? p : null);
        return new Response.NoReply();
    }

    /**
     * A call as a plain receive loop sees it ({@code {:"$gen_call", from, request}}), for a process that
     * answers calls without being a GenServer, as an Erlang loop may: answer with {@link #reply}.
     */
    static Optional<CallRequest> callRequest(Object message) {
        return message instanceof Tuple3(Atom tag, From from, Object request) && tag == Calls.GEN_CALL
                ? Optional.of(new CallRequest(from, request)) : Optional.empty();
    }

    /** A call's {@code from} and request, from {@link #callRequest}. */
    record CallRequest(From from, Object request) {}

    /** What {@link #checkResponse} makes of a message. */
    sealed interface Response {
        /** {@code {:reply, reply}}. */
        record Reply(Object reply) implements Response {}

        /** {@code {:error, {reason, server}}}: the server exited (or was not alive: {@code :noproc}). */
        record Error(Object reason, Pid server) implements Response {}

        /** {@code :no_reply}: the message is not about this request. */
        record NoReply() implements Response {}
    }

    /** {@code GenServer.cast}: always {@code :ok}, even when nobody has the name (C10). */
    static Atom cast(Node node, Object server, Object request) {
        Pid pid = Calls.resolve(node, server);
        if (pid != null) node.send(pid, Tuple.of(Calls.GEN_CAST, request));
        return Atom.OK;
    }

    static Atom cast(ProcessContext ctx, Object server, Object request) {
        Pid pid = Calls.resolve(ctx, server);
        if (pid != null) ctx.send(pid, Tuple.of(Calls.GEN_CAST, request));
        return Atom.OK;
    }

    /** {@code GenServer.reply(from, reply)} from any process (C13). */
    static Atom reply(ProcessContext ctx, From from, Object reply) {
        ctx.send(from.pid(), Tuple.of(from.tag(), reply));
        return Atom.OK;
    }

    /** {@code GenServer.reply(from, reply)} from outside any process. */
    static Atom reply(Node node, From from, Object reply) {
        node.send(from.pid(), Tuple.of(from.tag(), reply));
        return Atom.OK;
    }

    // ================================================================== stop / sys

    /** {@code GenServer.stop(server)}: reason normal, timeout infinity (C22). */
    static void stop(Node node, Object server) {
        Calls.stop(node, server, Atom.NORMAL, INFINITY);
    }

    /**
     * {@code GenServer.stop(server, reason, timeout)}: terminate runs with reason, then the server exits.
     * Returns when it has exited with that reason; throws {@link beamscope.runtime.ExitException} with
     * {@code :noproc}, {@code :timeout}, or the other reason it exited with.
     */
    static void stop(Node node, Object server, Object reason, Duration timeout) {
        Calls.stop(node, server, reason, timeout);
    }

    /** {@code :sys.get_state(server)} (C23), 5000 ms. */
    static Object getState(Node node, Object server) {
        return getState(node, server, DEFAULT_TIMEOUT);
    }

    static Object getState(Node node, Object server, Duration timeout) {
        return Calls.systemCall(node, server, Atom.of("get_state"), timeout);
    }
}
