package beamscope.app.lessons;

import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Lessons panel's state: the lesson open, its steps with a tick or a note each, the step the learner
 * is on, the transcript, and the processes to highlight in the tree. Starting a lesson, its steps and
 * taking it away all block, so they run one at a time on {@code runtime} (never the FX thread); what they
 * bring back is handed to {@code fx} once per action.
 *
 * <p>Keys a clicker sends: {@link #next()} (PageDown) runs the next step not yet run, {@link #previous()}
 * (PageUp) moves back one step, {@link #runStep()} runs the step the learner is on (again), {@link #reset()}
 * starts the lesson afresh.
 */
public final class LessonsViewModel {

    public enum Status { WAITING, RUNNING, HAPPENED, MISSED }

    /** One step as the panel lists it. */
    public record StepRow(int index, String button, String expected, Status status, String note) {
        public String statusText() {
            return switch (status) {
                case WAITING -> "";
                case RUNNING -> "…";
                case HAPPENED -> "✓";
                case MISSED -> "✗";
            };
        }
    }

    private final Node node;
    private final Executor runtime, fx;
    private final ObservableList<Lesson> lessons = FXCollections.observableArrayList(Lessons.ALL);
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>(this, "lesson");
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final IntegerProperty current = new SimpleIntegerProperty(this, "current", 0);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty transcript = new SimpleStringProperty(this, "transcript", "");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<Set<Pid>> highlighted = new SimpleObjectProperty<>(this, "highlighted", Set.of());
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    /** Set on the runtime executor; read on the FX thread to drop results of a run that was replaced. */
    private volatile LessonRun run;

    /**
     * @param node    the embedded node the lessons run on
     * @param runtime runs the blocking work, one action at a time (a single thread)
     * @param fx      runs on the FX thread ({@code Platform::runLater}; the calling thread in tests)
     */
    public LessonsViewModel(Node node, Executor runtime, Executor fx) {
        this.node = node;
        this.runtime = runtime;
        this.fx = fx;
    }

    public ObservableList<Lesson> lessons() { return lessons; }
    public ObjectProperty<Lesson> lessonProperty() { return lesson; }
    public ObservableList<StepRow> steps() { return steps; }
    public IntegerProperty currentProperty() { return current; }
    public BooleanProperty busyProperty() { return busy; }
    public StringProperty transcriptProperty() { return transcript; }
    public StringProperty statusProperty() { return status; }
    /** The processes the last step is about (the tree draws a ring around them). */
    public ObjectProperty<Set<Pid>> highlightedProperty() { return highlighted; }

    /**
     * Opens {@code l}: on a fresh node with only {@code l}'s processes when the window can reset its node
     * ({@link #setOnFreshNode}), else here, where the previous lesson's processes go and {@code l}'s start.
     */
    public void open(Lesson l) {
        if (l == null) return;
        if (freshNode == null) {
            start(l);
            return;
        }
        lesson.set(l);
        steps.clear();
        highlighted.set(Set.of());
        status.set("Starting " + l.id() + " on a fresh node…");
        busy.set(true);
        freshNode.accept(l);
    }

    /**
     * What opening (or resetting) a lesson does instead of starting it on this node: the window throws this
     * node away and starts {@code l} with {@link #start} on a fresh one (its demo and every other process gone).
     */
    public void setOnFreshNode(java.util.function.Consumer<Lesson> then) {
        freshNode = then;
    }

    private java.util.function.Consumer<Lesson> freshNode;

    /** Starts {@code l} on this node: the previous lesson's processes go, {@code l}'s start. */
    public void start(Lesson l) {
        if (l == null) return;
        lesson.set(l);
        steps.clear();
        current.set(0);
        transcript.set("");
        highlighted.set(Set.of());
        status.set("Starting " + l.id() + "…");
        busy.set(true);
        runtime.execute(() -> {
            if (run != null) run.close();
            LessonRun r = new LessonRun(l, node, lines::add);
            run = r;
            String failure = null;
            try {
                r.start();
            } catch (Exception e) {
                failure = "The lesson did not start: " + e;
            }
            List<StepRow> rows = new ArrayList<>();
            for (int i = 0; i < r.steps().size(); i++) {
                Step s = r.steps().get(i);
                rows.add(new StepRow(i, s.button(), s.expected(), Status.WAITING, ""));
            }
            String text = drain(), done = failure;
            Pid top = r.focus();
            fx.execute(() -> {
                if (lesson.get() != l) return;
                if (top != null) onStarted.accept(top);
                steps.setAll(rows);
                transcript.set(text);
                status.set(done != null ? done : "Step 1 of " + rows.size() + ": " + rows.get(0).button());
                busy.set(false);
            });
        });
    }

    /**
     * Each time a lesson has started (opened or reset), hands the process it centres on (its top supervisor
     * unless it says) to {@code then}: the window selects it, so the tree brings it into view.
     */
    public void setOnStarted(java.util.function.Consumer<Pid> then) {
        onStarted = then;
    }

    private java.util.function.Consumer<Pid> onStarted = pid -> {};

    /** Runs the step the learner is on (again). */
    public void runStep() {
        run(current.get());
    }

    /** The clicker's forward key: runs the current step if it has not run, else moves on and runs the next. */
    public void next() {
        if (busy.get() || steps.isEmpty()) return;
        int i = current.get();
        if (steps.get(i).status() != Status.WAITING) {
            if (i + 1 >= steps.size()) {
                status.set("That was the last step. Reset (Home) runs the lesson again.");
                return;
            }
            current.set(++i);
        }
        run(i);
    }

    /** Moves back one step without running it. */
    public void previous() {
        if (busy.get() || current.get() == 0) return;
        current.set(current.get() - 1);
        status.set("Step " + (current.get() + 1) + " of " + steps.size() + ": " + steps.get(current.get()).button());
    }

    /** Starts the open lesson afresh (on a fresh node, as {@link #open} does): its processes go and come back, every step unrun. */
    public void reset() {
        if (!busy.get()) open(lesson.get());
    }

    /** Runs step {@code i}: it shows as running, then with a tick or a note. */
    public void run(int i) {
        if (busy.get() || i < 0 || i >= steps.size()) return;
        current.set(i);
        busy.set(true);
        StepRow row = steps.get(i);
        steps.set(i, new StepRow(i, row.button(), row.expected(), Status.RUNNING, ""));
        status.set("Step " + (i + 1) + " of " + steps.size() + ": " + row.button());
        LessonRun r = run;
        runtime.execute(() -> {
            StepResult result = r.run(i);
            Set<Pid> pids = r.highlighted();
            String text = drain();
            fx.execute(() -> {
                if (run != r) return;
                steps.set(i, new StepRow(i, row.button(), row.expected(),
                        result.happened() ? Status.HAPPENED : Status.MISSED, result.note()));
                transcript.set(transcript.get() + text);
                highlighted.set(pids);
                status.set(result.happened()
                        ? (i + 1 < steps.size() ? "Next (PageDown): " + steps.get(i + 1).button() : "Lesson done.")
                        : result.note());
                busy.set(false);
            });
        });
    }

    /** Takes the open lesson's processes away (the panel is closed or the window goes). */
    public void leave() {
        lesson.set(null);
        steps.clear();
        highlighted.set(Set.of());
        transcript.set("");
        status.set("");
        runtime.execute(() -> {
            if (run != null) run.close();
            run = null;
        });
    }

    private String drain() {
        StringBuilder b = new StringBuilder();
        for (String s; (s = lines.poll()) != null; ) b.append(s).append('\n');
        return b.toString();
    }
}
