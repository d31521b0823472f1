package beamscope.app.inspector;

import beamscope.app.sampler.Frame;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.SupervisorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the inspector shows about the selected process, from the sampler's frames. Nothing it hands the view
 * grows with the process: links, monitors and a supervisor's children are cut to their first
 * {@link #SHOWN} (with how many there are in all), the mailbox to the sampler's first 100 messages, so a
 * supervisor of 100,000 children costs the FX thread what one of 100 does.
 */
public final class InspectorViewModel {

    /** Links, monitors, monitored-by and children shown at most; the rest are counted. */
    public static final int SHOWN = 100;

    /** One line of process_info: a name and its value in inspect syntax. */
    public record Field(String name, String value) {}

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No process selected");
    private final ReadOnlyStringWrapper exitReason = new ReadOnlyStringWrapper(this, "exitReason", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyBooleanWrapper alive = new ReadOnlyBooleanWrapper(this, "alive");
    private final ReadOnlyBooleanWrapper dead = new ReadOnlyBooleanWrapper(this, "dead");
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    private final ObservableList<String> mailbox = FXCollections.observableArrayList();
    private final ObservableList<Pid> links = FXCollections.observableArrayList();
    private final ObservableList<Object> monitors = FXCollections.observableArrayList();
    private final ObservableList<Pid> monitoredBy = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper supervisor = new ReadOnlyStringWrapper(this, "supervisor", "");
    private final ObservableList<ChildView> children = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper linksMore = new ReadOnlyStringWrapper(this, "linksMore", "");
    private final ReadOnlyStringWrapper monitorsMore = new ReadOnlyStringWrapper(this, "monitorsMore", "");
    private final ReadOnlyStringWrapper monitoredByMore = new ReadOnlyStringWrapper(this, "monitoredByMore", "");
    private final ReadOnlyStringWrapper childrenMore = new ReadOnlyStringWrapper(this, "childrenMore", "");

    public void show(Frame.Selected s) {
        if (s == null) {
            title.set("No process selected");
            alive.set(false);
            dead.set(false);
            exitReason.set("");
            state.set("");
            clear();
            return;
        }
        if (s.info().isPresent()) {
            ProcessInfo i = s.info().get();
            title.set(s.pid() + i.registeredName().map(n -> "  " + n).orElse(""));
            alive.set(true);
            dead.set(false);
            exitReason.set("");
            state.set(s.state().orElse(""));
            supervisor.set(s.supervisor().map(InspectorViewModel::describe).orElse(""));
            List<ChildView> kids = s.supervisor().map(SupervisorView::children).orElse(List.of());
            replace(children, first(kids));
            childrenMore.set(more(kids.size(), "children", "the tree pages through them all"));
            replace(fields, fieldsOf(i, s.recorded()));
            replace(mailbox, i.messages().stream().map(m -> Terms.inspect(m, 400)).toList());
            // a recording's past may not know them (null): "unknown", not an empty list
            replace(links, i.links() == null ? List.of() : first(i.links()));
            linksMore.set(i.links() == null ? UNKNOWN : more(i.links().size(), "links", null));
            replace(monitors, i.monitors() == null ? List.of() : first(i.monitors()));
            monitorsMore.set(i.monitors() == null ? UNKNOWN : more(i.monitors().size(), "monitors", null));
            replace(monitoredBy, i.monitoredBy() == null ? List.of() : first(i.monitoredBy()));
            monitoredByMore.set(i.monitoredBy() == null ? UNKNOWN : more(i.monitoredBy().size(), "monitors", null));
        } else {
            title.set(s.pid() + "  (exited)");
            alive.set(false);
            dead.set(true);
            exitReason.set(s.exitReason().map(Terms::inspect).orElse("unknown: exited too long ago, or never lived"));
            state.set("");
            clear();
        }
    }

    /** "one_for_all · at most 3 restarts in 5 s" and the like. */
    static String describe(SupervisorView v) {
        String s = (v.dynamic() ? "DynamicSupervisor" : v.strategy().name().toLowerCase(Locale.ROOT))
                + " · at most " + v.intensity() + " restarts in " + v.period() + " s";
        if (v.dynamic() && v.maxChildren() >= 0) s += " · max " + v.maxChildren() + " children";
        return s;
    }

    /** The first {@link #SHOWN} of a list, without copying a short one. */
    static <T> List<T> first(List<T> all) {
        return all.size() <= SHOWN ? all : all.subList(0, SHOWN);
    }

    static final String UNKNOWN = "— (not in the recording)";

    /** "first 100 of 100,000 children" when some are not shown, else empty. */
    static String more(int total, String what, String hint) {
        if (total <= SHOWN) return "";
        return String.format(Locale.ROOT, "first %d of %,d %s", SHOWN, total, what) + (hint == null ? "" : " — " + hint);
    }

    private void clear() {
        linksMore.set("");
        monitorsMore.set("");
        monitoredByMore.set("");
        childrenMore.set("");
        supervisor.set("");
        children.clear();
        fields.clear();
        mailbox.clear();
        links.clear();
        monitors.clear();
        monitoredBy.clear();
    }

    /** {@code recorded}: a recording's past, which does not hold priority, trap exit or current behaviour (shown unknown). */
    static List<Field> fieldsOf(ProcessInfo i, boolean recorded) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("status", beamscope.app.Numbers.status(i.status())));
        f.add(new Field("message queue", Integer.toString(i.messageQueueLen())));
        f.add(new Field("reductions", i.reductions() < 0 ? "—" : String.format(Locale.ROOT, "%,d", i.reductions())));
        f.add(new Field("priority", recorded ? UNKNOWN : i.priority().name().toLowerCase(Locale.ROOT)));
        f.add(new Field("trap exit", recorded ? UNKNOWN : Boolean.toString(i.trapExit())));
        f.add(new Field("registered name", i.registeredName().orElse("—")));
        f.add(new Field("initial call", i.initialCall()));
        f.add(new Field("current behaviour", recorded || i.currentBehavior() == null ? "—" : i.currentBehavior()));
        f.add(new Field("parent", i.parent().map(Pid::toString).orElse("—")));
        f.add(new Field("ancestors", Terms.inspect(i.ancestors())));
        f.add(new Field("scheduler", i.scheduler() < 0 ? "—" : Integer.toString(i.scheduler() + 1)));
        f.add(new Field("memory", i.memory() < 0 ? "—" : String.format(Locale.ROOT, "%,d bytes", i.memory())));
        for (Map.Entry<Object, Object> e : i.dictionary().entrySet())
            f.add(new Field("dictionary " + Terms.inspect(e.getKey()), Terms.inspect(e.getValue(), 400)));
        return f;
    }

    /** Replaces a list's contents only when they differ, so unchanged lists do not repaint. */
    private static <T> void replace(ObservableList<T> list, List<? extends T> next) {
        if (!list.equals(next)) list.setAll(next);
    }

    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty exitReasonProperty() { return exitReason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty aliveProperty() { return alive.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty deadProperty() { return dead.getReadOnlyProperty(); }
    public ObservableList<Field> fields() { return fields; }
    public ObservableList<String> mailbox() { return mailbox; }
    public ObservableList<Pid> links() { return links; }
    public ObservableList<Object> monitors() { return monitors; }
    public ObservableList<Pid> monitoredBy() { return monitoredBy; }
    /** Empty unless the process is a supervisor. */
    public ReadOnlyStringProperty supervisorProperty() { return supervisor.getReadOnlyProperty(); }
    public ObservableList<ChildView> children() { return children; }
    /** How many links (monitors, monitored-by, children) there are beyond those shown; empty when all are. */
    public ReadOnlyStringProperty linksMoreProperty() { return linksMore.getReadOnlyProperty(); }
    public ReadOnlyStringProperty monitorsMoreProperty() { return monitorsMore.getReadOnlyProperty(); }
    public ReadOnlyStringProperty monitoredByMoreProperty() { return monitoredByMore.getReadOnlyProperty(); }
    public ReadOnlyStringProperty childrenMoreProperty() { return childrenMore.getReadOnlyProperty(); }
}
