package beamscope.app.grid;

import beamscope.app.bulk.BulkBar;
import beamscope.app.bulk.BulkViewModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * The Grid tab: the bulk actions' bar, the grid canvas, and a legend that says what a cell stands for.
 * Its stylesheet is {@code css/grid.css}. Build it with {@link #create}.
 */
public final class GridView {
    private GridView() {}

    public static Parent create(GridViewModel vm, BulkViewModel bulk) {
        GridCanvas canvas = new GridCanvas();
        canvas.setViewModel(vm, bulk.selectionProperty());

        Label scale = new Label();
        scale.setId("gridScale");
        scale.setMinWidth(Region.USE_PREF_SIZE);
        scale.textProperty().bind(Bindings.createStringBinding(() -> scale(vm.pictureProperty().get()), vm.pictureProperty()));
        FlowPane legend = new FlowPane(12, 2, scale);
        legend.getStyleClass().add("grid-legend");
        for (beamscope.runtime.ProcessStatus s : beamscope.runtime.ProcessStatus.values()) {
            String name = s.name().toLowerCase(Locale.ROOT);
            legend.getChildren().add(key(name, name));
        }
        Label unknown = key("unknown", "status unknown (not in the recording at this moment)");
        unknown.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> vm.pictureProperty().get() != null && vm.pictureProperty().get().hasUnknown(), vm.pictureProperty()));
        unknown.managedProperty().bind(unknown.visibleProperty());
        legend.getChildren().add(unknown);
        legend.getChildren().add(key("heat", "centre: longest mailbox (log scale, full at "
                + String.format(Locale.ROOT, "%,d", GridPicture.HEAT_FULL) + ")"));

        BorderPane root = new BorderPane(canvas);
        root.setTop(BulkBar.create(bulk, "grid"));
        root.setBottom(legend);
        root.getStyleClass().add("grid-view");
        root.getStylesheets().add(beamscope.app.Views.css("grid"));
        return root;
    }

    /** A swatch and what it means; never cut short. */
    private static Label key(String swatchClass, String text) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("grid-swatch", swatchClass);
        Label l = new Label(text, swatch);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** "1,000,000 processes · a cell is 40 processes, in pid order". */
    static String scale(GridPicture p) {
        if (p == null) return "";
        GridLayout l = p.layout();
        return String.format(Locale.ROOT, "%,d processes · %s, in pid order", l.count(),
                l.perCell() == 1 ? "a cell is a process" : String.format(Locale.ROOT, "a cell is %,d processes", l.perCell()));
    }
}
