package beamscope.app.lessons;

import beamscope.app.stress.MillionScenario;
import beamscope.app.stress.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code million-processes} (003): the tutorial's stress test, run by the Stress menu's {@code million} scenario
 * (the same code, not a copy): ten thousand sleepers first, then the full million.
 */
final class MillionProcesses implements Script {
    static final Lesson LESSON = new Lesson("million-processes", "A million processes", "003",
            """
            The tutorial's stress test: spawn processes that only sleep and then end, and time the spawning. A \
            process costs a few hundred bytes here (the tutorial quotes about 2.6 KB on the BEAM), so a million \
            fit easily, and the schedulers hand each one its turn while the shell stays responsive. First ten \
            thousand, then the real million. Each process sleeps 1 second instead of the tutorial's 5, to keep \
            the lesson short; the Stress menu's "A million processes that sleep" runs the same test with 5 \
            seconds and more figures. Watch the process count and the Schedulers tab while they come and go.""",
            """
            # each process sleeps (1 s in this lesson, 5 s in the tutorial) and ends
            work = fn -> Process.sleep(1000) end

            {time_micros, _} = :timer.tc(fn ->
              for _ <- 1..1_000_000 do
                spawn(work)
              end
            end)

            IO.puts("Spawned 1 million processes in #{time_micros / 1_000_000} seconds.")
            """,
            MillionProcesses::new);

    /** How long each process sleeps (the tutorial: 5 s). */
    static final long SLEEP_MILLIS = 1_000;
    private static final MillionScenario MILLION = new MillionScenario();
    private final Scenario.Result[] results = new Scenario.Result[2];

    @Override
    public void start(Stage s) {
        s.typed("work = fn -> Process.sleep(" + SLEEP_MILLIS + ") end");
    }

    @Override
    public List<Step> steps() {
        return List.of(spawn(0, 10_000, "10_000", "10 thousand"), spawn(1, 1_000_000, "1_000_000", "1 million"));
    }

    private Step spawn(int index, long count, String literal, String words) {
        return new Step("Spawn " + words + " processes that sleep a second", s -> {
            s.typed("{time_micros, _} = :timer.tc(fn -> for _ <- 1.." + literal + ", do: spawn(work) end)");
            Map<String, Long> values = MILLION.defaults();
            values.put("count", count);
            values.put("waitMillis", SLEEP_MILLIS);
            results[index] = MILLION.run(s.node(), values, new Scenario.Run() {
                @Override public void progress(double fraction, String now) {}
                @Override public boolean cancelled() { return false; }
            });
        }, "all " + words + " spawned, and all gone again after their sleep", s -> {
            Scenario.Result r = results[index];
            if (r == null || r.number("spawned") != count || r.number("leftAlive") != 0) return Optional.empty();
            double perProcess = r.number("bytesPerProcess");
            return Optional.of(String.format(Locale.ROOT, "Spawned %s processes in %.3f seconds.%n"
                            + "# %,.0f spawns a second; at most %,.0f alive at once (sampled); %s%n"
                            + "# heap per process: %s",
                    words, r.number("spawnMillis") / 1000, r.number("spawnsPerSecond"), r.number("peakAlive"),
                    // the node's count, not the pids, says when all are gone: other processes coming and going
                    // (the window's demo) may hide that moment, while each of ours is already known to be gone
                    r.numbers().containsKey("allGoneSeconds")
                            ? String.format(Locale.ROOT, "all gone %.1f s after the first spawn", r.number("allGoneSeconds"))
                            : "all gone at the end",
                    Double.isNaN(perProcess) ? "too small to measure at this size" : String.format(Locale.ROOT, "%.0f bytes", perProcess)));
        });
    }
}
