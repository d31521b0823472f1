package beamscope.app.schedulers;

import beamscope.runtime.Node;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The demo controls of the schedulers, as the view uses them. The app may route them through its own
 * observation interface; {@link #of(Node)} talks to a node directly. None of them may block.
 */
public interface SchedulerControls {

    /** Pauses all schedulers after their current slices. */
    void pause();

    /** While paused, runs exactly one time slice; completes when it has ended. */
    CompletableFuture<Void> step();

    void resume();

    /** Waits this long between slices (zero: full speed). */
    void slowMotion(Duration delayBetweenSlices);

    /**
     * From four functions, e.g. the app's observation interface:
     * {@code SchedulerControls.of(o::pauseSchedulers, o::stepSlice, o::resumeSchedulers, o::slowMotion)}.
     */
    static SchedulerControls of(Runnable pause, java.util.function.Supplier<CompletableFuture<Void>> step, Runnable resume,
            java.util.function.Consumer<Duration> slowMotion) {
        return new SchedulerControls() {
            @Override public void pause() { pause.run(); }
            @Override public CompletableFuture<Void> step() { return step.get(); }
            @Override public void resume() { resume.run(); }
            @Override public void slowMotion(Duration d) { slowMotion.accept(d); }
        };
    }

    static SchedulerControls of(Node node) {
        return new SchedulerControls() {
            @Override public void pause() { node.pauseSchedulers(); }
            @Override public CompletableFuture<Void> step() { return node.stepSlice(); }
            @Override public void resume() { node.resumeSchedulers(); }
            @Override public void slowMotion(Duration d) { node.slowMotion(d); }
        };
    }
}
