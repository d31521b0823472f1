package beamscope.app.charts;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Query;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.SchedulerSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The load charts' history off the FX thread: sampling once a second, 15 minutes kept, buckets, CSV. */
class ChartsViewModelTest {

    /** A frame of a two-scheduler node at {@code nanos}, each scheduler busy {@code active} ns so far. */
    static Frame frame(long nanos, int processes, long active0, long active1, int queue0) {
        List<SchedulerSnapshot> s = List.of(
                new SchedulerSnapshot(0, null, 0, 0, queue0, 0, active0, nanos, 0, 0),
                new SchedulerSnapshot(1, null, 0, 0, 0, 0, active1, nanos, 0, 0));
        NodeSnapshot node = new NodeSnapshot(nanos, s, processes, 1 << 20, 0, 0, 0, 0, false, 0, 0, 0);
        return new Frame(1, Query.defaults(), node, 5_000, 1_200, processes, List.of(), null, List.of(), 0, List.of(),
                Map.of(), Map.of());
    }

    static LoadSample sample(long millis, int processes) {
        return new LoadSample(millis, processes, 10, 20, -1, 0, 0, List.of(0), List.of(0.0), false);
    }

    @Test
    void framesMoreOftenThanOnceASecondMakeOneSample() {
        ChartsViewModel vm = new ChartsViewModel();
        vm.accept(frame(0, 10, 0, 0, 0), 1_000, 1, 2, false);
        vm.accept(frame(150_000_000L, 11, 0, 0, 0), 1_150, 1, 2, false);
        vm.accept(frame(900_000_000L, 12, 0, 0, 0), 1_900, 1, 2, false);
        assertThat(vm.samples()).hasSize(1);
        vm.accept(frame(1_000_000_000L, 13, 0, 0, 0), 2_000, 1, 2, false);
        assertThat(vm.samples()).extracting(LoadSample::processes).containsExactly(10, 13);
        assertThat(vm.versionProperty().get()).isEqualTo(2);
    }

    @Test
    void utilisationIsTheBusyShareBetweenTwoSamples_perScheduler() {
        ChartsViewModel vm = new ChartsViewModel();
        vm.accept(frame(1_000_000_000L, 5, 500_000_000L, 0, 3), 1_000, 1, 2, false);
        // the next second: scheduler 1 busy 250 ms of 1000, scheduler 2 all of it
        vm.accept(frame(2_000_000_000L, 5, 750_000_000L, 1_000_000_000L, 7), 2_000, 1, 2, false);
        LoadSample last = vm.samples().getLast();
        assertThat(last.utilisation()).containsExactly(0.25, 1.0);
        assertThat(last.runQueues()).containsExactly(7, 0);
        assertThat(LoadChart.UTILISATION.value(last, 0)).isEqualTo(25.0);
        assertThat(vm.schedulers()).isEqualTo(2);
    }

    @Test
    void fifteenMinutesAreKept_theOldestGoFirst() {
        ChartsViewModel vm = new ChartsViewModel();
        for (int i = 0; i < ChartsViewModel.CAPACITY + 50; i++) vm.add(sample(i * 1_000L, i));
        List<LoadSample> held = vm.samples();
        assertThat(held).hasSize(ChartsViewModel.CAPACITY);
        assertThat(held.getFirst().processes()).isEqualTo(50);
        assertThat(held.getLast().processes()).isEqualTo(ChartsViewModel.CAPACITY + 49);
    }

    @Test
    void aChartDrawsAtMostMaxPointsPerSeries_eachTheMeanOfItsBucket_endingAtNow() {
        ChartsViewModel vm = new ChartsViewModel();
        for (int i = 0; i < ChartsViewModel.CAPACITY; i++) vm.add(sample(i * 1_000L, i));
        List<double[]> pts = vm.points(LoadChart.PROCESSES, 0);
        assertThat(pts).hasSize(ChartsViewModel.MAX_POINTS);
        assertThat(pts.getFirst()[1]).isEqualTo(1.0);          // mean of 0, 1, 2
        assertThat(pts.getLast()[0]).isEqualTo(0.0);           // the newest bucket ends now
        assertThat(pts.getLast()[1]).isEqualTo(898.0);         // mean of 897, 898, 899
        assertThat(pts.get(pts.size() - 2)[0]).isEqualTo(-3.0);
    }

    @Test
    void theTimeAxisSpansTheShortestStepThatHoldsTheHistory() {
        ChartsViewModel vm = new ChartsViewModel();
        assertThat(vm.spanSeconds()).isEqualTo(60);
        for (int i = 0; i <= 61; i++) vm.add(sample(i * 1_000L, i));
        assertThat(vm.spanSeconds()).isEqualTo(120);
        for (int i = 62; i <= 700; i++) vm.add(sample(i * 1_000L, i));
        assertThat(vm.spanSeconds()).isEqualTo(ChartsViewModel.CAPACITY);
    }

    @Test
    void theRuntimesEstimateIsLeftOutWhereTheNodeGivesNone() {
        ChartsViewModel vm = new ChartsViewModel();
        vm.add(sample(0, 1));
        assertThat(vm.points(LoadChart.MEMORY, 2)).isEmpty();
        assertThat(vm.points(LoadChart.MEMORY, 0)).hasSize(1);
    }

    @Nested
    class Csv {
        @Test
        void hasAHeaderOfSeriesWithUnits_andARowPerSample() {
            ChartsViewModel vm = new ChartsViewModel();
            vm.add(new LoadSample(0, 3, 100, 200, 50, 1.5, 10, List.of(2, 0), List.of(0.5, 0.0), false));
            vm.add(new LoadSample(1_000, 4, 110, 200, -1, 2, 20, List.of(1, 1), List.of(0.25, 1.0), true));
            String[] mem = vm.csv(LoadChart.MEMORY).split("\n");
            assertThat(mem[0]).isEqualTo("time,JVM heap used (bytes),JVM heap committed (bytes),processes (runtime's estimate) (bytes)");
            assertThat(mem).hasSize(3);
            assertThat(mem[1]).endsWith(",100,200,50");
            assertThat(mem[2]).endsWith(",110,200,");          // no estimate: an empty field
            String[] util = vm.csv(LoadChart.UTILISATION).split("\n");
            assertThat(util[0]).isEqualTo("time,scheduler 1 (% busy),scheduler 2 (% busy)");
            assertThat(util[2]).endsWith(",25,100");
            assertThat(vm.csv(LoadChart.MESSAGES).split("\n")[1]).endsWith(",1.500");
            assertThat(vm.watermark()).isTrue();
        }

        @Test
        void fieldsWithCommasOrQuotesAreQuoted() {
            assertThat(beamscope.app.charts.Csv.field("a,b")).isEqualTo("\"a,b\"");
            assertThat(beamscope.app.charts.Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
            assertThat(beamscope.app.charts.Csv.field("plain")).isEqualTo("plain");
            assertThat(beamscope.app.charts.Csv.field(null)).isEmpty();
        }
    }
}
