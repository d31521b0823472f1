package beamscope.app.events;

import beamscope.app.sampler.Frame;
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

    /** One line of the log. */
    public record Entry(long nanos, EventKind kind, Pid pid, String text) {
        boolean matches(String needle) {
            return needle.isEmpty() || text.toLowerCase(Locale.ROOT).contains(needle)
                    || pid.toString().toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    private final ObservableList<Entry> all = FXCollections.observableArrayList();
    private final FilteredList<Entry> shown = new FilteredList<>(all);
    private final ObservableSet<EventKind> kinds = FXCollections.observableSet(EnumSet.allOf(EventKind.class));
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper dropped = new ReadOnlyStringWrapper(this, "dropped", "");
    private long base = Long.MIN_VALUE;

    public EventLogViewModel() {
        filter.addListener((o, a, b) -> refilter());
        kinds.addListener((javafx.collections.SetChangeListener<EventKind>) c -> refilter());
    }

    private void refilter() {
        String needle = filter.get().strip().toLowerCase(Locale.ROOT);
        Set<EventKind> k = EnumSet.noneOf(EventKind.class);
        k.addAll(kinds);
        shown.setPredicate(e -> k.contains(e.kind()) && e.matches(needle));
    }

    public void show(Frame f) {
        if (!f.events().isEmpty()) {
            if (base == Long.MIN_VALUE) base = f.events().get(0).nanos();
            List<Entry> batch = new ArrayList<>(f.events().size());
            for (int i = f.events().size() - 1; i >= 0 && batch.size() < CAP; i--) batch.add(entry(f.events().get(i)));
            all.addAll(0, batch);
            if (all.size() > CAP) all.remove(CAP, all.size());
        }
        dropped.set(f.eventsDropped() == 0 ? "" : String.format(Locale.ROOT, "%,d dropped", f.eventsDropped()));
    }

    static Entry entry(Event e) {
        String text = switch (e) {
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
            default -> e.toString();
        };
        return new Entry(e.nanos(), EventKind.of(e), e.pid(), text);
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
    public StringProperty filterProperty() { return filter; }
    public ReadOnlyStringProperty droppedProperty() { return dropped.getReadOnlyProperty(); }
}
