package beamscope.bench.beamscope;

import beamscope.app.MainWindow;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Sampler;
import beamscope.app.tree.TreeFrame;
import beamscope.app.tree.TreeViewModel;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The observer window's own sampler, attached without a window: {@link Sampler} over {@link LocalNode},
 * started as {@link MainWindow} starts it (every {@link MainWindow#SAMPLE_PERIOD}, with a supervision tree
 * view model attached, a fold or a death asking for a walk at once), so the observe rows measure what an
 * open window's sampling costs the runtime.
 *
 * <p>No JavaFX toolkit starts. Frames go to a plain single-thread executor standing in for the FX thread
 * (the same coalescing hand-off: at most one frame waits there). Its sink counts frames and does the one
 * part of the FX thread's work that feeds back into sampling: it applies each new tree to the tree view
 * model, whose shape, shown pids and fading processes the next walk lays out ({@link TreeViewModel} needs
 * JavaFX properties only, not the toolkit). The rest of the FX thread's work (table rows, inspector, event
 * log, canvases, CSS, layout) is not done here: app's {@code WindowCostTest} measures it with the real
 * window.
 *
 * <p>Frames and walks: every frame starts with {@code snapshot()}; a frame that walks every process calls
 * {@code forEachProcess} (the sampler walks when asked, or after idling {@link Sampler#WALK_IDLE_FACTOR}
 * times as long as its last walk took; frames between walks reuse the last walk). A frame's time runs
 * from its {@code snapshot()} call until it hands off (the executor's {@code execute}, called on the
 * sampler thread at the end of the frame). A frame handed off while the previous one still waits is merged
 * into it without an {@code execute} and is not timed.
 */
final class GuiSampler implements AutoCloseable {

    /** Counters since the sampler started; differences of two readings cover the time between them. */
    record Counts(long frames, long walks, long walkFramesTimed, long walkNanos, long lightFramesTimed,
                  long lightNanos, long cpuNanos) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        Counts minus(Counts e) {
            return new Counts(frames - e.frames, walks - e.walks, walkFramesTimed - e.walkFramesTimed,
                    walkNanos - e.walkNanos, lightFramesTimed - e.lightFramesTimed, lightNanos - e.lightNanos,
                    cpuNanos - e.cpuNanos);
        }

        Counts plus(Counts e) {
            return new Counts(frames + e.frames, walks + e.walks, walkFramesTimed + e.walkFramesTimed,
                    walkNanos + e.walkNanos, lightFramesTimed + e.lightFramesTimed, lightNanos + e.lightNanos,
                    cpuNanos + e.cpuNanos);
        }

        /** Mean time of a frame with a walk, in milliseconds; NaN when none was timed. */
        double meanWalkMillis() {
            return walkFramesTimed == 0 ? Double.NaN : walkNanos / 1e6 / walkFramesTimed;
        }

        /** Mean time of a frame without a walk, in milliseconds; NaN when none was timed. */
        double meanLightFrameMillis() {
            return lightFramesTimed == 0 ? Double.NaN : lightNanos / 1e6 / lightFramesTimed;
        }
    }

    private final LocalNode observed;
    private final Sampler sampler;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private volatile Thread samplerThread, fxThread; // their CPU time is the sampler's cost
    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-fx-stand-in");
        t.setDaemon(true);
        fxThread = t;
        return t;
    });
    private final TreeViewModel tree = new TreeViewModel(new SimpleObjectProperty<Pid>());

    // Written by the sampler thread only (in the timing proxy and the executor's execute), so the
    // increments of the volatile counters are not lost; the benchmark thread reads them.
    private long frameStart;
    private boolean walked;
    private volatile long frames, walks, walkFramesTimed, walkNanos, lightFramesTimed, lightNanos;
    // Touched by the FX stand-in only.
    private TreeFrame shownTree;

    GuiSampler(Node node) {
        observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE);
        sampler = new Sampler(timing(observed), task -> {
            long spent = System.nanoTime() - frameStart;
            if (walked) {
                walkNanos += spent;
                walkFramesTimed++;
                synchronized (this) {
                    notifyAll(); // warmUp waits for walks (rare: every few seconds at a million processes)
                }
            } else {
                lightNanos += spent;
                lightFramesTimed++;
            }
            fx.execute(task);
        }, this::show);
        tree.setOnShapeChange(sampler::walkNow); // as MainWindow: folded, paged or a death
        sampler.attachTree(tree);
        sampler.start(MainWindow.SAMPLE_PERIOD);
    }

    static Duration period() {
        return MainWindow.SAMPLE_PERIOD;
    }

    /** On the FX stand-in: what the window's frame listener does for the tree. */
    private void show(Frame f) {
        // between walks frames carry the same tree: nothing to lay out again
        if (f.tree() != null && f.tree() != shownTree) tree.apply(f.tree());
        shownTree = f.tree();
    }

    /** {@code observed}, noting when each frame starts ({@code snapshot()}) and whether it walks. */
    private Observed timing(Observed target) {
        return (Observed) Proxy.newProxyInstance(Observed.class.getClassLoader(), new Class<?>[] {Observed.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("snapshot") && method.getParameterCount() == 0) {
                        if (samplerThread == null) samplerThread = Thread.currentThread();
                        frameStart = System.nanoTime();
                        walked = false;
                        frames++;
                    } else if (method.getName().equals("forEachProcess")) {
                        walked = true;
                        walks++;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Counts counts() {
        return new Counts(frames, walks, walkFramesTimed, walkNanos, lightFramesTimed, lightNanos,
                cpuNanos(samplerThread) + cpuNanos(fxThread));
    }

    /** CPU time a live thread has used so far; 0 before it started. */
    private static long cpuNanos(Thread t) {
        return t == null ? 0 : Math.max(0, THREADS.getThreadCpuTime(t.threadId()));
    }

    /**
     * Waits for the first walk (a cold one: fresh maps, a first pass over a big process table), then asks
     * for a second at once, as a fold in the tree would, so that the time to the next walk follows a warm
     * one; returns when that one is handed off.
     */
    void warmUp() throws InterruptedException {
        awaitWalks(1);
        sampler.walkNow();
        awaitWalks(2);
    }

    private synchronized void awaitWalks(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (walkFramesTimed < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new IllegalStateException("the sampler did not walk in 2 minutes");
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.close(); // returns when the sampler thread has ended, so later runs have the cores to themselves
        fx.shutdownNow();
        fx.awaitTermination(1, TimeUnit.MINUTES);
        observed.close();
    }
}
