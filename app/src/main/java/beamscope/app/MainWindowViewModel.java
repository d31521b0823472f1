package beamscope.app;

import beamscope.app.demo.Demo;
import beamscope.app.events.EventLogViewModel;
import beamscope.app.inspector.InspectorViewModel;
import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.app.processes.ProcessTableViewModel;
import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Query;
import beamscope.app.send.Message;
import beamscope.app.send.SendViewModel;
import beamscope.app.shell.ShellViewModel;
import beamscope.app.spawn.SpawnViewModel;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.SchedulerSnapshot;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The main window's state: the feature view models, the node's headline numbers and connection, and the
 * actions on the selected process and on the schedulers. Frames from the sampler arrive through
 * {@link #show}. The actions only the embedded runtime offers ({@link EmbeddedControls}) say so and do
 * nothing on a node without them; the view hides their controls ({@link #embedded()}).
 */
public final class MainWindowViewModel {
    public static final Duration SLOW_MOTION = Duration.ofMillis(250);

    private final Observed node;
    /** Null for a node that offers no embedded controls. */
    private final EmbeddedControls controls;
    private final AppState state;
    private final Executor fx;
    private final ProcessTableViewModel processes;
    private final InspectorViewModel inspector = new InspectorViewModel();
    private final EventLogViewModel events = new EventLogViewModel();
    private final ShellViewModel shell;
    private final SendViewModel send;
    private final SpawnViewModel spawn;
    /** Null unless the node is the embedded runtime (the scenarios run their own processes on it). */
    private final beamscope.app.stress.StressViewModel stress;

    private final ReadOnlyStringWrapper processCount = new ReadOnlyStringWrapper(this, "processCount", "0");
    private final ReadOnlyStringWrapper rates = new ReadOnlyStringWrapper(this, "rates", "");
    private final ReadOnlyStringWrapper runQueue = new ReadOnlyStringWrapper(this, "runQueue", "");
    private final ReadOnlyLongWrapper slices = new ReadOnlyLongWrapper(this, "slices");
    private final ReadOnlyStringWrapper slicesText = new ReadOnlyStringWrapper(this, "slicesText", "");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper memoryAlarm = new ReadOnlyBooleanWrapper(this, "memoryAlarm");
    private final ReadOnlyStringWrapper memoryAlarmText = new ReadOnlyStringWrapper(this, "memoryAlarmText", "");
    private final BooleanProperty slowMotion = new SimpleBooleanProperty(this, "slowMotion");
    private final javafx.beans.property.DoubleProperty slowMotionMillis =
            new javafx.beans.property.SimpleDoubleProperty(this, "slowMotionMillis");
    private final StringProperty exitReason = new SimpleStringProperty(this, "exitReason", ":kill");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<Notice> notices = javafx.collections.FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<NodeState> nodeState = new ReadOnlyObjectWrapper<>(this, "nodeState");
    private final ReadOnlyStringWrapper nodeStateText = new ReadOnlyStringWrapper(this, "nodeStateText", "");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");

    /**
     * @param query      changes what the sampler computes next
     * @param fx         runs on the FX thread (same thread in tests)
     * @param background runs long work (spawning thousands) off the FX thread
     */
    public MainWindowViewModel(Observed node, Consumer<UnaryOperator<Query>> query, AppState state, Executor fx,
                               Executor background) {
        this.node = node;
        this.controls = node.embedded().orElse(null);
        this.state = state;
        this.fx = fx;
        this.processes = new ProcessTableViewModel(query);
        this.shell = new ShellViewModel(node.shell());
        this.send = new SendViewModel(node, fx);
        this.spawn = new SpawnViewModel(node, fx, background, state::select);
        this.stress = node instanceof beamscope.app.observe.LocalNode local
                ? new beamscope.app.stress.StressViewModel(local.node(), fx,
                        r -> Thread.ofPlatform().daemon().name("beamscope-stress").start(r))
                : null;
        if (stress != null) stress.runningProperty().addListener((o, was, now) -> {
            if (was && !now) notices.add(new Notice(Notice.Level.INFORMATION, "Stress test ended: " + stress.titleProperty().get(),
                    stress.textProperty().get() + (stress.figuresProperty().get().isEmpty() ? "" : " — " + stress.figuresProperty().get())));
        });
        send.targetProperty().bind(state.selectedProperty());
        state.selectedProperty().addListener((o, a, pid) -> query.accept(q -> q.withSelected(pid)));
        // one setting: the toolbar's Slow is "the wait between slices is above zero" (the Schedulers slider sets it)
        slowMotion.addListener((o, a, on) -> {
            if (on != (slowMotionMillis.get() > 0)) slowMotionMillis.set(on ? SLOW_MOTION.toMillis() : 0);
        });
        slowMotionMillis.addListener((o, a, ms) -> {
            if (controls != null) controls.slowMotion(Duration.ofMillis(Math.round(ms.doubleValue())));
            slowMotion.set(ms.doubleValue() > 0);
        });
        nodeState.addListener((o, a, s) -> nodeStateText.set(describe(node.nodeName(), s)));
        events.setPast(node.recorded());
        nodeState.set(node.state());
    }

    /** The header's connection chip: the node's name and whether the views show it live. */
    static String describe(String nodeName, NodeState s) {
        return nodeName + switch (s) {
            case CONNECTED -> " · connected";
            case RECONNECTING -> " · reconnecting… showing what was last seen";
            case DOWN -> " · down: showing what was last seen";
        };
    }

    /** Whether the node offers the embedded runtime's controls (spawn, pause, step, slow motion, priority…). */
    public boolean embedded() {
        return controls != null;
    }

    /** The embedded controls, or null after saying on the status line that this node has none. */
    private EmbeddedControls controls(String what) {
        if (controls == null) message.set(node.nodeName() + " is not the embedded node: it cannot " + what + ".");
        return controls;
    }

    /** Takes a sampler frame (on the FX thread). */
    public void show(Frame f) {
        nodeState.set(f.nodeState());
        state.frameProperty().set(f);
        processes.show(f);
        Frame.Selected sel = f.selected();
        followRestart(f);      // a restarted selection moves to its new pid: the next frame shows that one
        // A frame taken before the selection changed still describes the old one: keep what is shown.
        if (state.selected() == null) inspector.show(null);
        else if (sel != null && sel.pid().equals(state.selected())) inspector.show(sel);
        if (sel != null && sel.pid().equals(state.selected()))
            send.kindProperty().set(sel.info().flatMap(i -> ProcessKind.ofInitialCall(i.initialCall())).orElse(null));
        boolean supervisorSelected = sel != null && sel.pid().equals(state.selected()) && sel.supervisor().isPresent();
        if (controls != null)
            spawn.supervisorProperty().set(supervisorSelected ? sel.pid() : node.whereis(Demo.SPAWNED).orElse(null));
        events.show(f);
        shell.show(f);
        noticeGivingUp(f);
        NodeSnapshot s = f.node();
        processCount.set(String.format(java.util.Locale.ROOT, "%,d", s.processes()));   // "1,000,000", as the rest of the window
        rates.set(Numbers.compact(f.reductionsPerSecond()) + " reds/s · " + Numbers.compact(f.messagesPerSecond())
                + " msgs/s");
        runQueue.set(String.format(Locale.ROOT, "run queue %d · %d schedulers", s.runQueueLength(), s.schedulers().size()));
        long cs = 0;
        for (SchedulerSnapshot sc : s.schedulers()) cs = cs < 0 || sc.contextSwitches() < 0 ? -1 : cs + sc.contextSwitches();
        slices.set(cs);
        slicesText.set(cs < 0 ? "slices —" : Numbers.compact(cs) + " slices");
        paused.set(s.paused());
        showMemoryAlarm(f.events());
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        memory.set(describeMemory(committed - rt.freeMemory(), committed,
                f.schedulers() == null ? -1 : f.schedulers().memory()));
    }

    /**
     * The header's memory figure, each part named for what it is: this JVM's heap (used, committed), which
     * holds the embedded node and the window; and the runtime's estimate of what its processes hold
     * (mailboxes, state; the sum of {@code process_info}'s memory), which leaves out the JVM's own overhead.
     *
     * @param estimate the processes' estimate in bytes, or negative when the frame carries none
     */
    static String describeMemory(long heapUsed, long heapCommitted, long estimate) {
        String heap = "JVM heap " + Numbers.bytes(heapUsed) + " used of " + Numbers.bytes(heapCommitted) + " committed";
        return estimate < 0 ? heap : heap + " · processes ≈ " + Numbers.bytes(estimate) + " (estimate)";
    }

    /** "ran #PID<0.6.0> (counter1) for 37 reductions on scheduler 1, from its normal queue". */
    private String describe(beamscope.runtime.SteppedSlice ran) {
        String name = node.info(ran.pid(), 0).map(i -> i.registeredName()
                .orElse(ProcessKind.ofInitialCall(i.initialCall()).map(ProcessKind::label).orElse(String.valueOf(i.initialCall()))))
                .orElse("exited");
        return "ran " + ran.pid() + " (" + name + ") for " + ran.reductions() + " reductions on scheduler "
                + (ran.scheduler() + 1) + ", from its " + ran.queueName() + " queue";
    }

    /** Where the selected process sits: its supervisor and its child id there (a static supervisor's). */
    private record Place(Pid pid, Pid supervisor, Object childId, String supervisorName) {}

    private Place selectedPlace;

    /**
     * Follows a restart: when the selected process has died and its supervisor runs a new process under
     * the same child id, selects that one (so the inspector and the message editor's target follow it) and
     * says so on the status line. Looks at one supervisor's children once per selection and while the
     * selection is dead, never at every process. Returns whether the selection moved.
     */
    private boolean followRestart(Frame f) {
        Pid selected = state.selected();
        if (selected == null || f.supervisors() == null) {
            selectedPlace = null;
            return false;
        }
        if (selectedPlace == null || !selectedPlace.pid().equals(selected)) selectedPlace = placeOf(f, selected);
        Frame.Selected sel = f.selected();
        if (selectedPlace == null || sel == null || !sel.pid().equals(selected) || sel.info().isPresent()) return false;
        SupervisorView sup = f.supervisors().get(selectedPlace.supervisor());
        if (sup == null) return false;
        for (ChildView c : sup.children()) {
            if (!c.id().equals(selectedPlace.childId()) || c.status() != ChildView.Status.RUNNING) continue;
            Pid next = c.pid().orElse(selected);
            if (next.equals(selected)) return false;
            selectedPlace = new Place(next, selectedPlace.supervisor(), selectedPlace.childId(), selectedPlace.supervisorName());
            message.set("Following " + Terms.inspect(c.id()) + ": " + selected + " exited and "
                    + selectedPlace.supervisorName() + " restarted it as " + next + ".");
            state.follow(next);
            return true;
        }
        return false;
    }

    private static Place placeOf(Frame f, Pid pid) {
        beamscope.app.sampler.ProcessRow row = f.supervised() == null ? null : f.supervised().get(pid);
        SupervisorView sup = row == null || row.parent() == null ? null : f.supervisors().get(row.parent());
        if (sup == null || sup.dynamic()) return null;     // a DynamicSupervisor's children share one id
        for (ChildView c : sup.children())
            if (c.pid().filter(pid::equals).isPresent())
                return new Place(pid, sup.pid(), c.id(), sup.name().orElse(sup.pid().toString()));
        return null;
    }

    /** The node's memory watermark alarm, as its latest set/clear event in the frame left it. */
    private void showMemoryAlarm(java.util.List<Event> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof Event.SystemMonitor m && m.kind() == Event.MEMORY_HIGH_WATERMARK
                    && m.details() instanceof java.util.List<?> details) {
                boolean set = false;
                long messages = 0;
                for (Object d : details) {
                    if (d instanceof Tuple2(Atom k, Boolean on) && k.name().equals("set")) set = on;
                    if (d instanceof Tuple2(Atom k, Number n) && k.name().equals("messages")) messages = n.longValue();
                }
                memoryAlarm.set(set);
                memoryAlarmText.set(set ? "mailboxes high: " + Numbers.compact(messages) + " msgs" : "");
                return;
            }
        }
    }

    // ---------------------------------------------------------------- actions on the selected process

    private Pid target() {
        Pid p = state.selected();
        if (p == null) message.set("Select a process first.");
        return p;
    }

    /** Exits the selected process with the reason in {@link #exitReasonProperty()} (Elixir syntax). */
    public void exitSelected() {
        Pid p = target();
        if (p == null) return;
        switch (Message.read(exitReason.get(), node.shell())) {
            case Message.Term(Object reason) -> {
                try {
                    new beamscope.app.bulk.ProcessAction.Exit(reason).apply(node, p);   // as the bulk actions do
                    message.set("Process.exit(" + p + ", " + Terms.inspect(reason) + ")");
                } catch (RuntimeException refused) { // a real node: destructive actions off, or the node away
                    message.set(refused.getMessage());
                }
            }
            case Message.SyntaxError e -> message.set("Exit reason not sent: " + e.message());
        }
    }

    public void exitSelected(String reason) {
        exitReason.set(reason);
        exitSelected();
    }

    public void suspendSelected() { act(p -> new beamscope.app.bulk.ProcessAction.Suspend().apply(node, p), "suspended"); }
    public void resumeSelected() { act(p -> new beamscope.app.bulk.ProcessAction.Resume().apply(node, p), "resumed"); }
    public void linkSelected() { act(node::link, "shell linked to"); }
    public void unlinkSelected() { act(node::unlink, "shell unlinked from"); }
    public void monitorSelected() { act(node::monitor, "shell monitors"); }

    /** The selected process links to {@code other} (a pid like {@code #PID<0.42.0>} or a registered name). */
    public void linkSelectedTo(String other) { pair(other, EmbeddedControls::link, "linked to"); }
    public void unlinkSelectedFrom(String other) { pair(other, EmbeddedControls::unlink, "unlinked from"); }
    public void monitorFromSelected(String other) { pair(other, EmbeddedControls::monitor, "monitors"); }

    private interface Pair {
        void act(EmbeddedControls controls, Pid a, Pid b);
    }

    private void pair(String other, Pair action, String done) {
        EmbeddedControls c = controls("link or monitor on another process's behalf");
        if (c == null) return;
        Pid p = target();
        if (p == null || other == null || other.isBlank()) return;
        String text = other.strip();
        Optional<Pid> b;
        try {
            b = Optional.of(Pid.parse(text.startsWith("#") || text.startsWith("<") ? text : "#PID<" + text + ">"));
        } catch (IllegalArgumentException notAPid) {
            b = node.whereis(text.startsWith(":") ? text.substring(1) : text);
        }
        if (b.isEmpty()) {
            message.set("No process " + text + ": give a pid like #PID<0.42.0> or a registered name.");
            return;
        }
        action.act(c, p, b.get());
        message.set(p + " " + done + " " + b.get());
    }

    public void setPriority(Priority p) {
        EmbeddedControls c = controls("set another process's priority");
        if (c != null) act(pid -> new beamscope.app.bulk.ProcessAction.SetPriority(p).apply(node, pid), "priority " + p.name().toLowerCase(Locale.ROOT) + " for");
    }

    private void act(Consumer<Pid> action, String done) {
        Pid p = target();
        if (p == null) return;
        try {
            action.accept(p);
            message.set(done + " " + p);
        } catch (RuntimeException e) {
            message.set(e.getMessage());
        }
    }

    // ---------------------------------------------------------------- schedulers

    public void pause() {
        EmbeddedControls c = controls("pause its schedulers");
        if (c == null) return;
        c.pauseSchedulers();
        paused.set(true);
    }

    public void resume() {
        EmbeddedControls c = controls("pause its schedulers");
        if (c == null) return;
        c.resumeSchedulers();
        paused.set(false);
    }

    /** Runs one time slice (pausing first if needed); the next frames show it. */
    public void step() {
        EmbeddedControls c = controls("run one time slice");
        if (c == null) return;
        if (!paused.get()) pause();
        // off the FX thread (the step completes on a scheduler): which process ran, named, then the status line
        c.stepSlice().whenComplete((v, e) -> {
            String said = e != null ? "step failed: " + e.getMessage()
                    : c.lastStep().map(this::describe).orElse("stepped one slice");
            fx.execute(() -> message.set(said));
        });
    }

    public ProcessTableViewModel processes() { return processes; }
    public InspectorViewModel inspector() { return inspector; }
    public EventLogViewModel events() { return events; }
    public ShellViewModel shell() { return shell; }
    public SendViewModel send() { return send; }
    public SpawnViewModel spawn() { return spawn; }
    /** The Stress menu's scenarios; null for a node that is not the embedded runtime. */
    public beamscope.app.stress.StressViewModel stress() { return stress; }
    public AppState state() { return state; }
    public ReadOnlyStringProperty processCountProperty() { return processCount.getReadOnlyProperty(); }
    public ReadOnlyStringProperty ratesProperty() { return rates.getReadOnlyProperty(); }
    public ReadOnlyStringProperty runQueueProperty() { return runQueue.getReadOnlyProperty(); }
    public ReadOnlyLongProperty slicesProperty() { return slices.getReadOnlyProperty(); }
    public ReadOnlyStringProperty slicesTextProperty() { return slicesText.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    /** Whether the node's memory watermark alarm is set ({@code Event.MEMORY_HIGH_WATERMARK}). */
    public ReadOnlyBooleanProperty memoryAlarmProperty() { return memoryAlarm.getReadOnlyProperty(); }
    public ReadOnlyStringProperty memoryAlarmTextProperty() { return memoryAlarmText.getReadOnlyProperty(); }
    public BooleanProperty slowMotionProperty() { return slowMotion; }
    /** The wait between time slices in milliseconds (0: full speed); {@link #slowMotionProperty()} is whether it is above 0. */
    public javafx.beans.property.DoubleProperty slowMotionMillisProperty() { return slowMotionMillis; }
    public StringProperty exitReasonProperty() { return exitReason; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Puts a line on the status bar. */
    public void showStatus(String text) { message.set(text); }

    /** What the window pops up as a notification, newest last (the view shows each as it is added). */
    public ObservableList<Notice> notices() { return notices; }

    /** The registered name a supervisor report gives ({@code supervisor: :counter_sup}), or null. */
    private static String supervisorName(Event.Report r) {
        if (r.details() instanceof List<?> fields)
            for (Object o : fields)
                if (o instanceof beamscope.runtime.Tuple t && t.size() == 2 && Atom.of("supervisor").equals(t.get(0))
                        && t.get(1) instanceof Atom a) return a.name();
        return null;
    }

    /** Supervisors that reached their restart intensity in this frame: one notice each, or one for many. */
    private void noticeGivingUp(Frame f) {
        List<String> who = new ArrayList<>();
        for (Event e : f.events())
            if (e instanceof Event.Report r && beamscope.app.tree.TreeFramer.gaveUp(r)) {
                String name = supervisorName(r);
                who.add(name == null ? r.pid().toString() : name + " " + r.pid());
            }
        if (who.isEmpty()) return;
        if (who.size() <= 3) {
            for (String w : who) notices.add(new Notice(Notice.Level.WARNING, "Supervisor gave up",
                    w + " reached its restart intensity and shut down with its children; its own supervisor decides what happens next."));
        } else {
            notices.add(new Notice(Notice.Level.WARNING, who.size() + " supervisors gave up",
                    "They reached their restart intensity: " + String.join(", ", who.subList(0, 3)) + ", …"));
        }
        while (notices.size() > 20) notices.removeFirst();
    }
    /** Whether the node is connected (from the latest frame); the view dims everything when it is not. */
    public ReadOnlyObjectProperty<NodeState> nodeStateProperty() { return nodeState.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nodeStateTextProperty() { return nodeStateText.getReadOnlyProperty(); }
    /** The header's memory figure ({@link #describeMemory}). */
    public ReadOnlyStringProperty memoryProperty() { return memory.getReadOnlyProperty(); }
}
