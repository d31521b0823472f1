package beamscope.app.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.runtime.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Stress menu's view model on one thread, without the toolkit. */
class StressViewModelTest {

    /** A scenario that reports progress a thousand times and checks for cancellation each time. */
    static final class Counting implements Scenario {
        volatile boolean cancelSeen;
        @Override public String id() { return "counting"; }
        @Override public String title() { return "Counting"; }
        @Override public String description() { return "counts"; }
        @Override public List<Parameter> parameters() { return List.of(new Parameter("n", "steps", 1000, 1, 10_000)); }
        @Override public Result run(Node node, Map<String, Long> values, Run run) {
            long n = values.get("n"), i = 0;
            for (; i < n; i++) {
                if (run.cancelled()) {
                    cancelSeen = true;
                    break;
                }
                run.progress(i / (double) n, "step " + i);
            }
            return new Figures().count("steps", "steps", i).result(id(), run.cancelled());
        }
    }

    @Nested
    class Parameters {
        @Test
        void acceptsWholeNumbersWithSeparators() {
            assertThat(StressViewModel.parse(new Counting(), Map.of("n", "1_000"))).containsEntry("n", 1000L);
            assertThat(StressViewModel.parse(new Counting(), Map.of("n", "2,500"))).containsEntry("n", 2500L);
        }

        @Test
        void refusesTextAndValuesOutOfBounds_sayingWhich() {
            assertThatThrownBy(() -> StressViewModel.parse(new Counting(), Map.of("n", "many")))
                    .hasMessage("steps: \"many\" is not a whole number");
            assertThatThrownBy(() -> StressViewModel.parse(new Counting(), Map.of("n", "20000")))
                    .hasMessage("steps: 20,000 is not within 1..10,000");
        }
    }

    @Nested
    class Running {
        @Test
        void progressComesThroughOnePendingUpdate_andTheFiguresShowAtTheEnd() {
            List<Runnable> fxQueue = new ArrayList<>();
            List<Runnable> runner = new ArrayList<>();
            StressViewModel vm = new StressViewModel(null, fxQueue::add, runner::add);
            vm.start(new Counting(), Map.of("n", 1000L));
            assertThat(vm.runningProperty().get()).isTrue();
            runner.removeFirst().run();                  // the scenario runs: 1000 reports, then its end
            assertThat(fxQueue).hasSize(2);             // one coalesced progress update, one finish
            fxQueue.forEach(Runnable::run);
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.textProperty().get()).isEqualTo("done");
            assertThat(vm.figuresProperty().get()).isEqualTo("steps: 1,000");
        }

        @Test
        void cancelReachesTheScenario_andTheBarSaysSo() {
            List<Runnable> runner = new ArrayList<>();
            StressViewModel vm = new StressViewModel(null, Runnable::run, runner::add);
            Counting c = new Counting();
            vm.start(c, Map.of("n", 1000L));
            vm.cancel();
            runner.removeFirst().run();
            assertThat(c.cancelSeen).isTrue();
            assertThat(vm.textProperty().get()).isEqualTo("cancelled");
            assertThat(vm.figuresProperty().get()).isEqualTo("steps: 0");
        }

        @Test
        void aSecondStartWhileOneRuns_doesNothing() {
            List<Runnable> runner = new ArrayList<>();
            StressViewModel vm = new StressViewModel(null, Runnable::run, runner::add);
            vm.start(new Counting(), Map.of("n", 10L));
            vm.start(new Counting(), Map.of("n", 10L));
            assertThat(runner).hasSize(1);
        }
    }
}
