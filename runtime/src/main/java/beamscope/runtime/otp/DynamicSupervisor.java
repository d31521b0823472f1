package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import java.util.List;
import java.util.function.Function;

/**
 * Elixir's {@code DynamicSupervisor}: no children at start, {@link #startChild} adds them (ids are
 * ignored, duplicates allowed), one_for_one only, an optional {@code max_children}, and on shutdown all
 * children are stopped in parallel (D28). {@code startChild} returns {@code Ignore} when the child
 * ignores (D36) and {@code Error(:max_children)} at the limit.
 */
public final class DynamicSupervisor {
    private DynamicSupervisor() {}

    /** {@code max_children: :infinity}. */
    public static final int INFINITY = -1;

    public static StartResult start(Node node) {
        return start(node, SupervisorFlags.DEFAULT_INTENSITY, SupervisorFlags.DEFAULT_PERIOD, INFINITY, StartOptions.DEFAULTS);
    }

    public static StartResult start(Node node, int maxRestarts, int maxSeconds, int maxChildren, StartOptions options) {
        SupervisorFlags flags = new SupervisorFlags(Strategy.ONE_FOR_ONE, maxRestarts, maxSeconds);
        return ProcLib.startOutside(node, "DynamicSupervisor.init/1", options.timeout(),
                (ctx, st) -> SupervisorProcess.init(ctx, st, flags, List.of(), options.name(), true, maxChildren));
    }

    public static Behavior startLink(ProcessContext ctx, int maxRestarts, int maxSeconds, int maxChildren,
            StartOptions options, Function<StartResult, Behavior> then) {
        SupervisorFlags flags = new SupervisorFlags(Strategy.ONE_FOR_ONE, maxRestarts, maxSeconds);
        return ProcLib.startInProcess(ctx, true, "DynamicSupervisor.init/1", options.timeout(),
                (c, st) -> SupervisorProcess.init(c, st, flags, List.of(), options.name(), true, maxChildren), then);
    }

    /** A child start for a parent supervisor. */
    public static ChildStart childStart(int maxChildren, StartOptions options) {
        return (ctx, then) -> startLink(ctx, SupervisorFlags.DEFAULT_INTENSITY, SupervisorFlags.DEFAULT_PERIOD,
                maxChildren, options, then);
    }

    public static StartResult startChild(Node node, Object supervisor, ChildSpec spec) {
        return (StartResult) GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.START_CHILD, spec), GenServer.INFINITY);
    }

    public static Behavior startChild(ProcessContext ctx, Object supervisor, ChildSpec spec, Function<StartResult, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.START_CHILD, spec), GenServer.INFINITY,
                r -> then.apply((StartResult) r));
    }

    /** {@code :ok} or {@code {:error, :not_found}}. */
    public static Object terminateChild(Node node, Object supervisor, Pid child) {
        return GenServer.call(node, supervisor, Tuple.of(SupervisorProcess.TERMINATE_CHILD, child), GenServer.INFINITY);
    }

    public static Behavior terminateChild(ProcessContext ctx, Object supervisor, Pid child, Function<Object, Behavior> then) {
        return GenServer.call(ctx, supervisor, Tuple.of(SupervisorProcess.TERMINATE_CHILD, child), GenServer.INFINITY,
                then::apply);
    }

    @SuppressWarnings("unchecked")
    public static Behavior whichChildren(ProcessContext ctx, Object supervisor, Function<List<ChildView>, Behavior> then) {
        return GenServer.call(ctx, supervisor, SupervisorProcess.WHICH_CHILDREN, GenServer.INFINITY,
                r -> then.apply((List<ChildView>) r));
    }

    /** In start order; ids are {@code :undefined} (D33). */
    @SuppressWarnings("unchecked")
    public static List<ChildView> whichChildren(Node node, Object supervisor) {
        return (List<ChildView>) GenServer.call(node, supervisor, SupervisorProcess.WHICH_CHILDREN, GenServer.INFINITY);
    }

    public static Supervisor.ChildCounts countChildren(Node node, Object supervisor) {
        return (Supervisor.ChildCounts) GenServer.call(node, supervisor, SupervisorProcess.COUNT_CHILDREN, GenServer.INFINITY);
    }

    public static void stop(Node node, Object supervisor) {
        GenServer.stop(node, supervisor, Atom.NORMAL, GenServer.INFINITY);
    }
}
