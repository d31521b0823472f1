package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * A supervisor (Elixir's {@code Supervisor}, OTP's {@code supervisor}): starts its children left to
 * right, each fully initialised before the next (D8), restarts them by strategy and restart type
 * (D12–D16), gives up after more than {@code intensity} restarts in {@code period} seconds (D20–D22) by
 * stopping all children right to left and exiting {@code :shutdown}, which its own supervisor sees.
 *
 * <pre>{@code
 * StartResult sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(
 *         ChildSpec.worker("account", ChildStart.genServer(new BankAccount(), 1000L))));
 * List<ChildView> children = Supervisor.whichChildren(node, sup.pid());
 * }</pre>
 *
 * The management API is a call into the supervisor (timeout infinity). The {@link Node} overloads block
 * the calling thread (never use them on a scheduler); the {@link ProcessContext} overloads return the
 * caller's next behaviour. Reports go to {@link System.Logger} {@code beamscope.otp.Supervisor} and, as
 * runtime events, to {@link Node#report} with kinds {@code :supervisor_report} (child_terminated,
 * start_error, shutdown_error, shutdown) and {@code :progress_report} (every child start).
 */
public final class Supervisor {
    private Supervisor() {}

    /** {@code count_children} (D34). */
    public record ChildCounts(int specs, int active, int supervisors, int workers) {}

    // ------------------------------------------------------------------ start

    public static StartResult start(Node node, SupervisorFlags flags, List<ChildSpec> children) {
        return start(node, flags, children, StartOptions.DEFAULTS);
    }

    /** Blocks until every child has started (D8), or returns {@code {:error, {:shutdown, {:failed_to_start_child, id, r}}}} (D9). */
    public static StartResult start(Node node, SupervisorFlags flags, List<ChildSpec> children, StartOptions options) {
        return ProcLib.startOutside(node, "Supervisor.init/1", options.timeout(),
                (ctx, st) -> SupervisorProcess.init(ctx, st, flags, children, options.name(), false, -1));
    }

    /** {@code Supervisor.start_link} from inside a process (for example a parent supervisor's child start). */
    public static Behavior startLink(ProcessContext ctx, SupervisorFlags flags, List<ChildSpec> children,
            StartOptions options, Function<StartResult, Behavior> then) {
        return ProcLib.startInProcess(ctx, true, "Supervisor.init/1", options.timeout(),
                (c, st) -> SupervisorProcess.init(c, st, flags, children, options.name(), false, -1), then);
    }

    // ------------------------------------------------------------------ management API, outside a process

    /** Newest first (D11, D33). */
    @SuppressWarnings("unchecked")
    public static List<ChildView> whichChildren(Node node, Object supervisor) {
        return (List<ChildView>) GenServer.call(node, supervisor, SupervisorProcess.WHICH_CHILDREN, GenServer.INFINITY);
    }

    public static ChildCounts countChildren(Node node, Object supervisor) {
        return (ChildCounts) GenServer.call(node, supervisor, SupervisorProcess.COUNT_CHILDREN, GenServer.INFINITY);
    }

    /** D29: {@code Ok(pid)}; {@code Ignore} for {@code {:ok, :undefined}}; {@code Error({:already_started, pid})}, {@code Error(:already_present)} or the start error. */
    public static StartResult startChild(Node node, Object supervisor, ChildSpec spec) {
        return (StartResult) GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.START_CHILD, spec), GenServer.INFINITY);
    }

    /** D30: {@code :ok} (the spec stays, not running, not restarted) or {@code {:error, :not_found}}. */
    public static Object terminateChild(Node node, Object supervisor, Object id) {
        return GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.TERMINATE_CHILD, id), GenServer.INFINITY);
    }

    /** D31: {@code Ok(new pid)}, {@code Ignore}, or {@code Error(:running | :restarting | :not_found)}; not counted toward intensity. */
    public static StartResult restartChild(Node node, Object supervisor, Object id) {
        return (StartResult) GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.RESTART_CHILD, id), GenServer.INFINITY);
    }

    /** D32: {@code :ok} or {@code {:error, :running | :restarting | :not_found}}. */
    public static Object deleteChild(Node node, Object supervisor, Object id) {
        return GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.DELETE_CHILD, id), GenServer.INFINITY);
    }

    /** Stops the supervisor with reason {@code :normal}: children right to left, then the supervisor. */
    public static void stop(Node node, Object supervisor) {
        GenServer.stop(node, supervisor, Atom.NORMAL, GenServer.INFINITY);
    }

    // ------------------------------------------------------------------ management API, inside a process

    @SuppressWarnings("unchecked")
    public static Behavior whichChildren(ProcessContext ctx, Object supervisor, Function<List<ChildView>, Behavior> then) {
        return GenServer.call(ctx, supervisor, SupervisorProcess.WHICH_CHILDREN, GenServer.INFINITY,
                r -> then.apply((List<ChildView>) r));
    }

    public static Behavior startChild(ProcessContext ctx, Object supervisor, ChildSpec spec, Function<StartResult, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.START_CHILD, spec), GenServer.INFINITY,
                r -> then.apply((StartResult) r));
    }

    public static Behavior terminateChild(ProcessContext ctx, Object supervisor, Object id, Function<Object, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.TERMINATE_CHILD, id), GenServer.INFINITY,
                then::apply);
    }

    public static Behavior restartChild(ProcessContext ctx, Object supervisor, Object id, Function<StartResult, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.RESTART_CHILD, id), GenServer.INFINITY,
                r -> then.apply((StartResult) r));
    }

    public static Behavior deleteChild(ProcessContext ctx, Object supervisor, Object id, Function<Object, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.DELETE_CHILD, id), GenServer.INFINITY,
                then::apply);
    }

    public static Behavior countChildren(ProcessContext ctx, Object supervisor, Function<ChildCounts, Behavior> then) {
        return GenServer.call(ctx, supervisor, SupervisorProcess.COUNT_CHILDREN, GenServer.INFINITY,
                r -> then.apply((ChildCounts) r));
    }
}
