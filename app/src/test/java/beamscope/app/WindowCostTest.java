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
     * (suspended) process holding 1,000,000 messages, the window selects each of those, opens every tab
     * (selecting the hoarder and the supervisor there) and changes the table's filter, while an animation
     * timer on the FX thread records the gap between consecutive pulses (a pulse is due every 16.7 ms; a
     * longer gap is the FX thread stalled: by its own work, a collector's pause, or no core to run on). For
     * each action it reports the longest gap and the percentiles beside what explains them: the FX thread's
     * CPU time, its longest frame hand-over, and the collectors' longest pause. First it measures the same
     * probe with the toolkit idle and the node empty: the machine's own floor at the time of the run.
     * Writes {@code app/target/window-stalls.txt}. Asserts nothing (timings are not behaviour).
     */
    @Test
    void stalls() throws Exception {
        FxToolkit.registerPrimaryStage();
        Gaps gaps = new Gaps();
        FxToolkit.setupFixture(gaps::start);
        long fxThread = WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().threadId()).get(15, TimeUnit.SECONDS);
        Pauses pauses = new Pauses();
        Machine machine = new Machine();
        List<String> lines = new ArrayList<>();
        try (Node node = Node.start(); LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE);
             pauses; machine) {
            // the floor: nothing on the FX thread but the probe, an empty node
            Action floor = Action.start("floor: toolkit idle, empty node", gaps, pauses, fxThread, null);
            Thread.sleep(5000); // a measuring window, not a synchronisation
            List<String> gapNames = new ArrayList<>();   // the action each gap belongs to, by index
            lines.add(floor.finish(gaps, pauses, 0, gapNames));

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

            MainWindow[] window = new MainWindow[1];
            FxToolkit.setupStage(stage -> {
                window[0] = new MainWindow(observed, 1280, 800);
                stage.setScene(window[0].scene());
                stage.show();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window[0].fxCost().frames().count() >= 3);
            MainWindow w = window[0];
            FxToolkit.setupFixture(() -> w.fxCost().watch(w.scene()));   // the FX thread's work per pulse
            javafx.scene.control.TabPane tabs = w.view().tabs();
            List<String> names = new ArrayList<>();
            List<Runnable> actions = new ArrayList<>();
            names.add("select the 100,000-child supervisor");
            actions.add(() -> w.state().select(sup));
            names.add("select the 1,000,000-message process");
            actions.add(() -> w.state().select(hoarder));
            names.add("select a plain process");
            actions.add(() -> w.state().select(plain));
            for (javafx.scene.control.Tab t : List.copyOf(tabs.getTabs())) {
                names.add("open the " + t.getText() + " tab");
                actions.add(() -> tabs.getSelectionModel().select(t));
                names.add("  there, select the hoarder");
                actions.add(() -> w.state().select(hoarder));
                names.add("  there, select the supervisor");
                actions.add(() -> w.state().select(sup));
            }
            names.add("open the Processes tab");
            actions.add(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> t.getText().equals("Processes")).findFirst().orElseThrow()));
            for (String filter : new String[] {"spawn", "0.4", ""}) {
                names.add(filter.isEmpty() ? "clear the filter" : "filter \"" + filter + "\"");
                actions.add(() -> w.model().processes().filterProperty().set(filter));
            }
            double pulseP99 = 0, pulseMax = 0;
            int firstAction = WaitForAsyncUtils.asyncFx(gaps::count).get(15, TimeUnit.SECONDS);
            var osBean = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long actionsStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(),
                    processCpu0 = osBean.getProcessCpuTime();
            for (int i = 0; i < actions.size(); i++) {
                FxToolkit.setupFixture(() -> {
                    w.fxCost().frames().reset();
                    w.fxCost().pulses().reset();
                });
                Action a = Action.start(names.get(i), gaps, pauses, fxThread, actions.get(i));
                long frames = w.fxCost().frames().count();
                // the action's frames are in (a walk over a million processes takes a second or more)
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w.fxCost().frames().count() >= frames + 3);
                Thread.sleep(3000); // the rest of the measuring window
                double[] fx = WaitForAsyncUtils.asyncFx(() -> new double[] {w.fxCost().frames().quantileMicros(1.0) / 1000,
                        w.fxCost().pulses().quantileMicros(0.99) / 1000, w.fxCost().pulses().quantileMicros(1.0) / 1000})
                        .get(15, TimeUnit.SECONDS);
                pulseP99 = Math.max(pulseP99, fx[1]);
                pulseMax = Math.max(pulseMax, fx[2]);
                lines.add(a.finish(gaps, pauses, fx[0], gapNames) + String.format(Locale.ROOT, " %6.1f ms %6.1f ms", fx[1], fx[2]));
            }
            double[][] all = WaitForAsyncUtils.asyncFx(() -> new double[][] {gaps.stats(firstAction, gaps.count()),
                    gaps.fxCpu(firstAction, gaps.count()), gaps.rendererCpu(firstAction, gaps.count())}).get(15, TimeUnit.SECONDS);
            List<Gap> longGaps = WaitForAsyncUtils.asyncFx(() -> gaps.longest(firstAction, gaps.count(), 50, 20))
                    .get(15, TimeUnit.SECONDS);
            long actionsEnd = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            double actionsMs = actionsEnd - actionsStart, cores = Runtime.getRuntime().availableProcessors();
            String share = String.format(Locale.ROOT, "over the %d actions (%.0f s): the machine %.0f %% busy, this JVM %.0f %% of it (all its threads)",
                    actions.size(), actionsMs / 1000, 100 * machine.busy(actionsEnd, actionsMs),
                    100 * (osBean.getProcessCpuTime() - processCpu0) / 1e6 / (actionsMs * cores));
            StringBuilder made = new StringBuilder();
            for (Gap g : longGaps)
                made.append(String.format(Locale.ROOT, "  %6.1f ms gap: FX cpu %5.1f ms, renderer cpu %5.1f ms, rest of the JVM %6.1f ms"
                                + " (of %6.1f ms on %d cores); the JVM used %3.0f %% of the machine, the machine was %3.0f %% busy;"
                                + " %s; at uptime %d ms, in \"%s\"%n", g.ms(), g.fx(), g.renderer(),
                        g.process() - g.fx() - g.renderer(), g.ms() * Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors(),
                        100 * g.process() / (g.ms() * Runtime.getRuntime().availableProcessors()),
                        100 * machine.busy(g.endUptimeMs(), g.ms()),
                        pauses.during(g.endUptimeMs(), g.ms()), g.endUptimeMs(),
                        g.index() < gapNames.size() ? gapNames.get(g.index()).strip() : "?"));
            String report = String.format(Locale.ROOT, """
                    FX thread stalls, %,d processes (100,000 under one DynamicSupervisor, one holding 1,000,000 messages)
                    all %d actions: longest gap between pulses %.1f ms, p99 %.1f ms, p50 %.1f ms (%d pulses; goal: no stall over 100 ms, p99 under 16 ms)
                    FX thread CPU per gap: p50 %.2f ms, p99 %.2f ms, longest %.1f ms; renderer thread CPU per gap: p50 %.2f ms, p99 %.2f ms, longest %.1f ms
                    FX work per pulse (animation, CSS, layout): p99 at most %.1f ms in any action, longest %.1f ms
                    CPU %s
                    %-42s %9s %7s %7s %8s %8s %9s %9s %9s %9s %9s %9s %9s
                    %s
                    (gap: time between consecutive pulses on the FX thread; FX cpu: the FX thread's CPU time in the action's
                     window, and per gap its p99 and longest; hand-over: the longest sampler frame applied; GC pause: the longest
                     stop-the-world pause, and all of them; pulse: the FX thread's work per pulse, from its first animation
                     callback to the end of layout, p99 and longest)
                    the gaps over 50 ms (at most 20, longest first) and what they held:
                    %s
                    machine: %d cores, load average %.1f at the end, Java %s; collector %s, max heap %d MB; JVM flags %s
                    """, node.snapshot().processes(), actions.size(), all[0][0], all[0][1], all[0][3], (long) all[0][2],
                    all[1][3], all[1][1], all[1][0], all[2][3], all[2][1], all[2][0],
                    pulseP99, pulseMax, share,
                    "action", "longest", "p99", "p50", "pulses", "FX cpu", "FX/gap99", "FX/gapmax", "hand-over", "GC pause",
                    "GC total", "pulse p99", "pulse max",
                    String.join("\n", lines), made.length() == 0 ? "  none" : made.toString().stripTrailing(),
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.version(), pauses.collectors(), Runtime.getRuntime().maxMemory() >> 20,
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.out.println(report);
            Files.writeString(Path.of("target", "window-stalls.txt"), report);
            FxToolkit.setupStage(Stage::hide);
            FxToolkit.cleanupStages();
            w.close();
        }
    }

    /** One measured action: its gaps, the FX thread's CPU time and the collectors' pauses from start to finish. */
    private record Action(String name, int firstGap, long cpu0, long fxThread, int firstPause) {
        static Action start(String name, Gaps gaps, Pauses pauses, long fxThread, Runnable action) throws Exception {
            int mark = WaitForAsyncUtils.asyncFx(gaps::count).get(15, TimeUnit.SECONDS);
            Action a = new Action(name, mark, cpu(fxThread), fxThread, pauses.count());
            if (action != null) FxToolkit.setupFixture(action);
            return a;
        }

        String finish(Gaps gaps, Pauses pauses, double handOverMs, List<String> gapNames) throws Exception {
            double[][] s = WaitForAsyncUtils.asyncFx(() -> {
                int end = gaps.count();
                while (gapNames.size() < end) gapNames.add(name);
                return new double[][] {gaps.stats(firstGap, end), gaps.fxCpu(firstGap, end)};
            }).get(15, TimeUnit.SECONDS);
            double[] p = pauses.since(firstPause);
            return String.format(Locale.ROOT, "%-42s %6.1f ms %7.1f %7.1f %8d %5.0f ms %6.1f ms %6.1f ms %6.1f ms %6.1f ms %6.0f ms",
                    name, s[0][0], s[0][1], s[0][3], (long) s[0][2], (cpu(fxThread) - cpu0) / 1e6, s[1][1], s[1][0],
                    handOverMs, p[0], p[1]);
        }

        static long cpu(long thread) {
            return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread);
        }
    }

    /**
     * The collectors' stop-the-world pauses, from their notifications (G1's young and full collections, ZGC's
     * and Shenandoah's pauses; concurrent cycles left out: they run beside the application).
     */
    static final class Pauses implements AutoCloseable {
        private final List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Every pause and concurrent cycle: {start, end} in JVM uptime ms, and whether it was a pause. */
        private final List<long[]> spans = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Runnable> remove = new ArrayList<>();

        Pauses() {
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                if (!(gc instanceof javax.management.NotificationEmitter emitter)) continue;
                String name = gc.getName();
                boolean concurrent = name.contains("Concurrent") || name.contains("Cycles");
                javax.management.NotificationListener l = (n, hb) -> {
                    if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    spans.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime(), concurrent ? 0 : 1});
                    if (!concurrent) millis.add(info.getGcInfo().getDuration());
                };
                emitter.addNotificationListener(l, null, null);
                remove.add(() -> {
                    try {
                        emitter.removeNotificationListener(l);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }

        int count() {
            return millis.size();
        }

        /** {longest ms, total ms} of the pauses since the {@code from}-th. */
        double[] since(int from) {
            synchronized (millis) {
                long max = 0, sum = 0;
                for (long m : millis.subList(from, millis.size())) {
                    max = Math.max(max, m);
                    sum += m;
                }
                return new double[] {max, sum};
            }
        }

        /** What the collector did while a gap ending at {@code endMs} (uptime) and lasting {@code ms} ran. */
        String during(long endMs, double ms) {
            long start = endMs - (long) Math.ceil(ms) - 1;
            int cycles = 0, pauses = 0;
            synchronized (spans) {
                for (long[] sp : spans)
                    if (sp[0] <= endMs && sp[1] >= start) {
                        if (sp[2] == 1) pauses++;
                        else cycles++;
                    }
            }
            return cycles + pauses == 0 ? "no GC" : (cycles > 0 ? "GC cycle running" : "") + (pauses > 0 ? (cycles > 0 ? ", " : "") + pauses + " pause(s)" : "");
        }

        String collectors() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(java.lang.management.GarbageCollectorMXBean::getName).toList().toString();
        }

        @Override
        public void close() {
            remove.forEach(Runnable::run);
        }
    }

    /**
     * Gaps between consecutive pulses, measured on the FX thread by an animation timer, and what each gap held:
     * the CPU time the FX thread, the renderer thread (QuantumRenderer, which rasterises the scene the FX thread
     * handed over) and the whole process (every thread, the collector's included) spent in it. A gap whose FX CPU
     * is small was not the FX thread's work: it waited (for a core, for the renderer, for a collection). FX thread
     * only.
     */
    static final class Gaps {
        private static final int N = 1 << 20;
        private final long[] gaps = new long[N], fxCpu = new long[N], rendererCpu = new long[N], processCpu = new long[N];
        /** JVM uptime (ms) at each gap's end, to find it in a GC log. */
        private final long[] endUptime = new long[N];
        private int n;
        private long last, lastFx, lastRenderer, lastProcess;
        private long renderer = -1;
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final java.lang.management.RuntimeMXBean runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();

        void start() {
            renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::threadId).findFirst().orElse(-1);
            new javafx.animation.AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime(), fx = threads.getCurrentThreadCpuTime(),
                            r = renderer < 0 ? 0 : threads.getThreadCpuTime(renderer), p = os.getProcessCpuTime();
                    if (last != 0 && n < N) {
                        gaps[n] = t - last;
                        fxCpu[n] = fx - lastFx;
                        rendererCpu[n] = r - lastRenderer;
                        processCpu[n] = p - lastProcess;
                        endUptime[n] = runtime.getUptime();
                        n++;
                    }
                    last = t;
                    lastFx = fx;
                    lastRenderer = r;
                    lastProcess = p;
                }
            }.start();
        }

        int count() {
            return n;
        }

        /** {longest ms, p99 ms, count, p50 ms} of every gap so far. */
        double[] all() {
            return stats(0, n);
        }

        /** {longest ms, p99 ms, count, p50 ms} of the gaps from {@code from} to {@code to}. */
        double[] stats(int from, int to) {
            return quantiles(gaps, from, to);
        }

        /** {longest ms, p99 ms, count, p50 ms} of the FX thread's CPU per gap, from {@code from} to {@code to}. */
        double[] fxCpu(int from, int to) {
            return quantiles(fxCpu, from, to);
        }

        /** The same of the renderer thread's CPU per gap. */
        double[] rendererCpu(int from, int to) {
            return quantiles(rendererCpu, from, to);
        }

        private static double[] quantiles(long[] of, int from, int to) {
            long[] a = Arrays.copyOfRange(of, from, to);
            if (a.length == 0) return new double[] {0, 0, 0, 0};
            Arrays.sort(a);
            return new double[] {a[a.length - 1] / 1e6, a[Math.min(a.length - 1, (int) (0.99 * a.length))] / 1e6,
                a.length, a[a.length / 2] / 1e6};
        }

        /** The gaps from {@code from} to {@code to} longer than {@code overMs}, longest first, at most {@code max}. */
        List<Gap> longest(int from, int to, double overMs, int max) {
            List<Gap> out = new ArrayList<>();
            for (int i = from; i < to; i++)
                if (gaps[i] / 1e6 > overMs) out.add(new Gap(i, gaps[i] / 1e6, fxCpu[i] / 1e6, rendererCpu[i] / 1e6,
                        processCpu[i] / 1e6, endUptime[i]));
            out.sort(java.util.Comparator.comparingDouble(Gap::ms).reversed());
            return out.size() > max ? out.subList(0, max) : out;
        }
    }

    /**
     * The whole machine's CPU use (every process, from /proc/stat through the OS bean), sampled every 100 ms by a
     * thread of its own, so a long gap can be set beside what the machine was doing: a gap in which the JVM used
     * little CPU while the machine was busy waited for a core that other processes held.
     */
    static final class Machine implements AutoCloseable {
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        private final java.lang.management.RuntimeMXBean runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
        /** {uptime ms at the end of a 100 ms interval, machine CPU use in it in ‰} */
        private final List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread thread = Thread.ofPlatform().daemon().name("machine-load").start(this::run);

        private void run() {
            os.getCpuLoad();   // the first reading has no interval before it
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(100);   // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
                samples.add(new long[] {runtime.getUptime(), Math.round(os.getCpuLoad() * 1000)});
            }
        }

        /** The machine's mean CPU use (0..1) over the intervals that overlap [{@code endMs - ms}, {@code endMs}]. */
        double busy(long endMs, double ms) {
            long start = endMs - (long) Math.ceil(ms);
            long sum = 0;
            int n = 0;
            synchronized (samples) {
                for (long[] s : samples)
                    if (s[0] >= start && s[0] - 100 <= endMs + 100) {
                        sum += s[1];
                        n++;
                    }
            }
            return n == 0 ? Double.NaN : sum / 1000.0 / n;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /**
     * One long gap and what it held: ms of wall time; CPU ms of the FX thread, the renderer and the whole process
     * (so {@code process - fx - renderer} is every other thread of the JVM: the sampler, the node's schedulers and
     * the collector's threads); the JVM's uptime at its end.
     */
    record Gap(int index, double ms, double fx, double renderer, double process, long endUptimeMs) {}

    /** Time the JVM's collectors have spent so far, in ms. */
    static long gcMillis() {
        long t = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, gc.getCollectionTime());
        return t;
    }
}
