package beamscope.app.stress;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's priority test: a low-priority busy loop on every scheduler, then a high-priority task,
 * timed from its spawn to its first instruction (the tutorial says it "will likely finish in 0ms to 1ms").
 * Repeated, for a distribution.
 */
public final class PriorityScenario implements Scenario {
    static final String SPINNERS = "spinnersPerScheduler", PROBES = "probes";

    @Override public String id() { return "priority"; }
    @Override public String title() { return "High priority among low-priority busy loops"; }
    @Override public String description() {
        return "Keeps every scheduler busy with low-priority loops, then spawns high-priority tasks and times how "
                + "long each waits before it runs (the tutorial says 0–1 ms).";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(SPINNERS, "busy loops per scheduler", 1, 1, 64),
                new Parameter(PROBES, "high-priority tasks", 1_000, 1, 1_000_000));
    }

    /** Kills the busy loops and waits (10 s at most) for their DOWN, so that the run leaves none of them behind. */
    private static void killAndAwait(Node node, List<Pid> loops) {
        try (Inbox watcher = node.inbox()) {
            for (Pid p : loops) watcher.monitor(p);
            for (Pid p : loops) node.exit(p, Atom.KILL);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int down = 0; down < loops.size(); down++)
                if (watcher.receive(m -> Tuple.isTagged(m, Atom.DOWN),
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))).isEmpty()) break;
        }
    }

    @Override
    public Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException {
        int schedulers = node.snapshot().schedulers().size();
        int spinners = (int) (values.get(SPINNERS) * schedulers);
        int probes = (int) (long) values.get(PROBES);
        Behavior spin = Behaviors.compute(ctx -> {
            ctx.work(100);
            return Behaviors.same();
        });
        List<Pid> loops = new ArrayList<>();
        SpawnOptions low = SpawnOptions.defaults().withPriority(Priority.LOW).withInitialCall("Stress.busy_loop/0");
        long[] waits = new long[probes];
        int done = 0;
        try (Inbox me = node.inbox()) {
            for (int i = 0; i < spinners; i++) loops.add(node.spawn(spin, low));
            Pid to = me.pid();
            SpawnOptions high = SpawnOptions.defaults().withPriority(Priority.HIGH).withInitialCall("Stress.fast/0");
            for (; done < probes && !run.cancelled(); done++) {
                long t0 = System.nanoTime();
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.send(to, System.nanoTime() - t0);
                    return Behaviors.stop();
                }), high);
                Object m = me.receive(Duration.ofSeconds(10)).orElse(null);
                if (!(m instanceof Long w)) break;   // never ran within 10 s: counted as not done
                waits[done] = w;
                if ((done & 63) == 0) run.progress(done / (double) probes,
                        String.format(java.util.Locale.ROOT, "%,d of %,d high-priority tasks ran", done, probes));
                Thread.sleep(0, 200_000);   // let the busy loops have the schedulers again between tasks
            }
        } finally {
            killAndAwait(node, loops);
        }
        long[] sorted = Arrays.copyOf(waits, done);
        Arrays.sort(sorted);
        return new Figures()
                .count("busyLoops", "low-priority busy loops (" + schedulers + " schedulers)", spinners)
                .count("tasks", "high-priority tasks run", done)
                .add("p50Micros", "wait before running, p50", Figures.quantile(sorted, 0.5) / 1e3, "%.1f µs")
                .add("p99Micros", "wait before running, p99", Figures.quantile(sorted, 0.99) / 1e3, "%.1f µs")
                .add("maxMillis", "wait before running, max", done == 0 ? 0 : sorted[done - 1] / 1e6, "%.2f ms")
                .note("the tutorial", "\"will likely finish in 0ms to 1ms\"")
                .result(id(), run.cancelled());
    }
}
