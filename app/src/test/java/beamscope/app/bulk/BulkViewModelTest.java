package beamscope.app.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.demo.Examples;
import beamscope.app.grid.ProcessStrip;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bulk actions on a live embedded node, the work run by the test (a queue it drains) or at once. */
class BulkViewModelTest {
    final Node node = Node.start();
    final LocalNode observed = new LocalNode(node, Examples.CATALOGUE);
    final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();

    @AfterEach
    void close() {
        observed.close();
        node.close();
    }

    List<Pid> spawn(int n) {
        List<Pid> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(node.spawn(Behaviors.receive((c, m) -> Behaviors.same())));
        return out;
    }

    /** The processes as the grid picks them: a range of one walk's strip. */
    static Selection.Range range(List<Pid> pids) {
        ProcessStrip.Builder b = new ProcessStrip.Builder(pids.size());
        for (Pid p : pids) b.add(p, ProcessStatus.WAITING, 0);
        return new Selection.Range(b.build(Map.of()), 0, pids.size());
    }

    boolean yes(String question) {
        asked.add(question);
        return true;
    }

    static void eventually(BooleanSupplier done) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("not done within 30 s");
            Thread.onSpinWait();
        }
    }

    boolean alive(Pid p) {
        return node.processInfo(p).isPresent();
    }

    void drain() {
        while (!queued.isEmpty()) queued.poll().run();
    }

    @Test
    void exiting1500Processes_asksFirst_thenEveryOneDies() {
        List<Pid> pids = spawn(1_500);
        BulkViewModel vm = new BulkViewModel(observed, queued::add, Runnable::run);
        vm.select(range(pids));
        assertThat(vm.exit(this::yes)).isTrue();
        assertThat(asked).containsExactly("Exit 1,500 processes with :kill? This cannot be undone.");
        assertThat(vm.busyProperty().get()).isTrue();
        drain();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.statusProperty().get()).isEqualTo("1,500 of 1,500 processes exited with :kill.");
        eventually(() -> pids.stream().noneMatch(this::alive));
    }

    @Test
    void declining_leavesEveryProcessAlive() {
        List<Pid> pids = spawn(1_001);
        BulkViewModel vm = new BulkViewModel(observed, queued::add, Runnable::run);
        vm.select(range(pids));
        assertThat(vm.exit(q -> false)).isFalse();
        assertThat(queued).isEmpty();
        assertThat(pids).allMatch(this::alive);
    }

    @Test
    void aThousandOrFewer_areNotAskedAbout() {
        List<Pid> pids = spawn(1_000);
        BulkViewModel vm = new BulkViewModel(observed, Runnable::run, Runnable::run);
        vm.select(new Selection.Pids(pids));
        assertThat(vm.start(new ProcessAction.Exit(beamscope.runtime.Atom.of("shutdown")), this::yes)).isTrue();
        assertThat(asked).isEmpty();
        eventually(() -> pids.stream().noneMatch(this::alive));
    }

    @Test
    void cancellingMidway_stopsAtTheNextBatch_andLeavesTheRestAlive() {
        List<Pid> pids = spawn(1_500);
        BulkViewModel vm = new BulkViewModel(observed, queued::add, Runnable::run);
        vm.select(range(pids));
        vm.exit(this::yes);
        queued.poll().run();                        // the first batch
        vm.cancel();
        drain();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Cancelled: 250 of 1,500 processes exited with :kill; the other 1,250 untouched.");
        List<Pid> done = pids.subList(0, BulkViewModel.BATCH), rest = pids.subList(BulkViewModel.BATCH, pids.size());
        eventually(() -> done.stream().noneMatch(this::alive));
        assertThat(rest).allMatch(this::alive);
    }

    @Test
    void suspendThenResume_everySelectedProcess() {
        List<Pid> pids = spawn(1_200);
        BulkViewModel vm = new BulkViewModel(observed, Runnable::run, Runnable::run);
        vm.select(range(pids));
        assertThat(vm.start(new ProcessAction.Suspend(), this::yes)).isTrue();
        assertThat(asked).containsExactly("Suspend 1,200 processes?");
        eventually(() -> pids.stream().allMatch(p -> node.processInfo(p).orElseThrow().status() == ProcessStatus.SUSPENDED));
        vm.start(new ProcessAction.Resume(), this::yes);
        eventually(() -> pids.stream().allMatch(p -> node.processInfo(p).orElseThrow().status() != ProcessStatus.SUSPENDED));
        assertThat(vm.statusProperty().get()).isEqualTo("1,200 of 1,200 processes resumed.");
    }

    @Test
    void aNewPriorityForEverySelectedProcess() {
        List<Pid> pids = spawn(10);
        BulkViewModel vm = new BulkViewModel(observed, Runnable::run, Runnable::run);
        vm.select(new Selection.Pids(pids));
        assertThat(vm.unsupported(new ProcessAction.SetPriority(Priority.HIGH))).isNull();
        vm.start(new ProcessAction.SetPriority(Priority.HIGH), this::yes);
        eventually(() -> pids.stream().allMatch(p -> node.processInfo(p).orElseThrow().priority() == Priority.HIGH));
    }

    @Test
    void aNodeWithoutEmbeddedControls_cannotSetPriorities_andSaysWhy() {
        Observed remote = (Observed) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Observed.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "embedded" -> java.util.Optional.empty();
                    case "shell" -> Pid.of(1);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        BulkViewModel vm = new BulkViewModel(remote, queued::add, Runnable::run);
        vm.select(new Selection.Pids(List.of(Pid.of(5))));
        assertThat(vm.unsupported(new ProcessAction.SetPriority(Priority.HIGH))).isEqualTo(ProcessAction.SetPriority.UNSUPPORTED);
        assertThat(vm.start(new ProcessAction.SetPriority(Priority.HIGH), this::yes)).isFalse();
        assertThat(queued).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo(ProcessAction.SetPriority.UNSUPPORTED);
        assertThat(vm.unsupported(new ProcessAction.Suspend())).isNull();
        // a real node's destructive actions start off: exit, suspend and resume wait for the switch
        vm.destructiveProperty().set(false);
        assertThat(vm.unsupported(new ProcessAction.Suspend())).isEqualTo(BulkViewModel.DESTRUCTIVE_OFF);
        assertThat(vm.exit(this::yes)).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(BulkViewModel.DESTRUCTIVE_OFF);
        vm.destructiveProperty().set(true);
        // a refusal per process is counted, not thrown
        assertThat(vm.start(new ProcessAction.Suspend(), this::yes)).isTrue();
        drain();
        assertThat(vm.statusProperty().get()).isEqualTo("0 of 1 processes suspended (1 refused: suspend).");
    }
}
