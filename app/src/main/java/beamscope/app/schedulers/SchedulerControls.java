package beamscope.app.schedulers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The demo controls of the schedulers, as the view uses them. The app routes them through its observation interface
 * ({@code EmbeddedControls}); a node without them has none, and the view hides its buttons. None of them may block.
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
     * {@code SchedulerControls.of(e::pauseSchedulers, e::stepSlice, e::resumeSchedulers, e::slowMotion)}.
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
}
