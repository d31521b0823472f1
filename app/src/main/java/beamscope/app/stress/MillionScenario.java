package beamscope.app.stress;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's test: {@code for _ <- 1..1_000_000, do: spawn(fn -> Process.sleep(5000) end)}. Each
 * process runs once (to its {@code receive … after}), waits, and exits. Measures the spawn loop, the heap
 * per process (settled heap after the spawns less before, over the count), and samples the run queues and
 * the process count while the processes appear and vanish.
 */
public final class MillionScenario implements Scenario {
    static final String COUNT = "count", WAIT = "waitMillis";

    @Override public String id() { return "million"; }
    @Override public String title() { return "A million processes that sleep"; }
    @Override public String description() {
        return "Spawns processes that each wait and exit, as the tutorial does: the spawn time, memory per process, "
                + "and the run queues while they appear and vanish (watch the Schedulers tab).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(COUNT, "processes", 1_000_000, 1, 1_000_000),
                new Parameter(WAIT, "each waits (ms)", 5_000, 0, 600_000));
    }

    @Override
    public Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException {
        int n = (int) (long) values.get(COUNT);
        Duration wait = Duration.ofMillis(values.get(WAIT));
        Behavior sleeper = Behaviors.setup(ctx -> Behaviors.receive((c, m) -> Behaviors.unhandled())
                .after(wait, c -> Behaviors.stop()));
        SpawnOptions options = SpawnOptions.defaults().withInitialCall("Stress.sleep/1");
        int before = node.snapshot().processes();
        long heapBefore = Figures.settledHeap();
        Pid[] pids = new Pid[n];
        int spawned = 0, maxQueue = 0;
        run.progress(0, "spawning");
        long t0 = System.nanoTime();
        while (spawned < n) {
            if ((spawned & 16383) == 0) {
                if (run.cancelled()) break;
                maxQueue = Math.max(maxQueue, node.snapshot().runQueueLength());
                run.progress(0.5 * spawned / n, String.format(java.util.Locale.ROOT, "spawned %,d of %,d", spawned, n));
            }
            pids[spawned++] = node.spawn(sleeper, options);
        }
        long spawnNanos = System.nanoTime() - t0;
        // counted before the heap settles (a collection can outlast a short wait on a busy machine)
        int aliveAfterSpawning = Math.max(0, node.snapshot().processes() - before);
        long heapAfter = Figures.settledHeap();
        Figures f = new Figures()
                .count("spawned", "processes spawned", spawned)
                .add("spawnMillis", "spawn loop", spawnNanos / 1e6, "%.1f ms")
                .add("spawnsPerSecond", "spawns per second", spawned / Math.max(1e-9, spawnNanos / 1e9), "%,.0f")
                .add("bytesPerProcess", "heap per process (settled heap after less before)",
                        // a few thousand processes hold less than the heap's own noise (the collector, other
                        // threads): a delta that is not positive measures nothing, and says so
                        spawned == 0 || heapAfter <= heapBefore ? Double.NaN : (heapAfter - heapBefore) / (double) spawned,
                        heapAfter <= heapBefore ? "not measurable at this size (the heap's noise is larger)" : "%.0f bytes");
        // the run queues and the count while they wait and go
        int peakProcesses = aliveAfterSpawning;
        long deadline = System.nanoTime() + wait.toNanos() + Duration.ofSeconds(60).toNanos();
        long goneAt = -1;
        StringBuilder timeline = new StringBuilder();
        long nextLine = System.nanoTime();
        while (!run.cancelled() && System.nanoTime() - deadline < 0) {
            NodeSnapshot s = node.snapshot();
            int ours = Math.max(0, s.processes() - before);
            peakProcesses = Math.max(peakProcesses, ours);
            maxQueue = Math.max(maxQueue, s.runQueueLength());
            if (System.nanoTime() - nextLine >= 0) {
                timeline.append(String.format(java.util.Locale.ROOT, "%s%.1f s: %,d alive, run queue %,d",
                        timeline.isEmpty() ? "" : "; ", (System.nanoTime() - t0) / 1e9, ours, s.runQueueLength()));
                nextLine += 1_000_000_000L;
            }
            run.progress(0.5 + 0.5 * (spawned - Math.min(spawned, ours)) / Math.max(1, spawned),
                    String.format(java.util.Locale.ROOT, "%,d alive · run queue %,d", ours, s.runQueueLength()));
            if (ours == 0) {
                goneAt = System.nanoTime();
                break;
            }
            Thread.sleep(50);
        }
        boolean cancelled = run.cancelled();
        int left = 0;
        for (int i = 0; i < spawned; i++) if (node.isAlive(pids[i])) {
            left++;
            if (cancelled) node.exit(pids[i], Atom.KILL);
        }
        f.add("maxRunQueue", "longest run queue seen", maxQueue, "%,.0f")
                .count("peakAlive", "most alive at once (sampled)", peakProcesses);
        if (goneAt > 0) f.add("allGoneSeconds", "all gone after (from the first spawn)", (goneAt - t0) / 1e9, "%.2f s");
        f.count("leftAlive", cancelled ? "still alive when cancelled (killed)" : "still alive at the end", left);
        if (!timeline.isEmpty()) f.note("timeline", timeline.toString());
        return f.result(id(), cancelled);
    }
}
