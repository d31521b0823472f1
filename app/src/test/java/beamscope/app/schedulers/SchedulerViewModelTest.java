package beamscope.app.schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.SteppedSlice;
import beamscope.runtime.Pid;
import beamscope.runtime.SchedulerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchedulerViewModelTest {

    static NodeSnapshot snap(long nanos, long reds, long msgs, boolean paused, SchedulerSnapshot... s) {
        return new NodeSnapshot(nanos, List.of(s), 10, 1 << 20, 10, 0, msgs, reds, paused, 0, 0, 0);
    }

    /** A scheduler busy for {@code activeMs} of the {@code totalMs} since it started. */
    static SchedulerSnapshot sched(int id, Pid running, int normal, long activeMs, long totalMs, long slices) {
        return new SchedulerSnapshot(id, running, 0, 0, normal, 0, activeMs * 1_000_000, totalMs * 1_000_000, slices, 0);
    }

    static SchedulerSnapshot sched(int id, Pid running, int normal, long slices) {
        return sched(id, running, normal, 0, 0, slices);
    }

    @Nested
    class RateMaths {
        @Test
        void ratesArePerSecondBetweenConsecutiveSnapshots() {
            Rates r = Rates.between(snap(0, 1_000, 10, false, sched(0, null, 0, 5)),
                    snap(500_000_000L, 3_000, 60, false, sched(0, null, 0, 25)));
            assertThat(r.reductionsPerSecond()).isCloseTo(4_000, within(1e-9));
            assertThat(r.messagesPerSecond()).isCloseTo(100, within(1e-9));
            assertThat(r.slicesPerSecond()).isCloseTo(40, within(1e-9));
        }

        @Test
        void noTimeOrCountersGoingBackwardsGiveZero() {
            assertThat(Rates.between(snap(5, 10, 10, false), snap(5, 20, 20, false))).isEqualTo(Rates.ZERO);
            // a counter that went down (a recording's timeline moved back) gives no rate: "—", not 0 or a negative one
            assertThat(Rates.between(snap(0, 10, 10, false), snap(1_000_000_000L, 5, 20, false)).reductionsPerSecond()).isNaN();
            assertThat(Rates.between(null, snap(0, 1, 1, false))).isEqualTo(Rates.ZERO);
        }
    }

    @Nested
    class Printing {
        @Test
        void compactNumbers() {
            assertThat(beamscope.app.Numbers.compact(950)).isEqualTo("950");
            assertThat(beamscope.app.Numbers.compact(12_345)).isEqualTo("12.3k");
            assertThat(beamscope.app.Numbers.compact(4_560_000)).isEqualTo("4.56M");
            assertThat(beamscope.app.Numbers.bytes(2_662)).isEqualTo("2.60 KB");
            assertThat(beamscope.app.Numbers.bytes(13_000_000)).isEqualTo("12.4 MB");
            assertThat(QueueScale.niceCeiling(7)).isEqualTo(10);
            assertThat(QueueScale.niceCeiling(11)).isEqualTo(20);
            assertThat(QueueScale.niceCeiling(201)).isEqualTo(500);
        }
    }

    @Nested
    class Frames {
        final SimpleObjectProperty<Pid> selection = new SimpleObjectProperty<>();
        final List<String> calls = new ArrayList<>();
        final CompletableFuture<Void> stepDone = new CompletableFuture<>();
        final SchedulerControls controls = new SchedulerControls() {
            @Override public void pause() { calls.add("pause"); }
            @Override public CompletableFuture<Void> step() { calls.add("step"); return stepDone; }
            @Override public void resume() { calls.add("resume"); }
            @Override public void slowMotion(Duration d) { calls.add("slow " + d.toMillis()); }
        };
        final SchedulerViewModel vm = new SchedulerViewModel(controls, selection, Runnable::run);

        @Test
        void lanesShowWhatRunsAndTheQueues_andTotalsShowRates() {
            Pid p = Pid.of(42);
            vm.apply(new SchedulerFrame(snap(0, 0, 0, false, sched(0, p, 3, 500, 1000, 1), sched(1, null, 0, 0, 1000, 0)), 5_000, Map.of(p, "bank")));
            vm.apply(new SchedulerFrame(snap(1_000_000_000L, 8_000, 250, false, sched(0, p, 4, 1250, 2000, 2), sched(1, null, 1, 100, 2000, 1)),
                    5_000, Map.of(p, "bank")));
            assertThat(vm.lanes()).hasSize(2);
            assertThat(vm.lanes().get(0).runningName()).isEqualTo("bank");
            assertThat(vm.lanes().get(0).normal()).isEqualTo(4);
            assertThat(vm.lanes().get(1).running()).isNull();
            assertThat(vm.runQueueText().get()).isEqualTo("5");
            assertThat(vm.reductionsText().get()).isEqualTo("8000");
            assertThat(vm.messagesText().get()).isEqualTo("250");
            assertThat(vm.memoryText().get()).isEqualTo("4.88 KB");
            assertThat(vm.slicesText().get()).isEqualTo("3");
            assertThat(vm.history().size()).isEqualTo(2);
            assertThat(vm.history().mean(0)).isCloseTo(0.625, within(1e-9));
        }

        @Test
        void inSlowMotionAnIdleLaneSaysWhatItRanLastFromWhichQueueAndHowManyReductions_andNoPercentage() {
            Pid counter = Pid.of(85);
            SchedulerSnapshot ran = new SchedulerSnapshot(0, null, 0, 0, 2, 0, 900, 1000, 7, 70, false, false,
                    new SteppedSlice(counter, 0, Priority.NORMAL, 37));
            NodeSnapshot slowed = new NodeSnapshot(0, List.of(ran, sched(1, null, 0, 0)), 10, 1 << 20, 10, 0, 0, 0, false,
                    200_000_000L, 0, 0);
            vm.apply(SchedulerFrame.from(slowed, visit -> visit.accept(
                    new ProcessSummary(counter, null, "Counter", ProcessStatus.WAITING, Priority.NORMAL, 70, 0, 100, 0, null))));
            SchedulerViewModel.Lane lane = vm.lanes().get(0);
            assertThat(lane.lastTitle()).isEqualTo("ran Counter");
            assertThat(lane.lastDetail()).isEqualTo("<0.85.0> · normal queue · 37 reductions");
            assertThat(vm.lanes().get(1).lastTitle()).as("a lane that ran nothing yet").isNull();
            assertThat(vm.slowed()).isTrue();
            vm.apply(new SchedulerFrame(snap(1, 0, 0, false, sched(0, null, 0, 0)), 0, Map.of()));
            assertThat(vm.lanes().get(0).lastTitle()).as("full speed again").isNull();
            assertThat(vm.slowed()).isFalse();
        }

        @Test
        void theQueueScaleGrowsAtOnceAndShrinksSlowly() {
            vm.apply(new SchedulerFrame(snap(0, 0, 0, false, sched(0, null, 130, 0)), 0, Map.of()));
            assertThat(vm.queueScale()).isEqualTo(200);
            vm.apply(new SchedulerFrame(snap(1, 0, 0, false, sched(0, null, 1, 0)), 0, Map.of()));
            assertThat(vm.queueScale()).isEqualTo(200);
        }

        @Test
        void historyKeepsTheLastMinute() {
            for (int i = 0; i <= 120; i++)
                vm.apply(new SchedulerFrame(snap(i * 1_000_000_000L, 0, 0, false, sched(0, null, 0, 0)), 0, Map.of()));
            assertThat(vm.history().size()).isEqualTo(61);
        }

        @Test
        void pauseStepResumeGoToTheControls_andStepWaitsForTheSliceToEnd() {
            int[] refreshed = {0};
            vm.setRefresh(() -> refreshed[0]++);
            vm.step();
            assertThat(calls).isEmpty();                  // not paused: nothing to step
            vm.pause();
            vm.step();
            vm.step();                                     // the first step has not ended yet
            assertThat(calls).containsExactly("pause", "step");
            assertThat(vm.steppingProperty().get()).isTrue();
            stepDone.complete(null);
            assertThat(vm.steppingProperty().get()).isFalse();
            vm.resume();
            assertThat(calls).containsExactly("pause", "step", "resume");
            assertThat(refreshed[0]).isEqualTo(3);
        }

        @Test
        void theSliderSetsSlowMotion() {
            vm.slowMotionMillisProperty().set(250.4);
            assertThat(calls).containsExactly("slow 250");
            assertThat(vm.slowMotionText().get()).isEqualTo("250 ms");
            vm.slowMotionMillisProperty().set(0);
            assertThat(vm.slowMotionText().get()).isEqualTo("off");
        }

        @Test
        void selectingALanesProcessSetsTheSharedSelection() {
            vm.select(Pid.of(9));
            assertThat(selection.get()).isEqualTo(Pid.of(9));
        }

        @Test
        void eachLaneCountsTheSlicesItRanSinceTheLastFrame() {
            vm.apply(new SchedulerFrame(snap(0, 0, 0, true, sched(0, null, 0, 10), sched(1, null, 0, 20)), 0, Map.of()));
            vm.apply(new SchedulerFrame(snap(1, 0, 0, true, sched(0, null, 0, 10), sched(1, null, 0, 21)), 0, Map.of()));
            assertThat(vm.lanes()).extracting(SchedulerViewModel.Lane::slicesSinceLast).containsExactly(0L, 1L);
            vm.apply(new SchedulerFrame(snap(2, 0, 0, true, sched(0, null, 0, 10), sched(1, null, 0, 21)), 0, Map.of()));
            assertThat(vm.steppedLane()).isEqualTo(1);              // remembered while paused
            vm.apply(new SchedulerFrame(snap(3, 0, 0, false, sched(0, null, 0, 10), sched(1, null, 0, 21)), 0, Map.of()));
            assertThat(vm.steppedLane()).isEqualTo(-1);
        }

        @Test
        void dirtySchedulersGetTheirOwnLanesBelowTheSchedulers_labelledDirty() {
            Pid task = Pid.of(7), spinner = Pid.of(8);
            SchedulerSnapshot stuck = new SchedulerSnapshot(0, spinner, 0, 0, 0, 0, 900_000_000L, 1_000_000_000L, 3, 0, false, true);
            SchedulerSnapshot dirty = new SchedulerSnapshot(0, task, 0, 0, 0, 0, 250_000_000L, 1_000_000_000L, 1, 1, true, false);
            NodeSnapshot s = new NodeSnapshot(0, List.of(stuck, sched(1, null, 0, 0)), 10, 1 << 20, 10, 0, 0, 0, false, 0, 0, 0,
                    List.of(dirty, new SchedulerSnapshot(1, null, 0, 0, 0, 0, 0, 1_000_000_000L, 0, 0, true, false)));
            vm.apply(SchedulerFrame.from(s, visit -> {
                visit.accept(new beamscope.runtime.ProcessSummary(task, null, "Task.async/1", beamscope.runtime.ProcessStatus.RUNNING,
                        beamscope.runtime.Priority.NORMAL, 1, 0, 0, 0, null));
            }));
            assertThat(vm.lanes()).extracting(SchedulerViewModel.Lane::title).containsExactly("1", "2", "D1", "D2");
            SchedulerViewModel.Lane d1 = vm.lanes().get(2);
            assertThat(d1.dirty()).isTrue();
            assertThat(d1.runningName()).isEqualTo("Task.async/1");
            assertThat(d1.tag()).isEqualTo("dirty");
            assertThat(d1.utilisation()).isCloseTo(0.25, within(1e-9));
            assertThat(vm.lanes().get(3).idleText(false, false)).isEqualTo("dirty · idle");
            assertThat(vm.lanes().get(0).tag()).isEqualTo("long schedule");
            assertThat(vm.lanes().get(1).tag()).isNull();
            assertThat(vm.history().mean(2)).isCloseTo(0.25, within(1e-9));
        }

        @Test
        void pausedFollowsTheNode() {
            vm.apply(new SchedulerFrame(snap(0, 0, 0, true, sched(0, null, 0, 0)), 0, Map.of()));
            assertThat(vm.pausedProperty().get()).isTrue();
        }
    }
}
