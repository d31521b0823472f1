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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the inspector shows about the selected process, from the sampler's frames. Nothing it hands the view
 * grows with the process: links and monitors come as a page ({@link PidLinks}, with how many there are in all), a
 * supervisor's children are cut to their first {@link #SHOWN} (a virtualised list), the mailbox to the sampler's
 * first 100 messages, all of it made and formatted off the FX thread ({@link InspectorFrame}), so a supervisor of
 * 100,000 children costs the FX thread what one of 100 does. A page that did not change is not handed on.
 */
public final class InspectorViewModel {

    /** Children shown at most (links and monitors: {@link PidLinks#PAGE}); the rest are counted. */
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
    private final ReadOnlyObjectWrapper<PidLinks> links = new ReadOnlyObjectWrapper<>(this, "links", PidLinks.NONE);
    private final ReadOnlyObjectWrapper<PidLinks> monitors = new ReadOnlyObjectWrapper<>(this, "monitors", PidLinks.NONE);
    private final ReadOnlyObjectWrapper<PidLinks> monitoredBy = new ReadOnlyObjectWrapper<>(this, "monitoredBy", PidLinks.NONE);
    private final ReadOnlyStringWrapper supervisor = new ReadOnlyStringWrapper(this, "supervisor", "");
    private final ObservableList<ChildView> children = FXCollections.observableArrayList();
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
            InspectorFrame f = s.inspector();
            replace(fields, f.fields());
            replace(mailbox, f.mailbox());
            // a recording's past may not know them: "unknown", not an empty list (PidLinks.more)
            replace(links, f.links());
            replace(monitors, f.monitors());
            replace(monitoredBy, f.monitoredBy());
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

    /** "first 100 of 100,000 children" when some are not shown, else empty. */
    static String more(int total, String what, String hint) {
        if (total <= SHOWN) return "";
        return String.format(Locale.ROOT, "first %d of %,d %s", SHOWN, total, what) + (hint == null ? "" : " — " + hint);
    }

    private void clear() {
        childrenMore.set("");
        supervisor.set("");
        children.clear();
        fields.clear();
        mailbox.clear();
        links.set(PidLinks.NONE);
        monitors.set(PidLinks.NONE);
        monitoredBy.set(PidLinks.NONE);
    }

    /** What a recording's past does not know. */
    static final String UNKNOWN = "— (not in the recording)";

    /** Priority and trap exit in a recording's past: the last snapshot's (said so), read together. */
    static final String AS_OF_SNAPSHOT = " (snapshot)";

    /**
     * {@code recorded}: a recording's past, which does not hold the current behaviour (shown unknown), and holds priority
     * and trap exit as the last snapshot read them, or not at all (a null priority: a process spawned since, or an old file).
     */
    static List<Field> fieldsOf(ProcessInfo i, boolean recorded) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("status", beamscope.app.Numbers.status(i.status())));
        f.add(new Field("message queue", Integer.toString(i.messageQueueLen())));
        f.add(new Field("reductions", i.reductions() < 0 ? "—" : String.format(Locale.ROOT, "%,d", i.reductions())));
        boolean flagsKnown = i.priority() != null;
        String asOf = recorded ? AS_OF_SNAPSHOT : "";
        f.add(new Field("priority", flagsKnown ? i.priority().name().toLowerCase(Locale.ROOT) + asOf : UNKNOWN));
        f.add(new Field("trap exit", flagsKnown ? i.trapExit() + asOf : UNKNOWN));
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

    /** Sets a page only when it differs, so an unchanged page is not built again. */
    private static void replace(ReadOnlyObjectWrapper<PidLinks> property, PidLinks next) {
        if (!property.get().equals(next)) property.set(next);
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
    /** A page of the links, monitors and monitors-by, each with how many there are in all. */
    public ReadOnlyObjectProperty<PidLinks> linksProperty() { return links.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PidLinks> monitorsProperty() { return monitors.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PidLinks> monitoredByProperty() { return monitoredBy.getReadOnlyProperty(); }
    /** Empty unless the process is a supervisor. */
    public ReadOnlyStringProperty supervisorProperty() { return supervisor.getReadOnlyProperty(); }
    public ObservableList<ChildView> children() { return children; }
    /** How many children there are beyond those shown; empty when all are. */
    public ReadOnlyStringProperty childrenMoreProperty() { return childrenMore.getReadOnlyProperty(); }
}
