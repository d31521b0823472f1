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


    /**
     * Issue 12, never freeze: with 1,000,000 processes, 100,000 of them under one DynamicSupervisor and one
     * (suspended) process holding 1,000,000 messages, the window selects each of those, opens every tab and
     * changes the table's filter, while an animation timer on the FX thread records the gap between
     * consecutive pulses (a pulse is due every 16.7 ms; a longer gap is the FX thread stalled). Reports the
     * longest gap and the 99th percentile, overall and per action.
     */
    @Test
    void stalls() throws Exception {
        try (Node node = Node.start(); LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE)) {
            Pid sup = ((beamscope.runtime.otp.StartResult.Ok) beamscope.runtime.otp.DynamicSupervisor.start(node)).pid();
            var started = new java.util.concurrent.atomic.AtomicInteger();
            var spec = beamscope.runtime.otp.ChildSpec.worker("w", beamscope.runtime.otp.ChildStart.spawnLink(
                    Behaviors.receive((c, m) -> Behaviors.same())));
            var h = beamscope.app.observe.Spawner.start(node, sup, true, i -> spec, 100_000, started);
            while (!h.await(1000)) { /* starting 100,000 children */ }
            Pid hoarder = node.spawn(Behaviors.receive((c, m) -> Behaviors.same()));
            node.suspend(hoarder);
            for (int i = 0; i < 1_000_000; i++) node.send(hoarder, (long) i);
            Behavior idle = Behaviors.receive((c, m) -> Behaviors.same());
            while (node.snapshot().processes() < IDLE) node.spawn(idle);
            Pid plain = node.spawn(idle);
            System.gc();

            FxToolkit.registerPrimaryStage();
            MainWindow[] window = new MainWindow[1];
            FxToolkit.setupStage(stage -> {
                window[0] = new MainWindow(observed, 1280, 800);
                stage.setScene(window[0].scene());
                stage.show();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window[0].fxCost().frames().count() >= 3);
            Gaps gaps = new Gaps();
            FxToolkit.setupFixture(gaps::start);
            MainWindow w = window[0];
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) w.scene().lookup("#tabs");
            List<String> lines = new ArrayList<>();
            java.util.function.Function<String, Runnable> open = name -> () -> tabs.getTabs().stream()
                    .filter(t -> t.getText().equals(name)).findFirst().ifPresent(tabs.getSelectionModel()::select);
            Runnable[] actions = {
                () -> w.state().select(sup), () -> w.state().select(hoarder), () -> w.state().select(plain),
                open.apply("Processes"), () -> w.state().select(sup),
                () -> w.state().select(hoarder), open.apply("Schedulers"),
                () -> w.state().select(sup), open.apply("Grid"), () -> w.state().select(hoarder),
                open.apply("Processes"),
                () -> w.model().processes().filterProperty().set("spawn"),
                () -> w.model().processes().filterProperty().set("0.4"),
                () -> w.model().processes().filterProperty().set(""),
            };
            String[] names = {"select the 100,000-child supervisor", "select the 1,000,000-message process",
                "select a plain process", "open the processes tab", "select the supervisor (table)",
                "select the hoarder (table)", "open the schedulers tab", "select the supervisor (schedulers)",
                "open the grid tab", "select the hoarder (grid)",
                "back to the processes tab", "filter \"spawn\"", "filter \"0.4\"", "clear the filter"};
            for (int i = 0; i < actions.length; i++) {
                FxToolkit.setupFixture(gaps::mark);
                FxToolkit.setupFixture(() -> w.fxCost().frames().reset());
                long gc0 = gcMillis();
                FxToolkit.setupFixture(actions[i]);
                long frames = w.fxCost().frames().count();
                // two walks at least (a million-process walk takes about a second), so the action's frames are in
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.fxCost().frames().count() >= frames + 3);
                Thread.sleep(3000);
                double[] since = WaitForAsyncUtils.asyncFx(gaps::sinceMark).get(15, TimeUnit.SECONDS);
                double frameMax = WaitForAsyncUtils.asyncFx(() -> w.fxCost().frames().quantileMicros(1.0) / 1000)
                        .get(15, TimeUnit.SECONDS);
                lines.add(String.format(Locale.ROOT,
                        "  %-40s longest %6.1f ms, p99 %5.1f ms (%d pulses); frame hand-over max %5.1f ms; GC %5d ms",
                        names[i], since[0], since[1], (long) since[2], frameMax, gcMillis() - gc0));
            }
            double[] all = WaitForAsyncUtils.asyncFx(gaps::all).get(15, TimeUnit.SECONDS);
            String report = String.format(Locale.ROOT, """
                    FX thread stalls, %,d processes (100,000 under one DynamicSupervisor, one holding 1,000,000 messages)
                    every action: longest gap between pulses %.1f ms, p99 %.1f ms (%d pulses; goal: no stall over 100 ms, p99 under 16 ms)
                    %s
                    machine: %d cores, Java %s
                    """, node.snapshot().processes(), all[0], all[1], (long) all[2], String.join("\n", lines),
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.println(report);
            Files.writeString(Path.of("target", "window-stalls.txt"), report);
            FxToolkit.setupStage(Stage::hide);
            FxToolkit.cleanupStages();
            w.close();
        }
    }

    /** Time the JVM's collectors have spent so far (all of it stops the FX thread too, for the pauses). */
    static long gcMillis() {
        long t = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, gc.getCollectionTime());
        return t;
    }

    /** Gaps between consecutive pulses, measured on the FX thread by an animation timer. FX thread only. */
    static final class Gaps {
        private final long[] gaps = new long[1 << 20];
        private int n, mark;
        private long last;

        void start() {
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (last != 0 && n < gaps.length) gaps[n++] = t - last;
                    last = t;
                }
            }.start();
        }

        void mark() {
            mark = n;
        }

        /** {longest ms, p99 ms, count} of the gaps since the mark. */
        double[] sinceMark() {
            return stats(mark, n);
        }

        double[] all() {
            return stats(0, n);
        }

        private double[] stats(int from, int to) {
            long[] a = Arrays.copyOfRange(gaps, from, to);
            if (a.length == 0) return new double[] {0, 0, 0};
            Arrays.sort(a);
            return new double[] {a[a.length - 1] / 1e6, a[Math.min(a.length - 1, (int) (0.99 * a.length))] / 1e6, a.length};
        }
    }
}
