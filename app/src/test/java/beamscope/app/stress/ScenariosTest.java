package beamscope.app.stress;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.MemoryWatermark;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each stress scenario at a small size: its figures hang together (no timing thresholds). Supervision
 * rules cited from docs/OTP-SEMANTICS.md where they decide a figure.
 */
class ScenariosTest {

    /** A run that is never cancelled and records the last progress. */
    static final class Watch implements Scenario.Run {
        volatile double fraction = -1;
        final AtomicBoolean cancel = new AtomicBoolean();
        @Override public void progress(double f, String now) { fraction = f; }
        @Override public boolean cancelled() { return cancel.get(); }
    }

    static Scenario.Result run(Scenario s, Map<String, Long> changes) throws InterruptedException {
        return run(NodeConfig.defaults(), s, changes);
    }

    static Scenario.Result run(NodeConfig config, Scenario s, Map<String, Long> changes) throws InterruptedException {
        Map<String, Long> values = s.defaults();
        values.putAll(changes);
        try (Node node = Node.start(config)) {
            Scenario.Result r = s.run(node, values, new Watch());
            assertThat(r.cancelled()).isFalse();
            return r;
        }
    }

    @Nested
    class Million {
        @Test
        void everySpawnedProcessWaitsThenExits_andNoneIsLeft() throws Exception {
            Scenario.Result r = run(new MillionScenario(), Map.of(MillionScenario.COUNT, 5_000L, MillionScenario.WAIT, 3_000L));
            assertThat(r.number("spawned")).isEqualTo(5_000);
            assertThat(r.number("peakAlive")).isBetween(1.0, 5_000.0);
            assertThat(r.number("leftAlive")).isZero();
            double bytes = r.number("bytesPerProcess");
            assertThat(Double.isNaN(bytes) || bytes > 0).as("a positive figure, or none (%s)", bytes).isTrue();
        }

        @Test
        void cancelled_killsWhatItSpawned() throws Exception {
            Scenario s = new MillionScenario();
            Map<String, Long> values = s.defaults();
            values.put(MillionScenario.COUNT, 50_000L);
            values.put(MillionScenario.WAIT, 600_000L);
            try (Node node = Node.start()) {
                int before = node.snapshot().processes();
                Watch w = new Watch();
                w.cancel.set(true);
                Scenario.Result r = s.run(node, values, w);
                assertThat(r.cancelled()).isTrue();
                assertThat(r.number("spawned")).isLessThan(50_000);
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (node.snapshot().processes() > before && System.nanoTime() < deadline) Thread.onSpinWait();
                assertThat(node.snapshot().processes()).isEqualTo(before);
            }
        }
    }

    @Nested
    class Priority {
        @Test
        void everyHighPriorityTaskRuns_besideABusyLoopOnEveryScheduler() throws Exception {
            Scenario.Result r = run(new PriorityScenario(), Map.of(PriorityScenario.PROBES, 50L));
            assertThat(r.number("tasks")).isEqualTo(50);
            assertThat(r.number("busyLoops")).isPositive();
            assertThat(r.number("p50Micros")).isLessThanOrEqualTo(r.number("p99Micros"));
        }
    }

    @Nested
    class Flood {
        @Test
        void theConsumerIsKilledByItsMailboxLimit_itsProducersGoWithIt_andAnAlarmSetIsCleared() throws Exception {
            // G1: max_heap_size kills with :killed; the linked producers exit with it (A6, A7)
            NodeConfig config = NodeConfig.defaults().withMemoryWatermark(MemoryWatermark.messages(5_000));
            Scenario.Result r = run(config, new FloodScenario(), Map.of(FloodScenario.PRODUCERS, 2L,
                    FloodScenario.LIMIT, 20_000L, FloodScenario.CONSUMER_MICROS, 200L, FloodScenario.SECONDS, 60L));
            assertThat(r.number("killedByLimit")).isEqualTo(1);
            assertThat(r.number("killedAtQueue")).isGreaterThan(20_000);
            assertThat(r.number("maxQueue")).isPositive();
            // whether the watermark (sampling every 100 ms) saw the queue on its way up depends on timing; if it did,
            // it saw it gone too
            assertThat(r.number("alarmsCleared")).isEqualTo(r.number("alarmsSet"));
            assertThat(r.number("leaked")).isZero();
        }
    }

    @Nested
    class Chaos {
        @Test
        void underTheIntensity_everyKillIsOneRestart_andNothingLeaks() throws Exception {
            Scenario.Result r = run(new ChaosScenario(), Map.of(ChaosScenario.WORKERS, 5L, ChaosScenario.KILL_EVERY, 50L,
                    ChaosScenario.SECONDS, 1L, ChaosScenario.INTENSITY, 1_000L, ChaosScenario.PERIOD, 5L));
            assertThat(r.number("kills")).isPositive();
            assertThat(r.number("restarts")).isEqualTo(r.number("kills"));
            assertThat(r.number("escalations")).isZero();
            assertThat(r.number("survived")).isEqualTo(1);
            assertThat(r.number("eventsDropped")).isZero();
            assertThat(r.number("leaked")).isZero();
        }

        @Test
        void pastTheIntensity_chaosSupGivesUpAndTheTopRestartsIt_andNothingLeaks() throws Exception {
            // D: more than intensity restarts in period -> the supervisor exits :shutdown, its parent restarts it
            Scenario.Result r = run(new ChaosScenario(), Map.of(ChaosScenario.WORKERS, 5L, ChaosScenario.KILL_EVERY, 20L,
                    ChaosScenario.SECONDS, 1L, ChaosScenario.INTENSITY, 2L, ChaosScenario.PERIOD, 60L));
            assertThat(r.number("escalations")).isPositive();
            assertThat(r.number("restarts")).isLessThan(r.number("kills"));
            assertThat(r.number("survived")).isEqualTo(1);
            assertThat(r.number("leaked")).isZero();
        }
    }

    @Nested
    class SpawnStorm {
        @Test
        void everyChildStarts_byBothPaths_andTheSupervisorStopsWithThem() throws Exception {
            try (Node node = Node.start()) {
                int before = node.snapshot().processes();
                Scenario s = new SpawnStormScenario();
                Map<String, Long> values = s.defaults();
                values.put(SpawnStormScenario.COUNT, 2_000L);
                values.put(SpawnStormScenario.FROM_THREAD, 200L);
                Scenario.Result r = s.run(node, values, new Watch());
                assertThat(r.number("started")).isEqualTo(2_000);
                assertThat(r.numbers()).containsKeys("threadPerSecond", "processPerSecond");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (node.snapshot().processes() > before && System.nanoTime() < deadline) Thread.onSpinWait();
                assertThat(node.snapshot().processes()).isEqualTo(before);
            }
        }
    }

    @Nested
    class Headless {
        @Test
        void listNamesEveryScenarioAndItsParameters() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = StressMain.run("list", k -> null, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
            String text = out.toString(StandardCharsets.UTF_8);
            for (Scenario s : Scenarios.ALL) assertThat(text).contains(s.id());
            assertThat(text).contains("killEveryMillis=100");
        }

        @Test
        void runsAScenarioWithTheGivenParameters_andPrintsItsFigures() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = StressMain.run("spawn-storm", k -> k.equals("stress.set") ? "count=300,fromThread=10" : null,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("children started: 300");
        }

        @Test
        void anUnknownScenarioOrParameterIsRefused() {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            assertThat(StressMain.run("nope", k -> null, quiet, quiet)).isEqualTo(2);
            assertThat(StressMain.run("chaos", k -> k.equals("stress.set") ? "nope=1" : null, quiet, quiet)).isEqualTo(2);
        }
    }
}
