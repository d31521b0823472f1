package beamscope.app.events;

import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Traffic;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;

/**
 * The event log: the last {@link #CAP} events, newest first, filtered by kind and text, with a count of
 * events the runtime dropped because the log's buffer was full.
 */
public final class EventLogViewModel {
    public static final int CAP = 5_000;

    /**
     * One line of the log. Its text is made the first time it is read (a cell drawing it, or a text filter):
     * a frame can bring thousands of events, and the FX thread formats only the lines someone looks at.
     */
    public static final class Entry {
        private final long nanos;
        private final EventKind kind;
        private final Pid pid;
        private java.util.function.Supplier<String> format;
        private String text;

        Entry(long nanos, EventKind kind, Pid pid, java.util.function.Supplier<String> format) {
            this.nanos = nanos;
            this.kind = kind;
            this.pid = pid;
            this.format = format;
        }

        public long nanos() { return nanos; }
        public EventKind kind() { return kind; }
        public Pid pid() { return pid; }

        /** The line's words (read on the FX thread, as every entry is). */
        public String text() {
            if (text == null) {
                text = format.get();
                format = null;
            }
            return text;
        }

        boolean matches(String needle) {
            return needle.isEmpty() || text().toLowerCase(Locale.ROOT).contains(needle)
                    || (pid != null && pid.toString().toLowerCase(Locale.ROOT).contains(needle));
        }

        @Override
        public String toString() {
            return kind + " " + pid + " " + text();
        }
    }

    private final ObservableList<Entry> all = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(all);
    /** Sends and receives are off at first: a busy node sends millions, and watching them costs it. */
    private final ObservableSet<EventKind> kinds = FXCollections.observableSet(
            EnumSet.complementOf(EnumSet.of(EventKind.SEND, EventKind.RECEIVE)));
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper dropped = new ReadOnlyStringWrapper(this, "dropped", "");
    private long base = Long.MIN_VALUE;
    private boolean past;

    public EventLogViewModel() {
        filter.addListener((o, a, b) -> refilter());
        kinds.addListener((javafx.collections.SetChangeListener<EventKind>) c -> refilter());
        refilter();
    }

    /**
     * Whether this log shows a recording's past: its events come in time order but when the moment moves back, and
     * then the log starts again from the events before the new moment (older than what it lists: the sign of it).
     */
    public void setPast(boolean past) {
        this.past = past;
    }

    private void refilter() {
        String needle = filter.get().strip().toLowerCase(Locale.ROOT);
        Set<EventKind> k = EnumSet.noneOf(EventKind.class);
        k.addAll(kinds);
        shown.setPredicate(e -> k.contains(e.kind()) && e.matches(needle));
    }

    /**
     * Adds a frame's events and message traffic, newest first. Sends and receives come one by one while few;
     * when many, one line per busy pair ("→ #PID<0.10.0>: 12,400 messages in 0.15 s") and one for the rest.
     */
    public void show(Frame f) {
        Traffic t = f.traffic();
        if (!f.events().isEmpty() || !t.events().isEmpty() || !t.flows().isEmpty()) {
            // only the newest CAP of each can be shown: the rest is never copied, sorted or formatted
            List<Event> events = newest(f.events()), messages = newest(t.events());
            List<Event> timed = new ArrayList<>(events.size() + messages.size());
            timed.addAll(events);
            timed.addAll(messages);
            if (!messages.isEmpty() && !events.isEmpty()) timed.sort(java.util.Comparator.comparingLong(Event::nanos));
            if (past && !timed.isEmpty() && !all.isEmpty() && timed.getFirst().nanos() < all.getFirst().nanos())
                all.clear();    // the moment moved back: the log lists the events up to the new one
            long last = timed.isEmpty() ? f.node().nanoTime() : timed.getLast().nanos();
            if (base == Long.MIN_VALUE) base = timed.isEmpty() ? last : timed.getFirst().nanos();
            List<Entry> batch = new ArrayList<>(Math.min(CAP, timed.size() + t.flows().size() + 1));
            for (Traffic.Flow fl : t.flows()) batch.add(flow(fl, t, last));     // the busiest on top
            if (t.others() > 0)
                batch.add(new Entry(last, EventKind.SEND, null, () -> String.format(Locale.ROOT, "%,d more messages between other processes", t.others())));
            for (int i = timed.size() - 1; i >= 0 && batch.size() < CAP; i--) batch.add(entry(timed.get(i)));
            all.addAll(0, batch);
            if (all.size() > CAP) all.remove(CAP, all.size());
        }
        long d = f.eventsDropped();
        dropped.set(d == 0 ? "" : String.format(Locale.ROOT, "%,d dropped", d));
    }

    /** A busy pair in one line: how many, over what time, at what rate, and the last term as an example. */
    static Entry flow(Traffic.Flow fl, Traffic t, long nanos) {
        double secs = t.spanNanos() / 1e9;
        String rate = secs > 0 ? " (" + beamscope.app.Numbers.compact(fl.count() / secs) + "/s)" : "";
        String sampled = t.dropped() > 0 ? ", counted from a sample" : "";
        return new Entry(nanos, EventKind.SEND, fl.from(), () -> String.format(Locale.ROOT, "→ %s: %,d messages in %.2f s%s%s, e.g. %s",
                fl.to(), fl.count(), secs, rate, sampled, Terms.inspect(fl.example(), 80)));
    }

    /** The newest {@link #CAP} of a list in time order (its tail), without copying it. */
    private static List<Event> newest(List<Event> events) {
        return events.size() <= CAP ? events : events.subList(events.size() - CAP, events.size());
    }

    static Entry entry(Event e) {
        return new Entry(e.nanos(), EventKind.of(e), e.pid(), () -> describe(e));
    }

    /** An event in words, as its log line says it. */
    static String describe(Event e) {
        return switch (e) {
            case Event.Spawn s -> "spawned " + s.initialCall() + (s.parent() == null ? "" : " by " + s.parent());
            case Event.Exit x -> "exited: " + Terms.inspect(x.reason(), 300);
            case Event.Link l -> "linked to " + l.other();
            case Event.Unlink u -> "unlinked from " + u.other();
            case Event.Monitor m -> "monitors " + m.target();
            case Event.Down d -> "got DOWN for " + Terms.inspect(d.object()) + ": " + Terms.inspect(d.reason(), 200);
            case Event.Register r -> "registered as " + r.name();
            case Event.Unregister u -> "unregistered " + u.name();
            case Event.Report r -> report(r);
            case Event.SystemMonitor m -> Terms.inspect(m.kind()) + " " + Terms.inspect(m.details(), 300);
            case Event.Send s -> "sent " + Terms.inspect(s.message(), 200) + " to " + s.to();
            case Event.Receive r -> "received " + Terms.inspect(r.message(), 200);
            default -> e.toString();
        };
    }

    /**
     * Supervisor reports in words: "restarted :counter2 #PID<0.9.0> (restart 1) under :counter_sup",
     * "child_terminated :counter1 #PID<0.6.0>: :killed". Other reports print as terms.
     */
    static String report(Event.Report r) {
        Map<String, Object> d = keywords(r.details());
        Map<String, Object> child = keywords(d.containsKey("started") ? d.get("started") : d.get("offender"));
        String who = Terms.inspect(child.get("id")) + " " + Terms.inspect(child.get("pid"));
        String sup = Terms.inspect(d.get("supervisor"));
        return switch (r.kind().name()) {
            case "progress_report" -> d.get("restart_count") instanceof Number n && n.longValue() > 0
                    ? "restarted " + who + " (restart " + n + ") under " + sup
                    : "started " + who + " under " + sup;
            case "supervisor_report" -> sup + ": " + Terms.inspect(d.get("errorContext")) + " " + who + ": "
                    + Terms.inspect(d.get("reason"), 200);
            default -> Terms.inspect(r.kind()) + " " + Terms.inspect(r.details(), 300);
        };
    }

    /** A keyword list ({@code [key: value, …]}) as a map; anything else as an empty map. */
    private static Map<String, Object> keywords(Object term) {
        Map<String, Object> m = new java.util.HashMap<>();
        if (term instanceof List<?> items)
            for (Object i : items) if (i instanceof beamscope.runtime.Tuple2(beamscope.runtime.Atom k, Object v)) m.put(k.name(), v);
        return m;
    }

    /** Seconds since the first event, for display. */
    public String time(Entry e) {
        return String.format(Locale.ROOT, "%9.3f", (e.nanos() - base) / 1e9);
    }

    public ObservableList<Entry> shown() { return shown; }
    public ObservableList<Entry> all() { return all; }
    public ObservableSet<EventKind> kinds() { return kinds; }

    /** Whether the log shows sends or receives, so frames must carry message traffic. */
    public boolean wantsMessages() {
        return kinds.contains(EventKind.SEND) || kinds.contains(EventKind.RECEIVE);
    }
    public StringProperty filterProperty() { return filter; }
    public ReadOnlyStringProperty droppedProperty() { return dropped.getReadOnlyProperty(); }
}
