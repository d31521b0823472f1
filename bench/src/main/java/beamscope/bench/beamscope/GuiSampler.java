package beamscope.bench.beamscope;

import beamscope.app.MainWindow;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Sampler;
import beamscope.app.tree.TreeViewModel;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
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
 * view model attached), so the observe rows measure what an open window's sampling costs the runtime.
 *
 * <p>No JavaFX toolkit starts. Frames go to a plain single-thread executor standing in for the FX thread
 * (the same coalescing hand-off: at most one frame waits there). Its sink counts frames and does the one
 * part of the FX thread's work that feeds back into sampling: it applies each frame's tree part to the
 * tree view model, whose shape, shown pids and fading processes the next sample lays out ({@link
 * TreeViewModel} needs JavaFX properties only, not the toolkit). The rest of the FX thread's work (table
 * rows, inspector, event log, canvases, CSS, layout) is not done here: app's {@code WindowCostTest}
 * measures it with the real window.
 *
 * <p>Sample time: from a sample's {@code snapshot()} call (its first read of the node) until it hands its
 * frame off (the executor's {@code execute}, called on the sampler thread at the end of the sample). A
 * frame handed off while the previous one still waits is merged into it without an {@code execute}, and
 * that sample is not timed ({@link Counts#timed()} says how many were).
 */
final class GuiSampler implements AutoCloseable {

    /** Counters since the sampler started; differences of two readings cover the time between them. */
    record Counts(long samples, long timed, long timedNanos, long delivered) {
        Counts minus(Counts earlier) {
            return new Counts(samples - earlier.samples, timed - earlier.timed, timedNanos - earlier.timedNanos,
                    delivered - earlier.delivered);
        }

        /** Mean time of the timed samples, in milliseconds; NaN when none was timed. */
        double meanSampleMillis() {
            return timed == 0 ? Double.NaN : timedNanos / 1e6 / timed;
        }
    }

    private final LocalNode observed;
    private final Sampler sampler;
    private final ExecutorService fx = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-fx-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final TreeViewModel tree = new TreeViewModel(new SimpleObjectProperty<Pid>());

    // Written by the sampler thread only (in the timing proxy and the executor's execute), so the
    // increments of the volatile counters are not lost; the benchmark thread reads them.
    private long sampleStart;
    private volatile long samples, timed, timedNanos;
    // Written by the FX stand-in only, read by the benchmark thread.
    private volatile long delivered;

    GuiSampler(Node node) {
        observed = new LocalNode(node);
        sampler = new Sampler(timing(observed), task -> {
            timedNanos += System.nanoTime() - sampleStart;
            timed++;
            fx.execute(task);
        }, this::show);
        tree.setOnShapeChange(() -> sampler.update(q -> q)); // as MainWindow: folded, paged or a death
        sampler.attachTree(tree);
        sampler.start(MainWindow.SAMPLE_PERIOD);
    }

    static Duration period() {
        return MainWindow.SAMPLE_PERIOD;
    }

    /** On the FX stand-in: what the window's frame listener does for the tree, and a count. */
    private void show(Frame f) {
        if (f.tree() != null) tree.apply(f.tree());
        delivered++;
    }

    /** {@code observed}, noting when each sample starts: the sampler calls {@code snapshot()} first. */
    private Observed timing(Observed target) {
        return (Observed) Proxy.newProxyInstance(Observed.class.getClassLoader(), new Class<?>[] {Observed.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("snapshot") && method.getParameterCount() == 0) {
                        sampleStart = System.nanoTime();
                        samples++;
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Counts counts() {
        return new Counts(samples, timed, timedNanos, delivered);
    }

    /** Waits until the FX stand-in has had {@code frames} frames (the first ones are the cold ones). */
    void awaitFrames(long frames) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (delivered < frames) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the sampler sent no frame in 2 minutes");
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.close();
        // Sampler.close() waits 2 s for its thread; a walk of a million processes on a busy machine can take
        // longer, and the runs after this one must not share the cores with the end of it.
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().equals("beamscope-sampler")) t.join(TimeUnit.MINUTES.toMillis(1));
        fx.shutdownNow();
        fx.awaitTermination(1, TimeUnit.MINUTES);
        observed.close();
    }
}
