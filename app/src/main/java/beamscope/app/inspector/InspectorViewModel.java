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

/** What the inspector shows about the selected process, from the sampler's frames. */
public final class InspectorViewModel {

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
            replace(children, s.supervisor().map(SupervisorView::children).orElse(List.of()));
            replace(fields, fieldsOf(i));
            replace(mailbox, i.messages().stream().map(m -> Terms.inspect(m, 400)).toList());
            replace(links, i.links());
            replace(monitors, i.monitors());
            replace(monitoredBy, i.monitoredBy());
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

    private void clear() {
        supervisor.set("");
        children.clear();
        fields.clear();
        mailbox.clear();
        links.clear();
        monitors.clear();
        monitoredBy.clear();
    }

    static List<Field> fieldsOf(ProcessInfo i) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("status", i.status().name().toLowerCase(Locale.ROOT)));
        f.add(new Field("message queue", Integer.toString(i.messageQueueLen())));
        f.add(new Field("reductions", String.format(Locale.ROOT, "%,d", i.reductions())));
        f.add(new Field("priority", i.priority().name().toLowerCase(Locale.ROOT)));
        f.add(new Field("trap exit", Boolean.toString(i.trapExit())));
        f.add(new Field("registered name", i.registeredName().orElse("—")));
        f.add(new Field("initial call", i.initialCall()));
        f.add(new Field("current behaviour", i.currentBehavior() == null ? "—" : i.currentBehavior()));
        f.add(new Field("parent", i.parent().map(Pid::toString).orElse("—")));
        f.add(new Field("ancestors", Terms.inspect(i.ancestors())));
        f.add(new Field("scheduler", Integer.toString(i.scheduler() + 1)));
        f.add(new Field("memory", String.format(Locale.ROOT, "%,d bytes", i.memory())));
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
}
