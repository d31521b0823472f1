package beamscope.bench.beamscope;

import beamscope.runtime.Node;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Microbenchmarks (JMH) of the observation calls the window makes, on a node of {@code n} idle
 * processes: what row 8's {@code snapshot_ms} and {@code processes_ms} time with a median of five calls,
 * measured here as JMH's average over many, after warm-up, in a fork of its own. run.sh runs them after
 * the side-by-side table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObservationMicro {

    @Param("1000000")
    int n;

    Node node;
    Pid oneOfThem;

    @Setup(Level.Trial)
    public void start() {
        node = BeamscopeBench.freshNode();
        for (int i = 0; i < n; i++) oneOfThem = node.spawn(BeamscopeBench.IDLE);
    }

    @TearDown(Level.Trial)
    public void stop() {
        node.close();
    }

    /** The node level: every scheduler's queues, busy time and counters; node totals. Once per frame. */
    @Benchmark
    public NodeSnapshot snapshot() {
        return node.snapshot();
    }

    /** One process in full (the inspector's view), its first 100 messages included. */
    @Benchmark
    public Optional<ProcessInfo> processInfo() {
        return node.processInfo(oneOfThem);
    }

    /** One row per process: the full list, which the window's walk streams instead of collecting. */
    @Benchmark
    public List<ProcessSummary> processes() {
        return node.processes();
    }
}
