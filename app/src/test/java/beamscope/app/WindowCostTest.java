package beamscope.app;

import beamscope.app.observe.LocalNode;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's cost, measured (a benchmark, not a test: it asserts nothing). With 1,000,000 idle
 * processes and a ring passing messages as fast as it can, it measures the ring's throughput without the
 * window and with the window attached, and the FX thread's time per sampler frame and per pulse.
 * Run: {@code mvn -pl app -am verify -Dgroups=bench -Dbeamscope.excludedGroups=}; the figures go to
 * stdout and {@code app/target/window-cost.txt}.
 */
@Tag("bench")
class WindowCostTest {
    static final int IDLE = 1_000_000, RING = 1_000, HOPS = 20_000_000, RUNS = 10;

    @Test
    void measure() throws Exception {
        try (Node node = Node.start(); Inbox me = node.inbox()) {
            Behavior idle = Behaviors.receive((c, m) -> Behaviors.same());
            for (int i = 0; i < IDLE; i++) node.spawn(idle);
            ring(node, me); // warm-up
            System.gc(); // before each series: both start from a collected heap
            double[] without = new double[RUNS];
            for (int i = 0; i < RUNS; i++) without[i] = ring(node, me);

            FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            try (LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE)) {
                FxToolkit.setupStage(stage -> {
                    window[0] = new MainWindow(observed, 1280, 800);
                    stage.setScene(window[0].scene());
                    stage.show();
                });
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window[0].fxCost().frames().count() >= 3);
                ring(node, me); // warm-up with the window
                // the sampler's maps of every process's reductions (about 64 MB) to the old generation, where a
                // window open for a while holds them; young collections copying them would be charged to
                // these runs alone (bench/README.md, observe)
                System.gc();
                double[] with = new double[RUNS];
                for (int i = 0; i < RUNS; i++) with[i] = ring(node, me);
                // then the pulses: timing them forces a pulse every frame, so only after the throughput runs
                FxToolkit.setupFixture(() -> window[0].fxCost().watch(window[0].scene()));
                ring(node, me);
                FxCost cost = window[0].fxCost();
                String report = String.format(Locale.ROOT, """
                        window cost, %d idle processes + a %d-process ring (%d hops per run, %d runs, medians)
                        ring without the window: %.2f M msgs/s (min %.2f, max %.2f)
                        ring with the window:    %.2f M msgs/s (min %.2f, max %.2f) = %.1f %% of without
                        FX thread per sampler frame: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames)
                        FX thread per pulse (animation, canvas, CSS, layout): p50 %.2f ms, p99 %.2f ms (%d pulses)
                        machine: %d cores, Java %s
                        """, IDLE, RING, HOPS, RUNS, median(without) / 1e6, min(without) / 1e6, max(without) / 1e6,
                        median(with) / 1e6, min(with) / 1e6, max(with) / 1e6, 100 * median(with) / median(without),
                        cost.frames().quantileMicros(0.5) / 1000, cost.frames().quantileMicros(0.99) / 1000,
                        cost.frames().quantileMicros(1.0) / 1000, cost.frames().count(),
                        cost.pulses().quantileMicros(0.5) / 1000, cost.pulses().quantileMicros(0.99) / 1000,
                        cost.pulses().count(), Runtime.getRuntime().availableProcessors(), Runtime.version());
                System.out.println(report);
                Files.writeString(Path.of("target", "window-cost.txt"), report);
                FxToolkit.setupStage(Stage::hide);
                FxToolkit.cleanupStages();
                window[0].close();
            }
        }
    }

    /** Messages per second of one run: a ring of RING processes passes a token HOPS hops. */
    static double ring(Node node, Inbox me) {
        Pid done = me.pid();
        List<Pid> ring = new ArrayList<>();
        Pid[] next = new Pid[1];
        Pid first = node.spawn(hop(next, done));
        Pid prev = first;
        for (int i = 1; i < RING; i++) {
            Pid[] to = {prev};
            prev = node.spawn(hop(to, done));
            ring.add(prev);
        }
        next[0] = prev;
        long t0 = System.nanoTime();
        node.send(first, (long) HOPS);
        me.receive(Duration.ofMinutes(2)).orElseThrow();
        double rate = HOPS / ((System.nanoTime() - t0) / 1e9);
        node.exit(first, beamscope.runtime.Atom.KILL);
        for (Pid p : ring) node.exit(p, beamscope.runtime.Atom.KILL);
        return rate;
    }

    private static Behavior hop(Pid[] to, Pid done) {
        return Behaviors.receive((ctx, m) -> {
            long left = (Long) m;
            if (left == 0) ctx.send(done, "done");
            else ctx.send(to[0], left - 1);
            return Behaviors.same();
        });
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElse(0);
    }

    static double max(double[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

}
