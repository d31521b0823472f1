package beamscope.app.processes;

import beamscope.app.Numbers;
import beamscope.app.sampler.ProcessRow;
import beamscope.app.sampler.SortKey;
import beamscope.runtime.Pid;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** The process table's controller: binds columns and the filter box to {@link ProcessTableViewModel}. */
public class ProcessTableView {
    private static final PseudoClass FLOODED = PseudoClass.getPseudoClass("flooded");
    /** A queue this long is drawn as flooded. */
    static final int FLOOD = 100;

    @FXML private TextField filter;
    @FXML private Label summary;
    @FXML private TableView<ProcessRowModel> table;
    @FXML private TableColumn<ProcessRowModel, String> pidColumn, nameColumn, initialCallColumn, statusColumn,
            priorityColumn, reductionsColumn, rateColumn, queueColumn, memoryColumn, schedulerColumn,
            parentColumn, restartsColumn;

    private ProcessTableViewModel model;
    private boolean syncing;

    public void init(ProcessTableViewModel vm, ObjectProperty<Pid> selected, ContextMenu rowMenu,
                     javafx.beans.value.ObservableValue<Boolean> presenter) {
        this.model = vm;
        // Presenter mode keeps the columns a room can read: pid, name, initial call, status, reds/s, queue.
        for (TableColumn<ProcessRowModel, String> c : java.util.List.of(priorityColumn, reductionsColumn,
                memoryColumn, schedulerColumn, parentColumn, restartsColumn)) {
            presenter.addListener((o, a, on) -> c.setVisible(!on));
        }
        beamscope.app.TypeScale.columns(summary, table.getColumns());
        column(pidColumn, SortKey.PID, r -> r.pid().toString());
        column(nameColumn, SortKey.NAME, r -> r.name() == null ? "" : r.name());
        column(initialCallColumn, SortKey.INITIAL_CALL, r -> r.initialCall() == null ? "" : r.initialCall());
        column(statusColumn, SortKey.STATUS, r -> beamscope.app.Numbers.status(r.status()));
        column(priorityColumn, SortKey.PRIORITY, r -> r.priority() == null ? "—" : r.priority().name().toLowerCase(Locale.ROOT));
        column(reductionsColumn, SortKey.REDUCTIONS, r -> Numbers.compactCount(r.reductions()));
        column(rateColumn, SortKey.REDUCTIONS_PER_SECOND, r -> Numbers.compact(r.reductionsPerSecond()));
        column(queueColumn, SortKey.MESSAGE_QUEUE, r -> String.format(Locale.ROOT, "%,d", r.messageQueueLen()));
        column(memoryColumn, SortKey.MEMORY, r -> Numbers.bytes(r.memory()));
        column(schedulerColumn, SortKey.SCHEDULER, r -> r.scheduler() < 0 ? "—" : Integer.toString(r.scheduler() + 1));
        column(parentColumn, SortKey.PARENT, r -> r.parent() == null ? "" : r.parentName() != null ? r.parentName() : r.parent().toString());
        column(restartsColumn, SortKey.RESTARTS, r -> r.restarts() == 0 ? "" : r.restarts() < 0 ? "—" : Integer.toString(r.restarts()));
        statusColumn.setCellFactory(c -> new StatusCell());
        queueColumn.setCellFactory(c -> new QueueCell());

        table.setItems(vm.rows());
        // The sampler sorts (off the FX thread); a header click only tells it the key.
        table.setSortPolicy(t -> true);
        table.getSortOrder().addListener((javafx.collections.ListChangeListener<TableColumn<ProcessRowModel, ?>>) c -> sortChanged());
        reductionsColumn.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(java.util.List.of(reductionsColumn));
        table.setRowFactory(t -> {
            TableRow<ProcessRowModel> row = new TableRow<>() {
                @Override
                protected void updateItem(ProcessRowModel item, boolean empty) {
                    super.updateItem(item, empty);
                    setContextMenu(empty ? null : rowMenu);
                }
            };
            return row;
        });

        filter.textProperty().bindBidirectional(vm.filterProperty());
        summary.textProperty().bind(vm.summaryProperty());

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) selected.set(b.pid());
        });
        selected.addListener((o, a, pid) -> reselect(pid));
        vm.rows().addListener((javafx.collections.ListChangeListener<ProcessRowModel>) c -> rowsMoved(selected.get()));
    }

    private beamscope.app.bulk.BulkViewModel bulk;

    /**
     * Shift/Ctrl+click (and Shift+arrows) pick many rows; the bulk actions' bar above the table acts on
     * them. The selection is taken from the user's clicks and keys only, so rows moving between walks
     * never change what an action applies to; the rows are highlighted again after they move.
     */
    public void selectMany(beamscope.app.bulk.BulkViewModel bulk) {
        this.bulk = bulk;
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        ((javafx.scene.layout.VBox) table.getParent()).getChildren().add(1, beamscope.app.bulk.BulkBar.create(bulk, "table"));
        Runnable picked = () -> {
            var items = table.getSelectionModel().getSelectedItems();
            if (items.size() > 1) bulk.select(new beamscope.app.bulk.Selection.Pids(items.stream().map(ProcessRowModel::pid).toList()));
            else if (items.size() == 1) bulk.select(beamscope.app.bulk.Selection.of(items.get(0).pid()));
        };
        // a click on a row (not the header or the scroll bar), or a key that moves the selection
        table.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (onRow(e.getTarget())) picked.run();
        });
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode().isNavigationKey() || e.getCode() == javafx.scene.input.KeyCode.SPACE) picked.run();
        });
    }

    private static boolean onRow(Object target) {
        for (javafx.scene.Node n = target instanceof javafx.scene.Node node ? node : null; n != null; n = n.getParent())
            if (n instanceof TableRow<?> row) return !row.isEmpty();
        return false;
    }

    /** After the rows moved: the picked rows highlighted again, or the selected one. */
    private void rowsMoved(Pid selected) {
        if (bulk != null && bulk.selection() instanceof beamscope.app.bulk.Selection.Pids picked && picked.count() > 1)
            reselectMany(picked.list());
        else reselect(selected);
    }

    /** Keeps the table's selection on the selected pid while rows move around. */
    private void reselect(Pid pid) {
        ProcessRowModel current = table.getSelectionModel().getSelectedItem();
        if (current != null && current.pid().equals(pid)) return;
        syncing = true;
        try {
            int i = -1;
            for (int k = 0; k < model.rows().size(); k++) if (model.rows().get(k).pid().equals(pid)) { i = k; break; }
            if (i < 0) table.getSelectionModel().clearSelection();
            else table.getSelectionModel().clearAndSelect(i);
        } finally {
            syncing = false;
        }
    }

    private void reselectMany(java.util.List<Pid> pids) {
        java.util.Set<Pid> wanted = new java.util.HashSet<>(pids);
        java.util.List<Integer> at = new java.util.ArrayList<>();
        for (int k = 0; k < model.rows().size(); k++) if (wanted.contains(model.rows().get(k).pid())) at.add(k);
        if (at.equals(table.getSelectionModel().getSelectedIndices())) return;
        syncing = true;
        try {
            table.getSelectionModel().clearSelection();
            for (int i : at) table.getSelectionModel().select(i);
        } finally {
            syncing = false;
        }
    }

    private void sortChanged() {
        if (table.getSortOrder().isEmpty()) return;
        TableColumn<ProcessRowModel, ?> c = table.getSortOrder().get(0);
        model.sortBy((SortKey) c.getUserData(), c.getSortType() == TableColumn.SortType.DESCENDING);
    }

    private void column(TableColumn<ProcessRowModel, String> c, SortKey key, Function<ProcessRow, String> text) {
        c.setUserData(key);
        c.setCellValueFactory(cd -> cd.getValue().rowProperty().map(text));
        c.sortTypeProperty().addListener((o, a, b) -> sortChanged());
    }

    public TableView<ProcessRowModel> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    /** Shows the status with a style class per status (colours come from tokens). */
    private static final class StatusCell extends TableCell<ProcessRowModel, String> {
        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeIf(c -> c.startsWith("status-"));
            setText(empty ? null : s);
            if (!empty && s != null) getStyleClass().add("status-" + s);
        }
    }

    /** The queue length, marked {@code :queued} when messages wait and {@code :flooded} from 100 on. */
    private static final class QueueCell extends TableCell<ProcessRowModel, String> {
        private static final PseudoClass QUEUED = PseudoClass.getPseudoClass("queued");

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty ? null : s);
            ProcessRowModel m = empty || getTableRow() == null ? null : getTableRow().getItem();
            int q = m == null ? 0 : m.row().messageQueueLen();
            pseudoClassStateChanged(QUEUED, q > 0);
            pseudoClassStateChanged(FLOODED, q >= FLOOD);
        }
    }
}
