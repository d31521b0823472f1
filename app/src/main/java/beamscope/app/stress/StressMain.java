package beamscope.app.stress;

import beamscope.runtime.MemoryWatermark;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a scenario without a window: {@code mvn -q compile exec:exec -Dstress=ID} (or {@code -Dstress=list}).
 * Parameters are set with {@code -Dstress.set=KEY=N,KEY=N} (the keys are listed by {@code list}). The node is the
 * window's: default configuration with the window's memory watermark.
 */
public final class StressMain {
    private StressMain() {}

    /** The node's memory watermark, as the window's node has it: messages queued in all mailboxes. */
    public static final long WATERMARK = 1_000_000;

    /** Runs {@code id} and prints its figures; returns the exit status (0 done, 2 unknown id). */
    public static int run(String id, java.util.function.Function<String, String> property, PrintStream out, PrintStream err) {
        if (id.equals("list")) {
            for (Scenario s : Scenarios.ALL) {
                out.printf(Locale.ROOT, "%-12s %s%n", s.id(), s.description());
                for (Scenario.Parameter p : s.parameters())
                    out.printf(Locale.ROOT, "%14s%s=%d  (%s, %d..%d)%n", "", p.key(), p.defaultValue(), p.label(),
                            p.min(), p.max());
            }
            return 0;
        }
        Scenario s = Scenarios.byId(id).orElse(null);
        if (s == null) {
            err.println("no stress scenario '" + id + "'; -Dstress=list lists them");
            return 2;
        }
        Map<String, Long> values = s.defaults();
        String set = property.apply("stress.set");
        if (set != null) for (String kv : set.split(",")) {
            if (kv.isBlank()) continue;
            String[] parts = kv.split("=", 2);
            Scenario.Parameter p = s.parameters().stream().filter(x -> x.key().equals(parts[0].strip())).findFirst().orElse(null);
            if (p == null || parts.length < 2) {
                err.println("no parameter '" + kv.strip() + "' for " + id + "; -Dstress=list lists them");
                return 2;
            }
            values.put(p.key(), p.clamp(Long.parseLong(parts[1].strip().replace("_", ""))));
        }
        out.println(s.title() + " " + values);
        // the runtime's log (supervisor reports, mailbox-limit kills) would bury the figures: quiet while it runs
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("beamscope");
        quiet.setLevel(java.util.logging.Level.OFF);
        try (Node node = Node.start(NodeConfig.defaults().withMemoryWatermark(MemoryWatermark.messages(WATERMARK)))) {
            long[] lastPrint = {0};
            Scenario.Result r = s.run(node, values, new Scenario.Run() {
                @Override public void progress(double fraction, String now) {
                    long t = System.nanoTime();
                    if (t - lastPrint[0] < 1_000_000_000L) return;
                    lastPrint[0] = t;
                    out.printf(Locale.ROOT, "  … %s%n", now);
                }
                @Override public boolean cancelled() { return false; }
            });
            out.print(r.text());
            out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %,d MB%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
