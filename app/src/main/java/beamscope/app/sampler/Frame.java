package beamscope.app.sampler;

import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed.ShellMessage;
import beamscope.runtime.Event;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.otp.SupervisorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the window shows at one moment, computed off the FX thread.
 *
 * @param rows     the first {@code query.limit()} matching processes, in the query's order
 * @param matching how many processes matched the filter (all of them for an empty filter)
 * @param events   events since the previous frame the window took (oldest first)
 * @param shell    messages the shell received since then
 * @param supervisors every live supervisor (strategy, intensity, children with restart counts), by pid
 * @param supervised  the table row of every supervisor and supervised child, by pid, for the tree view
 *                    (children found in the previous sample, so a new child shows one sample later)
 * @param nodeState   whether the node was connected; when not, everything else is what was last seen
 *                    (with no new events or shell messages, and rates of zero)
 * @param traffic     the messages sent and received since the previous frame, bounded
 * @param strip       every process of the last walk in pid order, with its status and queue (the grid's);
 *                    null in frames built without a walk
 */
public record Frame(
        long seq,
        Query query,
        NodeSnapshot node,
        double reductionsPerSecond,
        double messagesPerSecond,
        int matching,
        List<ProcessRow> rows,
        Selected selected,
        List<Event> events,
        long eventsDropped,
        List<ShellMessage> shell,
        Map<Pid, SupervisorView> supervisors,
        Map<Pid, ProcessRow> supervised,
        beamscope.app.tree.TreeFrame tree,
        beamscope.app.schedulers.SchedulerFrame schedulers,
        NodeState nodeState,
        Traffic traffic,
        beamscope.app.grid.ProcessStrip strip) {

    public Frame {
        if (traffic == null) traffic = Traffic.NONE;
    }

    /** A frame without message traffic or a grid strip. */
    public Frame(long seq, Query query, NodeSnapshot node, double reductionsPerSecond, double messagesPerSecond,
                 int matching, List<ProcessRow> rows, Selected selected, List<Event> events, long eventsDropped,
                 List<ShellMessage> shell, Map<Pid, SupervisorView> supervisors, Map<Pid, ProcessRow> supervised,
                 beamscope.app.tree.TreeFrame tree, beamscope.app.schedulers.SchedulerFrame schedulers, NodeState nodeState) {
        this(seq, query, node, reductionsPerSecond, messagesPerSecond, matching, rows, selected, events, eventsDropped,
                shell, supervisors, supervised, tree, schedulers, nodeState, Traffic.NONE, null);
    }

    /** A frame without the tree and scheduler views' parts (view-model tests). */
    public Frame(long seq, Query query, NodeSnapshot node, double reductionsPerSecond, double messagesPerSecond,
                 int matching, List<ProcessRow> rows, Selected selected, List<Event> events, long eventsDropped,
                 List<ShellMessage> shell, Map<Pid, SupervisorView> supervisors, Map<Pid, ProcessRow> supervised) {
        this(seq, query, node, reductionsPerSecond, messagesPerSecond, matching, rows, selected, events, eventsDropped,
                shell, supervisors, supervised, null, null, NodeState.CONNECTED);
    }

    /** Events a frame carries at most; older ones are counted as dropped. */
    public static final int EVENT_CAP = 5_000;

    /**
     * The inspected process: its info while alive, its exit reason once gone.
     *
     * @param state     a GenServer/Agent state in inspect syntax, when there is one
     * @param inspector the inspector's part, made off the FX thread; from a recording
     *                  ({@link beamscope.app.observe.Observed#recorded()}) it shows what the recording does not hold
     *                  (priority, trap_exit, current behaviour) as unknown
     */
    public record Selected(Pid pid, Optional<ProcessInfo> info, Optional<Object> exitReason, Optional<String> state,
                           Optional<SupervisorView> supervisor, beamscope.app.inspector.InspectorFrame inspector) {

        /** A live node's process, with the inspector's part made from its info here (the sampler's thread). */
        public Selected(Pid pid, Optional<ProcessInfo> info, Optional<Object> exitReason, Optional<String> state,
                        Optional<SupervisorView> supervisor) {
            this(pid, info, exitReason, state, supervisor, false);
        }

        /** {@code recorded}: the info comes from a recording's past (what it does not hold shows as unknown). */
        public Selected(Pid pid, Optional<ProcessInfo> info, Optional<Object> exitReason, Optional<String> state,
                        Optional<SupervisorView> supervisor, boolean recorded) {
            this(pid, info, exitReason, state, supervisor, beamscope.app.inspector.InspectorFrame.of(info, recorded));
        }
    }

    /**
     * This frame carrying also what an older frame, never shown, carried: the window skips frames but
     * must not lose events or shell messages.
     */
    Frame after(Frame older) {
        if (older == null) return this;
        List<Event> ev = new ArrayList<>(older.events.size() + events.size());
        ev.addAll(older.events);
        ev.addAll(events);
        long dropped = eventsDropped;
        if (ev.size() > EVENT_CAP) {
            dropped += ev.size() - EVENT_CAP;
            ev = new ArrayList<>(ev.subList(ev.size() - EVENT_CAP, ev.size()));
        }
        List<ShellMessage> sh = new ArrayList<>(older.shell);
        sh.addAll(shell);
        return new Frame(seq, query, node, reductionsPerSecond, messagesPerSecond, matching, rows, selected,
                List.copyOf(ev), dropped, List.copyOf(sh), supervisors, supervised, tree, schedulers, nodeState,
                traffic.after(older.traffic), strip);
    }

    /** What this frame showed, as the next frame {@code seq} while the node is {@code state} (not connected). */
    Frame lastSeen(long seq, NodeState state) {
        return new Frame(seq, query, node, 0, 0, matching, rows, selected, List.of(), eventsDropped, List.of(),
                supervisors, supervised, tree, schedulers, state, Traffic.NONE, strip);
    }
}
