package beamscope.app.processes;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.sampler.Frame;
import beamscope.app.sampler.ProcessRow;
import beamscope.app.sampler.Query;
import beamscope.app.sampler.SortKey;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class ProcessTableViewModelTest {
    final List<UnaryOperator<Query>> asked = new ArrayList<>();
    final ProcessTableViewModel vm = new ProcessTableViewModel(asked::add);

    static ProcessRow row(long id, long reds) {
        return new ProcessRow(Pid.of(id), null, "Counter.init/1", ProcessStatus.WAITING, Priority.NORMAL, reds, 0,
                0, 100, 0, null, null, 0);
    }

    static Frame frame(ProcessRow... rows) {
        NodeSnapshot snap = new NodeSnapshot(0, List.of(), rows.length, 1 << 20, 0, 0, 0, 0, false, 0, 0, 0);
        return new Frame(1, Query.defaults(), snap, 0, 0, rows.length, List.of(rows), null, List.of(), 0, List.of(), java.util.Map.of(), java.util.Map.of());
    }

    @Test
    void rowsAreUpdatedInPlaceKeyedByPid_andReorderedInOneChange() {
        vm.show(frame(row(1, 10), row(2, 5)));
        ProcessRowModel one = vm.rows().get(0), two = vm.rows().get(1);
        int[] changes = {0};
        vm.rows().addListener((ListChangeListener<ProcessRowModel>) c -> changes[0]++);

        vm.show(frame(row(2, 50), row(1, 11)));

        assertThat(vm.rows()).containsExactly(two, one);
        assertThat(two.row().reductions()).isEqualTo(50);
        assertThat(changes[0]).isEqualTo(1);
    }

    @Test
    void anUnchangedOrderFiresNoListChange() {
        vm.show(frame(row(1, 10), row(2, 5)));
        int[] changes = {0};
        vm.rows().addListener((ListChangeListener<ProcessRowModel>) c -> changes[0]++);
        vm.show(frame(row(1, 12), row(2, 6)));
        assertThat(changes[0]).isZero();
        assertThat(vm.rows().get(0).row().reductions()).isEqualTo(12);
    }

    @Test
    void goneProcessesLeaveAndNewOnesArrive() {
        vm.show(frame(row(1, 10), row(2, 5), row(3, 1)));
        vm.show(frame(row(4, 9)));
        assertThat(vm.rows()).extracting(ProcessRowModel::pid).containsExactly(Pid.of(4));
    }

    @Test
    void sortingAndFilteringAreAskedOfTheSampler() {
        vm.sortBy(SortKey.MESSAGE_QUEUE, true);
        vm.filterProperty().set("bank");
        Query q = Query.defaults();
        for (UnaryOperator<Query> change : asked) q = change.apply(q);
        assertThat(q.sortKey()).isEqualTo(SortKey.MESSAGE_QUEUE);
        assertThat(q.descending()).isTrue();
        assertThat(q.filter()).isEqualTo("bank");
    }
}
