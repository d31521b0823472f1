package beamscope.app.schedulers;

import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.SchedulerSnapshot;
import beamscope.runtime.SteppedSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The schedulers view's state: one lane per scheduler, the node totals with rates computed from
 * consecutive frames, the utilisation history for the sparklines, and the pause / step / slow-motion
 * controls. FX-thread confined; completions of asynchronous commands come back through {@code ui}.
 */
public final class SchedulerViewModel {

    /**
     * One scheduler now: what it runs and its run queue per priority; {@code slicesSinceLast} is how
     * many time slices it ran since the previous frame (while paused: what a step did). A dirty lane
     * runs blocking Java code (Task bodies, {@code ctx.blocking}); its slices are pieces of work done.
     * {@code longSchedule}: the running process has held this scheduler past the node's threshold.
     */
    public record Lane(int id, Pid running, String runningName, int max, int high, int normal, int low,
            double utilisation, long contextSwitches, long slicesSinceLast, boolean dirty, boolean longSchedule,
            SteppedSlice lastSlice, String lastName) {
        public int queue() {
            return max + high + normal + low;
        }

        /** The lane's number: 1, 2, … for schedulers, D1, D2, … for dirty schedulers. */
        public String title() {
            return (dirty ? "D" : "") + (id + 1);
        }

        /** What marks the lane besides its process: "dirty", "long schedule", or null. */
        public String tag() {
            return longSchedule ? "long schedule" : dirty ? "dirty" : null;
        }

        /**
         * While the node is slowed or paused: what this lane ran last, as "ran Counter"; null at full speed
         * (between two slow slices a lane is idle, and this is what a class should see instead).
         */
        public String lastTitle() {
            return lastSlice == null ? null : "ran " + lastName;
        }

        /** "<0.85.0> · normal queue · 37 reductions": where the last slice came from and what it used. */
        public String lastDetail() {
            if (lastSlice == null) return null;
            long r = lastSlice.reductions();
            return "<0." + lastSlice.pid().id() + ".0> · " + lastSlice.queueName() + " queue · " + r
                    + (r == 1 ? " reduction" : " reductions");
        }

        /** What an idle lane says, paused or not. */
        public String idleText(boolean paused, boolean stepped) {
            if (dirty) return "dirty · idle";
            if (contextSwitches < 0) return "who runs: not shown by a real node";
            return !paused ? "idle" : stepped ? "paused · stepped" : "paused";
        }
    }

    private final SchedulerControls controls;
    private final ObjectProperty<Pid> selection;
    private final Executor ui;
    private final UtilisationHistory history = new UtilisationHistory(60_000_000_000L);
    private final ReadOnlyObjectWrapper<List<Lane>> lanes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Rates> rates = new ReadOnlyObjectWrapper<>(Rates.ZERO);
    private final StringProperty runQueueText = new SimpleStringProperty("0");
    private final StringProperty reductionsText = new SimpleStringProperty("0");
    private final StringProperty messagesText = new SimpleStringProperty("0");
    private final StringProperty processesText = new SimpleStringProperty("0");
    private final StringProperty memoryText = new SimpleStringProperty("0 B");
    private final StringProperty slicesText = new SimpleStringProperty("0");
    private final StringProperty slowMotionText = new SimpleStringProperty("off");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty stepping = new SimpleBooleanProperty(false);
    private final DoubleProperty slowMotionMillis = new SimpleDoubleProperty(0);
    private SchedulerFrame last;
    private int queueScale = 10;
    private int steppedLane = -1;
    private boolean slowed;
    private long changes;
    private Runnable refresh = () -> {};

    /** @param controls pause, step, resume and slow motion; null for a node that offers none (a remote one) */
    public SchedulerViewModel(SchedulerControls controls, ObjectProperty<Pid> selection) {
        this(controls, selection, Platform::runLater);
    }

    public SchedulerViewModel(SchedulerControls controls, ObjectProperty<Pid> selection, Executor ui) {
        this.controls = controls;
        this.selection = selection;
        this.ui = ui;
        slowMotionMillis.addListener((o, a, b) -> {
            long ms = Math.round(b.doubleValue());
            slowMotionText.set(ms == 0 ? "off" : ms + " ms");
            if (controls != null) controls.slowMotion(Duration.ofMillis(ms));
        });
    }

    /** Shows a new sample (FX thread). */
    public void apply(SchedulerFrame frame) {
        NodeSnapshot s = frame.snapshot();
        Rates r = last == null ? Rates.ZERO : Rates.between(last.snapshot(), s);
        int normalLanes = s.schedulers().size();
        List<Lane> ls = new ArrayList<>(normalLanes + s.dirtySchedulers().size());
        double[] util = new double[normalLanes + s.dirtySchedulers().size()];
        int maxQueue = 0;
        List<SchedulerSnapshot> before = last == null ? List.of() : last.snapshot().schedulers();
        List<SchedulerSnapshot> dirtyBefore = last == null ? List.of() : last.snapshot().dirtySchedulers();
        // the schedulers, then the dirty schedulers below them
        for (SchedulerSnapshot x : s.schedulers()) {
            ls.add(lane(frame, x, ls.size() < before.size() ? before.get(ls.size()) : null));
            util[ls.size() - 1] = ls.getLast().utilisation();
            maxQueue = Math.max(maxQueue, Math.max(Math.max(x.maxQueue(), x.highQueue()), Math.max(x.normalQueue(), x.lowQueue())));
        }
        for (SchedulerSnapshot x : s.dirtySchedulers()) {
            int k = ls.size() - normalLanes;
            ls.add(lane(frame, x, k < dirtyBefore.size() ? dirtyBefore.get(k) : null));
            util[ls.size() - 1] = ls.getLast().utilisation();
        }
        // the bar scale grows at once and shrinks slowly, so bars do not jump on every sample
        int wanted = QueueScale.niceCeiling(Math.max(10, maxQueue));
        queueScale = wanted >= queueScale ? wanted : Math.max(wanted, QueueScale.niceCeiling((int) (queueScale * 0.8)));
        if (!s.paused() || last == null || last.snapshot().paused() != s.paused() || frame.contextSwitches() != last.contextSwitches())
            history.add(s.nanoTime(), util);
        if (!s.paused()) steppedLane = -1;
        else for (Lane l : ls) if (!l.dirty() && l.slicesSinceLast() > 0) steppedLane = l.id();
        rates.set(r);
        lanes.set(List.copyOf(ls));
        runQueueText.set(beamscope.app.Numbers.compact(s.runQueueLength()));
        reductionsText.set(beamscope.app.Numbers.compact(r.reductionsPerSecond()));
        messagesText.set(beamscope.app.Numbers.compact(r.messagesPerSecond()));
        processesText.set(String.format(java.util.Locale.ROOT, "%,d", s.processes()));
        memoryText.set(beamscope.app.Numbers.bytes(frame.memory()));
        slicesText.set(frame.contextSwitches() < 0 ? "—" : String.format(java.util.Locale.ROOT, "%,d", frame.contextSwitches()));
        paused.set(s.paused());
        slowed = s.slowMotionNanos() > 0;
        last = frame;
        changes++;
    }

    private static Lane lane(SchedulerFrame frame, SchedulerSnapshot x, SchedulerSnapshot earlier) {
        String name = x.running() == null ? null : frame.names().getOrDefault(x.running(), "process");
        long prev = earlier != null ? earlier.contextSwitches() : x.contextSwitches();
        double u = x.utilisationSince(earlier); // the first frame: since the scheduler started
        SteppedSlice ran = x.lastSlice();
        String ranName = ran == null ? null : frame.names().getOrDefault(ran.pid(), "exited");
        return new Lane(x.id(), x.running(), name, x.maxQueue(), x.highQueue(), x.normalQueue(), x.lowQueue(), u,
                x.contextSwitches(), Math.max(0, x.contextSwitches() - prev), x.dirty(), x.longSchedule(), ran, ranName);
    }

    // ------------------------------------------------------------ commands

    /** Whether the node's schedulers can be paused, stepped and slowed from here (the view hides them if not). */
    public boolean controllable() {
        return controls != null;
    }

    public void pause() {
        if (controls == null) return;
        controls.pause();
        paused.set(true);
        refresh.run();
    }

    /** Runs one slice; a second step waits until the first has ended. */
    public void step() {
        if (controls == null || !paused.get() || stepping.get()) return;
        stepping.set(true);
        controls.step().whenComplete((v, e) -> {
            refresh.run();
            ui.execute(() -> stepping.set(false));
        });
    }

    public void resume() {
        if (controls == null) return;
        controls.resume();
        paused.set(false);
        refresh.run();
    }

    /** A click on a lane's running process selects it. */
    public void select(Pid pid) {
        if (pid != null) selection.set(pid);
        changes++;
    }

    /** The sampler registers here to take a sample at once after a command. */
    public void setRefresh(Runnable r) {
        refresh = r == null ? () -> {} : r;
    }

    // ------------------------------------------------------------ state

    public ReadOnlyObjectProperty<List<Lane>> lanesProperty() { return lanes.getReadOnlyProperty(); }
    public List<Lane> lanes() { return lanes.get(); }
    public ReadOnlyObjectProperty<Rates> ratesProperty() { return rates.getReadOnlyProperty(); }
    public UtilisationHistory history() { return history; }
    /** While paused: the scheduler that ran the last stepped slice, else -1. */
    public int steppedLane() { return steppedLane; }
    /**
     * Whether the node is in slow motion: its schedulers are held between slices, time that counts as busy,
     * so the lanes say "slow" instead of a utilisation that would read 100 %.
     */
    public boolean slowed() { return slowed; }
    /** The run-queue length a full bar stands for. */
    public int queueScale() { return queueScale; }
    public long changes() { return changes; }
    public ObjectProperty<Pid> selectionProperty() { return selection; }

    public StringProperty runQueueText() { return runQueueText; }
    public StringProperty reductionsText() { return reductionsText; }
    public StringProperty messagesText() { return messagesText; }
    public StringProperty processesText() { return processesText; }
    public StringProperty memoryText() { return memoryText; }
    public StringProperty slicesText() { return slicesText; }
    public StringProperty slowMotionText() { return slowMotionText; }
    public BooleanProperty pausedProperty() { return paused; }
    public BooleanProperty steppingProperty() { return stepping; }
    /** Delay between slices, 0–1000 ms; changing it sets the node's slow motion. */
    public DoubleProperty slowMotionMillisProperty() { return slowMotionMillis; }
}
