package beamscope.app.timeline;

import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.record.RecordedChild;
import beamscope.record.RecordedFlags;
import beamscope.record.RecordedProcess;
import beamscope.record.RecordedSnapshot;
import beamscope.record.RecordedSupervisor;
import beamscope.record.RecordedTerm;
import beamscope.record.Recording;
import beamscope.record.SchedulerSample;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A node as a recording shows it at a moment ({@link #moveTo}): the window reads it like any other node, so its
 * tree, table, inspector (mailbox contents included) and event log show the past. It cannot be acted on: sends,
 * exits and calls are refused. Reads rebuild the state at the moment once per move, on the reading thread.
 */
public final class RecordedNode implements Observed {
    private final Recording recording;
    private final String name;
    /** The events by time, for the event log's subscriptions. */
    private final List<Event> byTime;
    private volatile long nanos;
    private volatile RecordedSnapshot state;
    private volatile long rewinds;
    /** Who monitors whom in {@link #state}, built when first asked (null: some process's monitors are unknown). */
    private volatile Map<Pid, List<Pid>> monitoredBy;
    private volatile RecordedSnapshot monitoredByOf;

    public RecordedNode(Recording recording, String name) {
        this(recording, name, false);
    }

    /** @param ofEmbedded whether the window recorded it from its embedded node just now (not a saved file) */
    public RecordedNode(Recording recording, String name, boolean ofEmbedded) {
        this.ofEmbedded = ofEmbedded;
        this.recording = recording;
        this.name = name;
        List<Event> sorted = new ArrayList<>(recording.events());
        sorted.sort(Comparator.comparingLong(Event::nanos));
        this.byTime = sorted;
        moveTo(recording.endNanos());
    }

    private final boolean ofEmbedded;

    /** Whether this is the window's embedded node a moment ago (the timeline dragged back), not a saved file. */
    public boolean ofEmbedded() {
        return ofEmbedded;
    }

    public Recording recording() {
        return recording;
    }

    /** The moment shown (node clock). */
    public long nanos() {
        return nanos;
    }

    /** Shows the node at {@code t}, kept within the recording's span. */
    public void moveTo(long t) {
        long at = Math.max(recording.startNanos(), Math.min(recording.endNanos(), t));
        if (at < nanos) rewinds++;
        nanos = at;
        state = null;
    }

    /** The state at the moment shown. */
    public RecordedSnapshot recordedState() {
        RecordedSnapshot s = state;
        long at = nanos;
        if (s == null || s.nanos() != at) {
            s = recording.stateAt(at).orElse(new RecordedSnapshot(at, Map.of(), Map.of()));
            state = s;
        }
        return s;
    }

    @Override
    public NodeState state() {
        return NodeState.CONNECTED;
    }

    /**
     * The schedulers as last sampled at or before the moment (none before the first sample, or in a version 1 file):
     * the Schedulers tab shows who ran where, and how busy each was between two moments shown.
     */
    @Override
    public NodeSnapshot snapshot() {
        RecordedSnapshot s = recordedState();
        SchedulerSample lanes = recording.schedulersAt(s.nanos()).orElse(null);
        long reductions = 0;
        if (lanes != null) for (var k : lanes.schedulers()) reductions += k.reductions();
        // spawns, exits and messages sent are not counted in a recording (-1: the views show "—")
        return new NodeSnapshot(s.nanos(), lanes == null ? List.of() : lanes.schedulers(), s.processes().size(), 0, -1, -1, -1,
                lanes == null ? -1 : reductions, false, 0, 0, recording.eventsDropped(), lanes == null ? List.of() : lanes.dirtySchedulers());
    }

    /**
     * What the moment shown knows only as of an earlier time, in a few words: statuses and reductions are those of the
     * last snapshot (a status the events since may have changed shows "—"), the lanes those of the last sample.
     */
    public String asOf() {
        long at = nanos;
        long start = recording.startNanos();
        StringBuilder b = new StringBuilder();
        recording.snapshotBefore(at).ifPresent(snap -> b.append("statuses, reductions as of ")
                .append(TimelineViewModel.seconds(snap.nanos() - start)));
        recording.schedulersAt(at).ifPresentOrElse(l -> b.append(b.isEmpty() ? "" : " · ").append("lanes ")
                .append(TimelineViewModel.seconds(l.nanos() - start)), () -> b.append(b.isEmpty() ? "" : " · ").append("no lanes recorded"));
        return b.toString();
    }

    @Override
    public void forEachProcess(Consumer<ProcessSummary> visitor) {
        for (RecordedProcess p : recordedState().processes().values()) visitor.accept(summary(p));
    }

    private static ProcessSummary summary(RecordedProcess p) {
        return new ProcessSummary(p.pid(), p.registeredName().isEmpty() ? null : p.registeredName(), p.initialCall(),
                p.status(), p.priority(), p.reductions(), p.queueLen(), -1, -1, p.parent());   // memory, scheduler: not recorded; priority null when unknown
    }

    @Override
    public boolean isSupervisor(ProcessSummary process) {
        return Observe.isSupervisor(process);
    }

    @Override
    public Optional<ProcessInfo> info(Pid pid, int messageLimit) {
        RecordedProcess p = recordedState().processes().get(pid);
        if (p == null) return Optional.empty();
        List<Object> messages = new ArrayList<>();
        for (String m : p.messages()) {
            if (messages.size() >= messageLimit) break;
            messages.add(RecordedTerm.parse(m));
        }
        Optional<String> registered = p.registeredName().isEmpty() ? Optional.empty() : Optional.of(p.registeredName());
        List<Object> monitors = p.monitors() == null ? null : p.monitors().stream().map(t -> (Object) RecordedTerm.parse(t)).toList();
        Map<Pid, List<Pid>> by = monitoredBy();
        List<Pid> watchers = by == null ? null : by.getOrDefault(pid, List.of());
        // links, monitors and monitored-by are null when the recording does not know them (the inspector says so)
        // priority and trap exit are the last snapshot's, known together (a null priority: both unknown)
        return Optional.of(new ProcessInfo(pid, p.status(), p.queueLen(), messages, p.reductions(), p.priority(), Boolean.TRUE.equals(p.trapExit()),
                p.links(), monitors, watchers, registered, p.initialCall(), p.initialCall(), Optional.ofNullable(p.parent()),
                List.of(), -1, -1, Map.of()));   // scheduler, memory: not recorded
    }

    private Map<Pid, List<Pid>> monitoredBy() {
        RecordedSnapshot s = recordedState();
        if (monitoredByOf == s) return monitoredBy;
        Map<String, Pid> byText = new java.util.HashMap<>();
        for (Pid pid : s.processes().keySet()) byText.put(beamscope.runtime.Terms.inspect(pid), pid);
        Map<Pid, List<Pid>> by = new java.util.HashMap<>();
        for (RecordedProcess p : s.processes().values()) {
            if (p.monitors() == null) {
                by = null;
                break;
            }
            for (String m : p.monitors()) {
                Pid target = byText.get(m);
                if (target != null) by.computeIfAbsent(target, k -> new ArrayList<>()).add(p.pid());
            }
        }
        monitoredBy = by;
        monitoredByOf = s;
        return by;
    }

    @Override
    public Optional<Object> exitReason(Pid pid) {
        long at = nanos;
        Object reason = null;
        for (Event e : byTime) {
            if (e.nanos() > at) break;
            if (e instanceof Event.Exit x && x.pid().equals(pid)) reason = x.reason();
        }
        return Optional.ofNullable(reason);
    }

    @Override
    public Optional<String> serverState(Pid pid) {
        return Optional.empty();
    }

    @Override
    public String nodeName() {
        return name;
    }

    @Override
    public Optional<Pid> whereis(String registered) {
        for (RecordedProcess p : recordedState().processes().values()) if (p.registeredName().equals(registered)) return Optional.of(p.pid());
        return Optional.empty();
    }

    @Override
    public Optional<SupervisorView> supervisor(Pid pid) {
        RecordedSupervisor s = recordedState().supervisors().get(pid);
        if (s == null) return Optional.empty();
        List<ChildView> children = new ArrayList<>();
        for (RecordedChild c : s.children()) {
            Restart restart = switch (c.restart()) {
                case "transient" -> Restart.TRANSIENT;
                case "temporary" -> Restart.TEMPORARY;
                default -> Restart.PERMANENT;
            };
            Pid child = c.pid();
            boolean supervisor = child != null && recordedState().processes().get(child) instanceof RecordedProcess p
                    && isSupervisor(summary(p));
            children.add(new ChildView(RecordedTerm.parse(c.id()), Optional.ofNullable(child),
                    child == null ? ChildView.Status.UNDEFINED : ChildView.Status.RUNNING,
                    supervisor ? ChildType.SUPERVISOR : ChildType.WORKER, restart, -1));
        }
        RecordedFlags flags = recording.flags().getOrDefault(pid, new RecordedFlags("one_for_one", -1, -1));
        Strategy strategy = switch (flags.strategy()) {
            case "one_for_all" -> Strategy.ONE_FOR_ALL;
            case "rest_for_one" -> Strategy.REST_FOR_ONE;
            default -> Strategy.ONE_FOR_ONE;
        };
        return Optional.of(new SupervisorView(pid, Optional.empty(), s.dynamic() ? "DynamicSupervisor" : "Supervisor", strategy,
                flags.intensity(), flags.period(), s.dynamic(), -1, children));
    }

    /** The recorded events of the kinds and processes asked for, as the moment shown moves forward past them. */
    @Override
    public EventSubscription subscribe(EventFilter filter, int capacity) {
        return new Recorded(filter, firstAfter(nanos));
    }

    /** As {@link #subscribe}, but first every recorded event up to the moment shown (a diagram drawn up to it). */
    @Override
    public EventSubscription subscribeFromStart(EventFilter filter, int capacity) {
        return new Recorded(filter, 0);
    }

    /**
     * A recording's past: current behaviour, memory and scheduler are not in it; priority and trap exit are the last
     * snapshot's, or unknown (a null priority in its info).
     */
    @Override
    public boolean recorded() {
        return true;
    }

    /** As {@link #subscribe}, but first the last {@code recent} wanted events up to the moment shown, and so after each move back. */
    @Override
    public EventSubscription subscribeRecent(EventFilter filter, int capacity, int recent) {
        Recorded r = new Recorded(filter, 0, recent);
        synchronized (r) {
            r.next = r.backFrom(firstAfter(nanos));
        }
        return r;
    }

    /** How many times the moment shown moved back. */
    @Override
    public long rewinds() {
        return rewinds;
    }

    /** Events looked at per drain at most, so a drain's work has a ceiling however long the recording. */
    static final int SCAN = 50_000;

    /**
     * A subscription to the recording: like the node's own, a process's event reaches it when the process or the
     * other one involved (the parent of a spawn, the other end of a link or monitor, the receiver of a send) is
     * wanted, and with {@code set_on_spawn} a wanted process's children are followed from their spawn. When the moment
     * moves back it goes on from there; after {@link #close} it still gives what happened up to the moment it closed.
     */
    private final class Recorded implements EventSubscription {
        private final EventFilter filter;
        private final java.util.Set<Pid> inherited = new java.util.HashSet<>();
        private final boolean follows;
        /** How many wanted events before the moment it starts with (0: from the moment on). */
        private final int recent;
        private int next;
        private volatile long closedAt = Long.MIN_VALUE;

        Recorded(EventFilter filter, int from) {
            this(filter, from, 0);
        }

        Recorded(EventFilter filter, int from, int recent) {
            this.filter = filter;
            this.next = from;
            this.recent = recent;
            this.follows = filter.setOnSpawn() && !filter.pids().isEmpty() && filter.wantsKind(Event.Spawn.class);
        }

        @Override
        public synchronized int drainTo(List<Event> into, int max) {
            long closed = closedAt;
            long at = closed != Long.MIN_VALUE ? Math.min(closed, nanos) : nanos;
            if (next > 0 && byTime.get(next - 1).nanos() > at) { // moved back: go on from the moment shown
                next = backFrom(firstAfter(at));
                return 0;
            }
            int n = 0;
            for (int scanned = 0; next < byTime.size() && n < max && scanned < SCAN; scanned++) {
                Event e = byTime.get(next);
                if (e.nanos() > at) break;
                next++;
                if (follows && e instanceof Event.Spawn s && s.parent() != null && wanted(s.parent())) inherited.add(s.pid());
                boolean want = filter.wantsKind(e.getClass()) && (e.pid() == null || wanted(e.pid()) || wanted(other(e)));
                if (e instanceof Event.Exit x) inherited.remove(x.pid());
                if (!want) continue;
                into.add(e);
                n++;
            }
            return n;
        }

        /**
         * Where to start so that the last {@link #recent} wanted events before {@code end} come first: a scan back of
         * at most {@link #SCAN} events (processes followed from their spawn are not known going back: plain filters).
         */
        int backFrom(int end) {
            int i = end;
            for (int found = 0, scanned = 0; i > 0 && found < recent && scanned < SCAN; scanned++) {
                Event e = byTime.get(--i);
                if (filter.wantsKind(e.getClass()) && (e.pid() == null || wanted(e.pid()) || wanted(other(e)))) found++;
            }
            return i;
        }

        private boolean wanted(Pid pid) {
            return pid != null && (filter.wantsPid(pid) || inherited.contains(pid));
        }

        private static Pid other(Event e) {
            return switch (e) {
                case Event.Spawn s -> s.parent();
                case Event.Link l -> l.other();
                case Event.Unlink l -> l.other();
                case Event.Monitor m -> m.target();
                case Event.Send s -> s.to();
                default -> null;
            };
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public EventFilter filter() {
            return filter;
        }

        @Override
        public void close() {
            if (closedAt == Long.MIN_VALUE) closedAt = nanos;
        }
    }

    private int firstAfter(long t) {
        int lo = 0, hi = byTime.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (byTime.get(mid).nanos() <= t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    // ---------------------------------------------------------------- a recording is not acted on

    @Override
    public Pid shell() {
        return Pid.of(0);
    }

    @Override
    public int drainShell(List<ShellMessage> into, int max) {
        return 0;
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a recording cannot be acted on; press Live to return to the node");
    }

    @Override
    public void send(Pid to, Object message) {
        throw readOnly();
    }

    @Override
    public CompletableFuture<Object> call(Pid to, Object request, Duration timeout) {
        return CompletableFuture.failedFuture(readOnly());
    }

    @Override
    public void cast(Pid to, Object request) {
        throw readOnly();
    }

    @Override
    public void exit(Pid pid, Object reason) {
        throw readOnly();
    }

    @Override
    public void link(Pid pid) {
        throw readOnly();
    }

    @Override
    public void unlink(Pid pid) {
        throw readOnly();
    }

    @Override
    public void monitor(Pid pid) {
        throw readOnly();
    }

    @Override
    public void suspend(Pid pid) {
        throw readOnly();
    }

    @Override
    public void resume(Pid pid) {
        throw readOnly();
    }

    @Override
    public void close() {
    }
}
