package beamscope.app.stress;

import beamscope.app.observe.Spawner;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.StartResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Supervised spawns as fast as the runtime allows: GenServers started under one DynamicSupervisor. First
 * a sample the way the window used to (one blocking {@code start_child} call per child from a Java thread:
 * every call wakes the supervisor's scheduler and then the calling thread, about 50 µs of thread hand-over
 * each here), then the rest from a spawner process inside the node, whose calls hand over on one scheduler
 * ({@link Spawner}, which the window's supervised spawns now use too).
 */
public final class SpawnStormScenario implements Scenario {
    static final String COUNT = "count", FROM_THREAD = "fromThread";

    @Override public String id() { return "spawn-storm"; }
    @Override public String title() { return "Spawn storm under a DynamicSupervisor"; }
    @Override public String description() {
        return "Starts GenServers under one DynamicSupervisor as fast as the runtime allows, with the rate: a sample "
                + "by blocking calls from a Java thread, the rest from a spawner process in the node.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(COUNT, "children", 100_000, 1, 1_000_000),
                new Parameter(FROM_THREAD, "of which by blocking calls from a thread", 2_000, 0, 1_000_000));
    }

    @Override
    public Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException {
        int n = (int) (long) values.get(COUNT);
        int fromThread = (int) Math.min(n, values.get(FROM_THREAD));
        StartResult r = DynamicSupervisor.start(node);
        if (!(r instanceof StartResult.Ok(Pid sup))) throw new IllegalStateException("DynamicSupervisor did not start: " + r);
        ChildSpec spec = ChildSpec.worker("ping", ChildStart.genServer(ChaosScenario.PING_SERVER, 0L));
        Figures f = new Figures().count("children", "children asked for", n);
        try {
            long t0 = System.nanoTime();
            int done = 0;
            for (; done < fromThread && !run.cancelled(); done++) {
                DynamicSupervisor.startChild(node, sup, spec);
                if ((done & 255) == 0) run.progress(done / (double) n, String.format(Locale.ROOT,
                        "%,d started (blocking calls from a thread: %,.0f/s)", done, done / Math.max(1e-9, (System.nanoTime() - t0) / 1e9)));
            }
            double threadSeconds = (System.nanoTime() - t0) / 1e9;
            if (done > 0) f.add("threadPerSecond", "blocking calls from a thread", done / threadSeconds, "%,.0f children/s");
            long t1 = System.nanoTime();
            AtomicInteger started = new AtomicInteger();
            int rest = n - done;
            Spawner.Handle h = Spawner.start(node, sup, true, i -> spec, rest, started);
            while (!h.await(100)) {
                if (!node.isAlive(h.pid())) break;   // crashed: its start_child call failed
                if (run.cancelled()) h.cancel();
                int s = started.get();
                run.progress((done + s) / (double) n, String.format(Locale.ROOT, "%,d started (spawner process: %,.0f/s)",
                        done + s, s / Math.max(1e-9, (System.nanoTime() - t1) / 1e9)));
            }
            double procSeconds = (System.nanoTime() - t1) / 1e9;
            int s = started.get();
            if (s > 0) f.add("processPerSecond", "from a spawner process in the node", s / procSeconds, "%,.0f children/s");
            f.count("started", "children started", done + s)
                    .add("totalSeconds", "total", (System.nanoTime() - t0) / 1e9, "%.2f s");
            if (h.failure() != null) f.note("stopped by", beamscope.runtime.Terms.inspect(h.failure()));
        } finally {
            long t2 = System.nanoTime();
            beamscope.runtime.otp.Supervisor.stop(node, sup);   // as its parent would: every child shut down first
            f.add("shutdownSeconds", "supervisor stopped with its children in", (System.nanoTime() - t2) / 1e9, "%.2f s");
        }
        return f.result(id(), run.cancelled());
    }
}
