package beamscope.app.lessons;

import beamscope.app.stress.PriorityScenario;
import beamscope.app.stress.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code priority-stress} (003): the tutorial's priority test, run by the Stress menu's {@code priority} scenario
 * (the same code, not a copy): a low-priority busy loop on every scheduler, then high-priority tasks.
 */
final class PriorityStress implements Script {
    static final Lesson LESSON = new Lesson("priority-stress", "High priority among busy loops", "003",
            """
            The tutorial's priority test. A low-priority process loops forever and would keep a scheduler busy \
            for good, here one such loop per scheduler so every scheduler is taken. Then a high-priority process \
            is spawned. The scheduler preempts the loop when its budget of reductions runs out and, having a \
            high-priority process ready, runs that one first: it does not wait its turn behind the loop. The \
            tutorial expects it to finish "in 0ms to 1ms". First one task, as in the tutorial, then a thousand \
            of them for a fair picture. The loops are killed when the step ends.""",
            """
            # a 'heavy' process that loops forever, at low priority
            spawn(fn ->
              Process.flag(:priority, :low)
              loop = fn f -> f.(f) end
              loop.(loop)
            end)

            # a 'fast' process that must answer quickly, at high priority
            spawn(fn ->
              Process.flag(:priority, :high)
              start_time = System.monotonic_time(:millisecond)
              IO.puts("High Priority task finished in #{System.monotonic_time(:millisecond) - start_time}ms")
            end)
            """,
            PriorityStress::new);

    private static final PriorityScenario PRIORITY = new PriorityScenario();
    private final Scenario.Result[] results = new Scenario.Result[2];

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(probe(0, 1, "Start a low-priority busy loop on each scheduler, then one high-priority task"),
                probe(1, 1_000, "Again with 1,000 high-priority tasks, one after another"));
    }

    private Step probe(int index, long tasks, String button) {
        return new Step(button, s -> {
            s.typed("spawn(fn -> Process.flag(:priority, :low); loop.(loop) end)   # one per scheduler");
            s.typed(tasks == 1 ? "spawn(fn -> Process.flag(:priority, :high); … end)"
                    : "for _ <- 1..1_000, do: spawn(fn -> Process.flag(:priority, :high); … end)");
            Map<String, Long> values = PRIORITY.defaults();
            values.put("spinnersPerScheduler", 1L);
            values.put("probes", tasks);
            results[index] = PRIORITY.run(s.node(), values, new Scenario.Run() {
                @Override public void progress(double fraction, String now) {}
                @Override public boolean cancelled() { return false; }
            });
        }, tasks == 1 ? "the high-priority task runs while every scheduler has a busy loop"
                : "all 1,000 high-priority tasks run while every scheduler has a busy loop", s -> {
            Scenario.Result r = results[index];
            if (r == null || r.number("tasks") != tasks) return Optional.empty();
            String loops = String.format(Locale.ROOT, "# %,.0f low-priority busy loops were running", r.number("busyLoops"));
            if (tasks == 1)
                return Optional.of(String.format(Locale.ROOT, "High Priority task ran %.2f ms after its spawn%n%s",
                        r.number("maxMillis"), loops));
            return Optional.of(String.format(Locale.ROOT,
                    "1,000 High Priority tasks ran; wait from spawn to running: median %.1f µs, p99 %.2f ms, worst %.2f ms%n%s",
                    r.number("p50Micros"), r.number("p99Micros") / 1000, r.number("maxMillis"), loops));
        }, java.time.Duration.ofSeconds(5));
    }
}
