package beamscope.record;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.Observe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node as a recording knows it at {@code nanos} (node clock): its processes with their mailboxes, and its
 * supervisors' children. A recorder takes one from the live node now and then ({@link Recorder#snapshotNow});
 * {@link #advance} moves one forward over the events after it, which is how a recording rebuilds any moment.
 * <p>
 * Reading a live node takes time, and the node goes on meanwhile: a snapshot read from {@code since} to
 * {@code nanos} holds each process as it was at some moment in between. So it stands for the node only from
 * {@code nanos} on (a moment before that is rebuilt from an earlier snapshot: a restart during the read is not
 * shown before it happened), and it is moved forward over the events after {@code since} (the read may have
 * missed them). An event it already holds changes nothing when applied again (a spawn of a process it has, an
 * exit of one it has not, a link it has), but for a message sent during the read to a process read after it,
 * which shows twice in that mailbox's list until it is received, and a monitor set up during the read, listed twice.
 *
 * @param since when the read began; {@code nanos} for a state rebuilt by {@link #advance} or from an old file
 */
public record RecordedSnapshot(long nanos, long since, Map<Pid, RecordedProcess> processes,
        Map<Pid, RecordedSupervisor> supervisors) {

    /** Terms are kept as text cut to this many characters. */
    public static final int TERM_LIMIT = 2000;

    /** A state at one moment (a read that took no time, or one rebuilt). */
    public RecordedSnapshot(long nanos, Map<Pid, RecordedProcess> processes, Map<Pid, RecordedSupervisor> supervisors) {
        this(nanos, nanos, processes, supervisors);
    }

    public RecordedSnapshot {
        if (since > nanos) throw new IllegalArgumentException("a snapshot's read cannot begin after it ends");
        processes = java.util.Collections.unmodifiableMap(new TreeMap<>(processes));
        supervisors = java.util.Collections.unmodifiableMap(new TreeMap<>(supervisors));
    }

    static String text(Object term) {
        return term instanceof RecordedTerm r ? r.text() : Terms.inspect(term, TERM_LIMIT);
    }

    /**
     * This state moved forward over {@code events} (in recorded order) whose time is after {@link #since} and
     * at most {@code upTo}; mailboxes keep at most {@code mailboxCap} messages as text.
     */
    public RecordedSnapshot advance(Collection<Event> events, long upTo, int mailboxCap) {
        TreeMap<Pid, RecordedProcess> procs = new TreeMap<>(processes);
        TreeMap<Pid, RecordedSupervisor> sups = new TreeMap<>(supervisors);
        for (Event e : events) {
            long t = e.nanos();
            if (t <= since || t > upTo) continue;
            switch (e) {
                case Event.Spawn s -> {
                    if (procs.containsKey(s.pid())) continue;   // the read already saw it (spawned while it read)
                    procs.put(s.pid(), new RecordedProcess(s.pid(), "", s.initialCall(), s.parent(), 0, List.of(), null, -1,
                            List.of(), List.of()));
                    boolean dynamic = Observe.DYNAMIC_SUPERVISOR_INIT.equals(s.initialCall());
                    if (dynamic || Observe.SUPERVISOR_INIT.equals(s.initialCall()))
                        sups.putIfAbsent(s.pid(), new RecordedSupervisor(s.pid(), dynamic, List.of()));
                }
                case Event.Exit x -> exited(procs, sups, x.pid());
                case Event.Register r -> procs.computeIfPresent(r.pid(), (k, p) -> p.withName(r.name()));
                case Event.Unregister r -> procs.computeIfPresent(r.pid(), (k, p) -> p.withName(""));
                case Event.Send s -> {
                    ran(procs, s.pid());
                    procs.computeIfPresent(s.to(), (k, p) -> arrived(queued(p, text(s.message()), mailboxCap)));
                }
                case Event.Receive r -> procs.computeIfPresent(r.pid(), (k, p) -> taken(p, text(r.message())).withStatus(null));
                case Event.Link l -> {
                    ran(procs, l.pid());
                    linked(procs, l.pid(), l.other(), true);
                }
                case Event.Unlink l -> {
                    ran(procs, l.pid());
                    linked(procs, l.pid(), l.other(), false);
                }
                case Event.Monitor m -> {
                    ran(procs, m.pid());
                    procs.computeIfPresent(m.pid(), (k, p) -> p.monitors() == null ? p
                            : p.withMonitors(with(p.monitors(), text(m.target()))));
                }
                case Event.Down d -> procs.computeIfPresent(d.pid(), (k, p) -> {
                    RecordedProcess q = arrived(p);
                    if (q.monitors() == null) return q;
                    List<String> left = new ArrayList<>(q.monitors());
                    left.remove(text(d.object()));
                    return q.withMonitors(left);
                });
                case Event.Report r when r.kind().equals(PROGRESS_REPORT) -> started(sups, r);
                default -> { }
            }
        }
        return new RecordedSnapshot(Math.max(nanos, upTo), procs, sups);
    }

    static final Atom PROGRESS_REPORT = Atom.of("progress_report"), STARTED = Atom.of("started"), PID = Atom.of("pid"),
            ID = Atom.of("id"), RESTART_TYPE = Atom.of("restart_type");

    /** {@code pid} acted (sent, received, linked, monitored): it ran, so its status since is unknown. */
    private static void ran(Map<Pid, RecordedProcess> procs, Pid pid) {
        if (pid != null) procs.computeIfPresent(pid, (k, p) -> p.withStatus(null));
    }

    /** A message or signal arrived: a waiting process wakes (its status is unknown now); a suspended one stays suspended. */
    private static RecordedProcess arrived(RecordedProcess p) {
        return p.status() == ProcessStatus.SUSPENDED ? p : p.withStatus(null);
    }

    private static List<String> with(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** A link (or unlink) is one event, from the side that asked: both sides change. */
    private static void linked(Map<Pid, RecordedProcess> procs, Pid a, Pid b, boolean on) {
        if (a == null || b == null) return;
        procs.computeIfPresent(a, (k, p) -> p.links() == null ? p : p.withLinks(toggled(p.links(), b, on)));
        procs.computeIfPresent(b, (k, p) -> p.links() == null ? p : p.withLinks(toggled(p.links(), a, on)));
    }

    private static List<Pid> toggled(List<Pid> links, Pid other, boolean on) {
        java.util.TreeSet<Pid> set = new java.util.TreeSet<>(links);
        if (on) set.add(other);
        else set.remove(other);
        return List.copyOf(set);
    }

    private static RecordedProcess queued(RecordedProcess p, String message, int cap) {
        List<String> m = p.messages();
        if (m.size() == p.queueLen() && m.size() < cap) {
            m = new ArrayList<>(m);
            m.add(message);
        }
        return p.withMailbox(p.queueLen() + 1, m);
    }

    /** A receive takes the first equal message; one the mailbox list never had (a trapped EXIT, a DOWN) counts only when the list is cut. */
    private static RecordedProcess taken(RecordedProcess p, String message) {
        List<String> m = new ArrayList<>(p.messages());
        boolean complete = m.size() == p.queueLen();
        boolean found = m.remove(message);
        int len = found || !complete ? Math.max(0, p.queueLen() - 1) : p.queueLen();
        return p.withMailbox(len, m);
    }

    private static void exited(Map<Pid, RecordedProcess> procs, Map<Pid, RecordedSupervisor> sups, Pid pid) {
        RecordedProcess gone = procs.remove(pid);
        if (gone != null && gone.links() != null)
            for (Pid other : gone.links()) { // its exit signal reaches each linked process, and the link goes
                linked(procs, pid, other, false);
                procs.computeIfPresent(other, (k, p) -> arrived(p));
            }
        sups.remove(pid);
        for (Map.Entry<Pid, RecordedSupervisor> en : sups.entrySet()) {
            RecordedSupervisor s = en.getValue();
            if (s.children().stream().noneMatch(c -> pid.equals(c.pid()))) continue;
            List<RecordedChild> kids = new ArrayList<>();
            for (RecordedChild c : s.children()) {
                if (!pid.equals(c.pid())) kids.add(c);
                else if (!s.dynamic() && !c.restart().equals("temporary")) kids.add(new RecordedChild(c.id(), null, c.restart()));
            }
            en.setValue(new RecordedSupervisor(s.pid(), s.dynamic(), kids));
        }
    }

    /** A PROGRESS REPORT: {@code [supervisor: s, started: [pid: p, id: x, restart_type: r, ...], ...]}. */
    private static void started(Map<Pid, RecordedSupervisor> sups, Event.Report r) {
        RecordedSupervisor s = sups.get(r.pid());
        if (s == null) return;
        List<?> offender = keyword(r.details(), STARTED) instanceof List<?> l ? l : null;
        if (offender == null || !(keyword(offender, PID) instanceof Pid pid)) return;
        String id = text(keyword(offender, ID));
        Object restartType = keyword(offender, RESTART_TYPE);
        String restart = restartType instanceof Atom a ? a.name() : "permanent";
        List<RecordedChild> kids = new ArrayList<>(s.children());
        boolean replaced = false;
        if (!s.dynamic()) {
            for (int i = 0; i < kids.size(); i++)
                if (kids.get(i).id().equals(id)) {
                    kids.set(i, new RecordedChild(id, pid, restart));
                    replaced = true;
                }
        }
        if (!replaced) kids.add(new RecordedChild(id, pid, restart));
        sups.put(s.pid(), new RecordedSupervisor(s.pid(), s.dynamic(), kids));
    }

    private static Object keyword(Object list, Atom key) {
        if (!(list instanceof List<?> l)) return null;
        for (Object o : l)
            if (o instanceof Tuple t && t.size() == 2 && key.equals(t.get(0))) return t.get(1);
        return null;
    }
}
