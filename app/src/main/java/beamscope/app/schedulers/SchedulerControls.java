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

    static SchedulerControls of(Node node) {
        return new SchedulerControls() {
            @Override public void pause() { node.pauseSchedulers(); }
            @Override public CompletableFuture<Void> step() { return node.stepSlice(); }
            @Override public void resume() { node.resumeSchedulers(); }
            @Override public void slowMotion(Duration d) { node.slowMotion(d); }
        };
    }
}
