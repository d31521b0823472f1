package beamscope.runtime.otp;

import beamscope.runtime.Behavior;
import beamscope.runtime.ProcessContext;
import java.util.List;
import java.util.function.Function;

/**
 * A child's start function (the {@code start} of a child spec, D6). It runs inside the supervisor
 * process and must create <em>and link</em> the child, then continue with the {@link StartResult}:
 * either at once ({@code then.apply(StartResult.ok(pid))}) or, for a child with a synchronous init
 * such as a GenServer, from the behaviour that waits for the init ack. The supervisor does not start the
 * next child until {@code then} has run (D8). An exception counts as {@code {:error, {:EXIT, reason}}}.
 */
@FunctionalInterface
public interface ChildStart {

    Behavior start(ProcessContext supervisor, Function<StartResult, Behavior> then) throws Exception;

    /** A plain process: {@code spawn_link} of a behaviour (behaviours are values; each start gets a fresh process). */
    static ChildStart spawnLink(Behavior behavior) {
        return (ctx, then) -> then.apply(StartResult.ok(ctx.spawnLink(behavior)));
    }

    /** {@code GenServer.start_link(module, arg)}. */
    static <A, S> ChildStart genServer(GenServer<A, S> module, A arg) {
        return (ctx, then) -> GenServer.startLink(ctx, module, arg, then);
    }

    static <A, S> ChildStart genServer(GenServer<A, S> module, A arg, StartOptions options) {
        return (ctx, then) -> GenServer.startLink(ctx, module, arg, options, then);
    }

    /** {@code Supervisor.start_link(children, flags)}: a nested supervisor. */
    static ChildStart supervisor(SupervisorFlags flags, List<ChildSpec> children) {
        return (ctx, then) -> Supervisor.startLink(ctx, flags, children, StartOptions.DEFAULTS, then);
    }

    static ChildStart supervisor(SupervisorFlags flags, List<ChildSpec> children, StartOptions options) {
        return (ctx, then) -> Supervisor.startLink(ctx, flags, children, options, then);
    }
}
