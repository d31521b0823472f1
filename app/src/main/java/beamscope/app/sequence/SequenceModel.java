package beamscope.app.sequence;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The sequence diagram as data: the lifelines chosen, and the last {@link #capacity()} steps (sends,
 * receives, starts, restarts, exits) of what happened between them, built from a node's {@link Event}s.
 * Bounded: the oldest steps fall off, and each event costs the same whatever the diagram's length. Not
 * thread-safe: one thread feeds it and reads it (the FX thread in the window, the caller headless).
 *
 * <p>A message is matched to its receive by the term itself (the runtime hands the same object to the
 * receiver), first sent first; an equal term when the object differs. A message whose receiver exits
 * before taking it ends {@link Arrow.End#LOST}. A lifeline that follows a supervised child
 * ({@link ChildKey}) goes on under the restarted child, which the supervisor's progress report names.
 */
public final class SequenceModel {
    public static final int DEFAULT_CAPACITY = 5_000;
    /** How much of a term an arrow's label shows, and its hover. */
    public static final int LABEL_CHARS = 32, FULL_CHARS = 4_000;
    /** The messages kept waiting per receiver; older ones are given up (they end LOST). */
    static final int WAITING_CAP = 2_000;
    private static final int REMEMBERED_PIDS = 10_000;
    private static final Atom PROGRESS_REPORT = Atom.of("progress_report"), STARTED = Atom.of("started"),
            PID = Atom.of("pid"), ID = Atom.of("id"), EXIT = Atom.of("EXIT"), NORMAL = Atom.of("normal");

    private final int capacity;
    private final Step[] ring;
    private long next;   // the seq the next step gets; steps [next - size, next) are kept
    private int size;
    private final List<Lane> lanes = new ArrayList<>();
    /** Every pid a lifeline followed (its restarts' too), to place DOWN messages from a process already gone. */
    private final Map<Pid, Integer> laneOf = bounded();
    private final Map<Pid, ArrayDeque<Arrow>> waiting = new HashMap<>();
    private final Set<List<Pid>> links = new HashSet<>();
    /** Child ids learned from supervisors' progress reports. */
    private final Map<Pid, ChildKey> keys = bounded();
    private long changes;

    public SequenceModel() {
        this(DEFAULT_CAPACITY);
    }

    public SequenceModel(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.capacity = capacity;
        this.ring = new Step[capacity];
    }

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > REMEMBERED_PIDS;
            }
        };
    }

    // ------------------------------------------------------------------ lifelines

    /**
     * A lifeline for {@code pid} (returns its column), or the one that already follows it or its child id.
     *
     * @param key   the supervisor and child id when a supervisor restarts it, else null
     * @param label the header's text; the pid when null
     */
    public int add(Pid pid, ChildKey key, String label) {
        Objects.requireNonNull(pid, "pid");
        Integer at = laneOf.get(pid);
        if (at != null) return at;
        if (key == null) key = keys.get(pid);
        if (key != null)
            for (Lane l : lanes) if (key.equals(l.key())) return l.index();
        Lane l = new Lane(lanes.size(), label == null || label.isBlank() ? pid.toString() : label, key, pid, true, 0);
        lanes.add(l);
        laneOf.put(pid, l.index());
        changes++;
        return l.index();
    }

    /** Tells the model two lifelines' processes are linked already (links made later arrive as events). */
    public void linked(Pid a, Pid b) {
        links.add(List.of(a, b));
        links.add(List.of(b, a));
    }

    public List<Lane> lanes() {
        return Collections.unmodifiableList(lanes);
    }

    /** The pids whose events the diagram needs: each lifeline's process and the supervisor that restarts it. */
    public Set<Pid> watched() {
        Set<Pid> s = new LinkedHashSet<>();
        for (Lane l : lanes) {
            s.add(l.pid());
            if (l.key() != null) s.add(l.key().supervisor());
        }
        return s;
    }

    /** Forgets every lifeline and step. */
    public void clear() {
        lanes.clear();
        laneOf.clear();
        waiting.clear();
        links.clear();
        java.util.Arrays.fill(ring, null);
        size = 0;
        changes++;
    }

    // ------------------------------------------------------------------ steps

    public int capacity() { return capacity; }

    /** The seq of the oldest step kept. */
    public long first() { return next - size; }

    /** One past the newest step's seq. */
    public long end() { return next; }

    public int size() { return size; }

    /** The step numbered {@code seq}, which must be in {@code [first(), end())}. */
    public Step step(long seq) {
        if (seq < first() || seq >= next) throw new IndexOutOfBoundsException(seq + " not in [" + first() + ", " + next + ")");
        return ring[(int) (seq % capacity)];
    }

    /** The steps kept, oldest first (a copy). */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>(size);
        for (long s = first(); s < next; s++) out.add(step(s));
        return out;
    }

    /** Grows by one on every change, to redraw only when something changed. */
    public long changes() { return changes; }

    private long append(java.util.function.LongFunction<Step> make) {
        long seq = next++;
        ring[(int) (seq % capacity)] = make.apply(seq);
        if (size < capacity) size++;
        changes++;
        return seq;
    }

    // ------------------------------------------------------------------ events

    /** Takes one event into the diagram; events about processes not on it are ignored. */
    public void accept(Event e) {
        switch (e) {
            case Event.Send s -> sent(s.pid(), s.to(), s.message());
            case Event.Receive r -> received(r.pid(), r.message());
            case Event.Spawn s -> spawned(s.pid(), s.parent());
            case Event.Exit x -> exited(x.pid(), x.reason());
            case Event.Down d -> down(d.pid(), d.object(), d.ref(), d.reason());
            case Event.Link l -> linkedIfShown(l.pid(), l.other());
            case Event.Unlink u -> {
                links.remove(List.of(u.pid(), u.other()));
                links.remove(List.of(u.other(), u.pid()));
            }
            case Event.Report r when r.kind().equals(PROGRESS_REPORT) -> progress(r.pid(), r.details());
            default -> { }
        }
    }

    public void acceptAll(Iterable<Event> events) {
        for (Event e : events) accept(e);
    }

    private Lane current(Pid pid) {
        Integer i = pid == null ? null : laneOf.get(pid);
        if (i == null) return null;
        Lane l = lanes.get(i);
        return l.pid().equals(pid) ? l : null;
    }

    private void sent(Pid from, Pid to, Object message) {
        Lane a = current(from), b = current(to);
        if (a == null || b == null) return;
        arrow(a, b, Arrow.Kind.MESSAGE, message, Terms.inspect(message, LABEL_CHARS), Terms.inspect(message, FULL_CHARS));
    }

    private Arrow arrow(Lane a, Lane b, Arrow.Kind kind, Object message, String text, String full) {
        Arrow[] made = new Arrow[1];
        append(seq -> new Step.Sent(seq, made[0] = new Arrow(seq, a.index(), b.index(), kind, message, text, full)));
        ArrayDeque<Arrow> q = waiting.computeIfAbsent(b.pid(), p -> new ArrayDeque<>());
        if (q.size() >= WAITING_CAP) q.pollFirst().end(next - 1, Arrow.End.LOST);
        q.addLast(made[0]);
        return made[0];
    }

    private void received(Pid pid, Object message) {
        ArrayDeque<Arrow> q = waiting.get(pid);
        if (q == null || q.isEmpty()) return;
        Arrow found = null;
        for (Arrow a : q) if (a.message() == message) { found = a; break; }
        if (found == null) for (Arrow a : q) if (Objects.equals(a.message(), message)) { found = a; break; }
        if (found == null) return;
        q.remove(found);
        receive(found);
    }

    /** Ends {@code a} where it is received: on its own row when anything happened since it was sent. */
    private void receive(Arrow a) {
        if (a.sentAt() == next - 1) {
            a.end(a.sentAt(), Arrow.End.RECEIVED);
            changes++;
        } else {
            long seq = append(s -> new Step.Received(s, a));
            a.end(seq, Arrow.End.RECEIVED);
        }
    }

    private void spawned(Pid pid, Pid parent) {
        Lane child = current(pid), p = current(parent);
        if (child != null) {
            append(seq -> new Step.Started(seq, child.index(), pid.toString(), false));
        } else if (p != null) {
            append(seq -> new Step.Spawned(seq, p.index(), pid.toString()));
        }
    }

    private void exited(Pid pid, Object reason) {
        Lane l = current(pid);
        if (l == null) return;
        long seq = append(s -> new Step.Exited(s, l.index(), pid.toString(), Terms.inspect(reason, LABEL_CHARS)));
        lanes.set(l.index(), l.exited());
        ArrayDeque<Arrow> q = waiting.remove(pid);
        if (q != null)
            for (Arrow a : q) a.end(seq, a.kind() == Arrow.Kind.EXIT ? Arrow.End.RECEIVED : Arrow.End.LOST);
        // its exit signal goes to every linked lifeline; a trapping one gets it as a message
        for (Lane other : List.copyOf(lanes)) {
            if (other.index() == l.index() || !other.alive() || !links.contains(List.of(pid, other.pid()))) continue;
            Object message = Tuple.of(EXIT, pid, reason);
            Arrow a = arrow(l, other, Arrow.Kind.EXIT, message, "EXIT " + Terms.inspect(reason, LABEL_CHARS),
                    "EXIT signal: " + Terms.inspect(message, FULL_CHARS));
            if (NORMAL.equals(reason)) {   // ignored by a process that does not trap exits: it ends there
                waiting.get(other.pid()).remove(a);
                a.end(a.sentAt(), Arrow.End.RECEIVED);
            }
        }
        links.removeIf(k -> k.contains(pid));
    }

    private void down(Pid watcher, Object object, Object ref, Object reason) {
        Lane to = current(watcher);
        Integer fromIndex = object instanceof Pid p ? laneOf.get(p) : null;
        if (to == null || fromIndex == null) return;
        Object message = Tuple.of(Atom.DOWN, ref, Atom.PROCESS, object, reason);
        arrow(lanes.get(fromIndex), to, Arrow.Kind.DOWN, message, "DOWN " + Terms.inspect(reason, LABEL_CHARS),
                Terms.inspect(message, FULL_CHARS));
    }

    private void linkedIfShown(Pid a, Pid b) {
        if (current(a) != null || current(b) != null) linked(a, b);
    }

    private void progress(Pid supervisor, Object details) {
        if (!(keyword(details, STARTED) instanceof List<?> started)) return;
        if (!(keyword(started, PID) instanceof Pid child)) return;
        ChildKey key = new ChildKey(supervisor, keyword(started, ID));
        keys.put(child, key);
        for (Lane l : lanes) {
            if (l.pid().equals(child)) {
                if (l.key() == null) lanes.set(l.index(), l.withKey(key));
                return;
            }
        }
        for (Lane l : lanes) {
            if (key.equals(l.key())) {
                Lane restarted = l.restartedAs(child);
                lanes.set(l.index(), restarted);
                laneOf.put(child, l.index());
                waiting.remove(l.pid());
                append(seq -> new Step.Started(seq, l.index(), child.toString(), true));
                return;
            }
        }
    }

    /** The value under {@code key} in a keyword list of {@code {key, value}} tuples, or null. */
    static Object keyword(Object list, Atom key) {
        if (!(list instanceof List<?> items)) return null;
        for (Object o : items)
            if (o instanceof Tuple t && t.size() == 2 && key.equals(t.get(0))) return t.get(1);
        return null;
    }

    /** The arrows still waiting in a lifeline's mailbox (its current process). */
    public List<Arrow> waitingFor(int lane) {
        ArrayDeque<Arrow> q = waiting.get(lanes.get(lane).pid());
        return q == null ? List.of() : List.copyOf(q);
    }

    /** Every arrow still waiting, in no order. */
    public List<Arrow> waiting() {
        List<Arrow> out = new ArrayList<>();
        for (ArrayDeque<Arrow> q : waiting.values()) out.addAll(q);
        return out;
    }
}
