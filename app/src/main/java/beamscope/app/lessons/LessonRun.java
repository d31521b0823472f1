package beamscope.app.lessons;

import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One lesson running on a node: {@link #start()} opens its stage and starts its processes, {@link #run(int)}
 * does a step and waits (up to the step's deadline) for its expected outcome, {@link #close()} takes the
 * processes away. Every method blocks: call them off the FX thread (the headless runner calls them on main).
 */
public final class LessonRun implements AutoCloseable {
    /** How often an expectation that does not wait itself is looked at again. */
    static final Duration POLL = Duration.ofMillis(20);

    private final Lesson lesson;
    private final Node node;
    private final Consumer<String> transcript;
    private final Script script;
    private Stage stage;

    public LessonRun(Lesson lesson, Node node, Consumer<String> transcript) {
        this.lesson = lesson;
        this.node = node;
        this.transcript = transcript;
        this.script = lesson.script().get();
    }

    public Lesson lesson() {
        return lesson;
    }

    public List<Step> steps() {
        return script.steps();
    }

    /** Starts the lesson's processes. */
    public void start() throws Exception {
        stage = Stage.open(node, lesson.id(), transcript);
        script.start(stage);
    }

    /** Does step {@code index} and checks its expected outcome on the node, until its deadline. */
    public StepResult run(int index) {
        Step step = script.steps().get(index);
        try {
            step.act().run(stage);
            long deadline = System.nanoTime() + step.deadline().toNanos();
            while (true) {
                Optional<String> seen = step.check().check(stage);
                if (seen.isPresent()) {
                    if (!seen.get().isEmpty()) transcript.accept(seen.get());
                    return StepResult.happened(index, seen.get());
                }
                if (System.nanoTime() - deadline >= 0)
                    return StepResult.missed(index, "Not seen within " + step.deadline().toMillis() / 1000.0 + " s: "
                            + step.expected());
                LockSupport.parkNanos(POLL.toNanos());
            }
        } catch (Exception e) {
            return StepResult.missed(index, "The step failed: " + e);
        }
    }

    /** The process the tree should centre on once the lesson has started (its top supervisor unless it says). */
    public Pid focus() {
        return stage == null ? null : stage.focus();
    }

    /** The processes the latest step is about. */
    public Set<Pid> highlighted() {
        return stage == null ? Set.of() : stage.highlighted();
    }

    @Override
    public void close() {
        if (stage != null) stage.close();
    }
}
