package beamscope.app.processes;

import beamscope.app.sampler.Frame;
import beamscope.app.sampler.ProcessRow;
import beamscope.app.sampler.Query;
import beamscope.app.sampler.SortKey;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ObservableList;

/**
 * The process table's state: the rows of the latest frame (a window the sampler sorted and filtered),
 * the filter text, and the sort asked of the sampler.
 */
public final class ProcessTableViewModel {
    private final RowList rows = new RowList();
    private final Map<beamscope.runtime.Pid, ProcessRowModel> byPid = new HashMap<>();
    private List<ProcessRow> shownRows;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final java.util.function.Consumer<UnaryOperator<Query>> query;

    /** @param query changes what the sampler computes next (sort, filter) */
    public ProcessTableViewModel(java.util.function.Consumer<UnaryOperator<Query>> query) {
        this.query = query;
        filter.addListener((o, a, text) -> query.accept(q -> q.withFilter(text)));
    }

    public ObservableList<ProcessRowModel> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** "2,000 of 1,000,000 processes shown" and the like. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public void sortBy(SortKey key, boolean descending) {
        query.accept(q -> q.withSort(key, descending));
    }

    /** Takes a frame's rows: existing row models are updated in place, keyed by pid. */
    public void show(Frame f) {
        if (f.rows() != shownRows) showRows(f.rows());
        NumberFormat n = NumberFormat.getIntegerInstance(java.util.Locale.ROOT);
        int total = f.node().processes();
        String s = f.query().filter().isEmpty()
                ? n.format(total) + " processes"
                : n.format(f.matching()) + " of " + n.format(total) + " processes match";
        if (f.rows().size() < f.matching()) s += " · top " + n.format(f.rows().size()) + " shown";
        summary.set(s);
    }

    /** Between walks frames carry the same rows (the same list): only a new list is applied. */
    private void showRows(List<ProcessRow> rowsNow) {
        shownRows = rowsNow;
        List<ProcessRowModel> next = new ArrayList<>(rowsNow.size());
        Map<beamscope.runtime.Pid, ProcessRowModel> keep = new HashMap<>(rowsNow.size() * 2);
        for (ProcessRow r : rowsNow) {
            ProcessRowModel m = byPid.get(r.pid());
            if (m == null) m = new ProcessRowModel(r);
            else m.update(r);
            keep.put(r.pid(), m);
            next.add(m);
        }
        byPid.clear();
        byPid.putAll(keep);
        rows.reorder(next);
    }
}
