package beamscope.app.processes;

import beamscope.app.sampler.ProcessRow;
import beamscope.runtime.Pid;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One table row, keyed by pid and updated in place from each frame, so cells keep their bindings and
 * only changed values repaint.
 */
public final class ProcessRowModel {
    private final Pid pid;
    private final ReadOnlyObjectWrapper<ProcessRow> row;

    ProcessRowModel(ProcessRow r) {
        this.pid = r.pid();
        this.row = new ReadOnlyObjectWrapper<>(this, "row", r);
    }

    public Pid pid() {
        return pid;
    }

    public ProcessRow row() {
        return row.get();
    }

    /** The latest values; cells map it to their column. */
    public ReadOnlyObjectProperty<ProcessRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void update(ProcessRow r) {
        if (!r.equals(row.get())) row.set(r);
    }
}
