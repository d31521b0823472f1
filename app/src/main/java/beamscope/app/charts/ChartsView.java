package beamscope.app.charts;

import beamscope.app.Numbers;
import beamscope.app.Pngs;
import beamscope.app.processes.ProcessCsvExport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Charts tab's controller: one line chart per {@link LoadChart}, two columns, each with its own
 * export menu (PNG of the chart, CSV of its data), and the process table's CSV export with progress and
 * Cancel. Charts redraw once a second, and only while the tab shows; each draws at most
 * {@link ChartsViewModel#MAX_POINTS} points per series.
 */
public class ChartsView {
    @FXML private Label caption;
    @FXML private GridPane grid;
    @FXML private Button exportTable;
    @FXML private ProgressBar exportProgress;
    @FXML private Button cancelExport;
    @FXML private Label exportStatus;

    private ChartsViewModel vm;
    private ProcessCsvExport export;
    private final Map<LoadChart, LineChart<Number, Number>> charts = new EnumMap<>(LoadChart.class);
    private final Map<LoadChart, VBox> cards = new EnumMap<>(LoadChart.class);
    private Label watermark;
    private ObservableBooleanValue showing;

    public void init(ChartsViewModel vm, ProcessCsvExport export, ObservableBooleanValue showing) {
        this.vm = vm;
        this.export = export;
        this.showing = showing;
        caption.setText("Up to the last " + ChartsViewModel.CAPACITY / 60 + " minutes, one sample a second");
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().setAll(half, half);
        int i = 0;
        for (LoadChart c : LoadChart.values()) {
            VBox card = card(c);
            grid.add(card, i % 2, i / 2);
            i++;
        }
        exportProgress.progressProperty().bind(export.progressProperty());
        exportProgress.visibleProperty().bind(export.runningProperty());
        cancelExport.visibleProperty().bind(export.runningProperty());
        exportTable.disableProperty().bind(export.runningProperty());
        exportStatus.textProperty().bind(export.statusProperty());
        vm.versionProperty().addListener((o, a, b) -> {
            if (showing.get()) redraw();
        });
        showing.addListener((o, a, now) -> {
            if (now) redraw();
        });
    }

    private VBox card(LoadChart c) {
        NumberAxis x = new NumberAxis(-ChartsViewModel.CAPACITY, 0, 120);
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(converter(v -> v == 0 ? "now"
                : x.getLowerBound() >= -120 ? Math.round(-v) + " s" : Math.round(-v / 60) + " min"));
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        if (c == LoadChart.MEMORY) y.setTickLabelFormatter(converter(v -> Numbers.bytes((long) v)));
        else if (c == LoadChart.UTILISATION) {
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setUpperBound(100);
            y.setTickUnit(25);
        } else y.setTickLabelFormatter(converter(v -> Numbers.compact((long) v)));
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + c.slug());
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(c.series(1).size() > 1 || c == LoadChart.RUN_QUEUES || c == LoadChart.UTILISATION);
        chart.setMinHeight(200);
        chart.setPrefHeight(240);
        charts.put(c, chart);

        Label title = new Label(c.title());
        title.getStyleClass().add("chart-title");
        Label unit = new Label(c.unit());
        unit.getStyleClass().add("muted");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        MenuButton menu = new MenuButton("Export");
        menu.setId("export-" + c.slug());
        MenuItem png = new MenuItem("Chart as PNG…");
        png.setOnAction(e -> choose(c.slug() + ".png", "PNG image", "*.png").ifPresent(f -> report(() -> exportPng(c, f))));
        MenuItem csv = new MenuItem("Data as CSV…");
        csv.setOnAction(e -> choose(c.slug() + ".csv", "CSV", "*.csv").ifPresent(f -> report(() -> exportCsv(c, f))));
        menu.getItems().addAll(png, csv);
        HBox head = new HBox(8, title, unit, gap);
        if (c == LoadChart.MEMORY) {
            watermark = new Label("memory watermark alarm");
            watermark.setId("chartsWatermark");
            watermark.getStyleClass().add("alarm-badge");
            watermark.setVisible(false);
            watermark.managedProperty().bind(watermark.visibleProperty());
            head.getChildren().add(watermark);
        }
        head.getChildren().add(menu);
        head.getStyleClass().add("chart-head");
        VBox card = new VBox(2, head, chart);
        card.getStyleClass().add("chart-card");
        VBox.setVgrow(chart, Priority.ALWAYS);
        cards.put(c, card);
        return card;
    }

    private static StringConverter<Number> converter(java.util.function.DoubleFunction<String> f) {
        return new StringConverter<>() {
            @Override public String toString(Number n) { return n == null ? "" : f.apply(n.doubleValue()); }
            @Override public Number fromString(String s) { return null; }
        };
    }

    /** Redraws every chart from the view model's samples (bounded: at most MAX_POINTS per series). */
    public void redraw() {
        int schedulers = Math.max(1, vm.schedulers());
        int span = vm.spanSeconds();
        for (LoadChart c : LoadChart.values()) {
            LineChart<Number, Number> chart = charts.get(c);
            NumberAxis x = (NumberAxis) chart.getXAxis();
            x.setLowerBound(-span);
            x.setTickUnit(span / 5.0);
            List<String> names = c.series(schedulers);
            var data = chart.getData();
            while (data.size() > names.size()) data.removeLast();
            while (data.size() < names.size()) data.add(new XYChart.Series<>());
            for (int i = 0; i < names.size(); i++) {
                XYChart.Series<Number, Number> s = data.get(i);
                s.setName(names.get(i));
                List<XYChart.Data<Number, Number>> pts = new ArrayList<>();
                for (double[] p : vm.points(c, i)) pts.add(new XYChart.Data<>(p[0], p[1]));
                s.getData().setAll(pts);
            }
        }
        watermark.setVisible(vm.watermark());
    }

    /** Writes chart {@code c} as it shows now to a PNG file. */
    public void exportPng(LoadChart c, Path file) throws IOException {
        Pngs.write(cards.get(c).snapshot(null, null), file);
    }

    /** Writes chart {@code c}'s data (every sample held) to a CSV file. */
    public void exportCsv(LoadChart c, Path file) throws IOException {
        Files.writeString(file, vm.csv(c), StandardCharsets.UTF_8);
    }

    private interface Io { void run() throws IOException; }

    private void report(Io io) {
        try {
            io.run();
        } catch (IOException e) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    "Could not write the file: " + e.getMessage()).show();
        }
    }

    private java.util.Optional<Path> choose(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(grid.getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    @FXML
    private void exportProcesses() {
        choose("processes.csv", "CSV", "*.csv").ifPresent(export::start);
    }

    @FXML
    private void cancelExport() {
        export.cancel();
    }

    /** The chart drawn for {@code c} (tests). */
    public LineChart<Number, Number> chart(LoadChart c) {
        return charts.get(c);
    }
}
