package beamscope.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The part of a JVM benchmark main that is the same for Pekko and Beamscope (and mirrors
 * {@code erlang/beamscope_bench.erl}): arguments, warm-up and measured rounds, one JSON line per round.
 *
 * <p>Command line: {@code <workload> [warmup=W] [key=value]...}. The process runs W warm-up rounds and
 * then one measured round; {@code run.sh} starts a fresh JVM for every measured run. Each round prints
 * <pre>{"system":"pekko","workload":"ring","phase":"warmup|measure","round":1,"params":{...},"metrics":{...}}</pre>
 * Metric names carry their unit: {@code _ms}, {@code _us}, {@code bytes_per_proc} (lower is better) and
 * {@code _per_s} (higher is better).
 */
public final class Bench {

    private Bench() {}

    /** One round of a workload: reads its sizes from {@code p}, returns its metrics. */
    @FunctionalInterface
    public interface Workload {
        Map<String, Object> run(Params p) throws Exception;
    }

    /** key=value arguments; remembers which ones a workload read so the result line can show them. */
    public static final class Params {
        private final Map<String, String> given;
        final Map<String, Object> used = new LinkedHashMap<>();

        Params(Map<String, String> given) {
            this.given = given;
        }

        public int get(String key, int defaultValue) {
            int v = given.containsKey(key) ? Integer.parseInt(given.get(key).replace("_", "")) : defaultValue;
            used.put(key, v);
            return v;
        }

        /** Records a setting the workload does not take from the command line, to show with the parameters. */
        public void note(String key, long value) {
            used.put(key, value);
        }
    }

    /** Parses the arguments, runs the rounds and prints their lines; exits non-zero on failure. */
    public static void main(String system, String[] args, Map<String, Workload> workloads) {
        if (args.length == 0 || !workloads.containsKey(args[0])) {
            System.err.println("usage: <workload> [warmup=W] [key=value]...; workloads: " + workloads.keySet());
            System.exit(2);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("expected key=value: " + args[i]);
            given.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int warmups = Integer.parseInt(given.getOrDefault("warmup", "2"));
        try {
            for (int round = 1; round <= warmups + 1; round++) {
                Params p = new Params(given);
                Map<String, Object> metrics = workloads.get(args[0]).run(p);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("system", system);
                line.put("workload", args[0]);
                line.put("phase", round <= warmups ? "warmup" : "measure");
                line.put("round", round);
                line.put("params", p.used);
                line.put("metrics", metrics);
                System.out.println(Json.line(line));
                System.out.flush();
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    // ---- helpers shared by the workloads ----

    /** Heap in use after three full collections (the "bytes per process" baseline and reading). */
    public static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static double millis(long nanos) {
        return nanos / 1e6;
    }

    public static double perSecond(long count, long nanos) {
        return count * 1e9 / nanos;
    }

    /** p50 and p99 in microseconds, nearest-rank, as {@code <prefix>p50_us} and {@code <prefix>p99_us}. */
    public static Map<String, Object> latencies(String prefix, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "p50_us", percentile(sorted, 0.50) / 1e3);
        m.put(prefix + "p99_us", percentile(sorted, 0.99) / 1e3);
        return m;
    }

    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static volatile long sink;

    /**
     * Busy CPU work: {@code iterations} steps of a linear congruential generator. The spinners of the
     * priority workload burn 1000 per step (about the cost of 1000 Erlang reductions of a tight loop).
     */
    public static void burn(int iterations) {
        long x = sink;
        for (int i = 0; i < iterations; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        sink = x;
    }

    /** Waits for a result that some process or actor completes; a stuck workload fails after 10 minutes. */
    public static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.MINUTES);
    }
}
