package beamscope.app.processes;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The table's rows in display order. {@link #reorder} turns a whole new order into one change event
 * that names only the positions that changed, instead of a clear() and addAll().
 */
final class RowList extends ObservableListBase<ProcessRowModel> {
    private List<ProcessRowModel> items = new ArrayList<>();

    @Override
    public ProcessRowModel get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    void reorder(List<ProcessRowModel> next) {
        List<ProcessRowModel> old = items;
        if (old.equals(next)) return;
        items = new ArrayList<>(next);
        beginChange();
        try {
            int common = Math.min(old.size(), next.size());
            for (int i = 0; i < common; i++) if (old.get(i) != next.get(i)) nextSet(i, old.get(i));
            if (next.size() > old.size()) nextAdd(common, next.size());
            else if (old.size() > next.size()) nextRemove(common, new ArrayList<>(old.subList(common, old.size())));
        } finally {
            endChange();
        }
    }
}
