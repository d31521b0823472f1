package beamscope.app.sequence;

import beamscope.runtime.Pid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.FileChooser;

/**
 * The Sequence tab (controller of {@code fxml/Sequence.fxml}): its toolbar (add the selected process,
 * follow newest, clear, export) over a {@link SequenceCanvas}. Embed it with {@link #load}.
 */
public final class SequenceView {
    private final SequenceViewModel vm;
    private final ObservableValue<Pid> selected;
    @FXML private Parent root;
    @FXML private SequenceCanvas canvas;
    @FXML private ToggleButton follow;
    @FXML private Button addSelected, lessonProcesses;
    private ObservableValue<java.util.Set<Pid>> suggested = new javafx.beans.property.SimpleObjectProperty<>(java.util.Set.of());
    @FXML private Label status;

    private SequenceView(SequenceViewModel vm, ObservableValue<Pid> selected) {
        this.vm = vm;
        this.selected = selected;
    }

    /** The tab's content; {@code selected} is the process "Add selected" adds. */
    public static SequenceView load(SequenceViewModel vm, ObservableValue<Pid> selected) {
        SequenceView view = new SequenceView(vm, selected);
        beamscope.app.Views.load("Sequence", view, "sequence");
        return view;
    }

    @FXML
    private void initialize() {
        canvas.setViewModel(vm);
        follow.selectedProperty().bindBidirectional(vm.followProperty());
        status.textProperty().bind(vm.statusProperty());
        suggest(suggested);
        addSelected.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> selected.getValue() == null, selected));
    }

    public Parent root() { return root; }

    /**
     * What "Lesson's processes" draws: the processes the open lesson points at (hidden while it points
     * at none). The lesson chooses; the diagram shows them left to right in pid order.
     */
    public void suggest(ObservableValue<java.util.Set<Pid>> pids) {
        suggested = pids;
        lessonProcesses.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> pids.getValue() != null && !pids.getValue().isEmpty(), pids));
        lessonProcesses.managedProperty().bind(lessonProcesses.visibleProperty());
    }

    @FXML private void showLessonProcesses() {
        java.util.Set<Pid> pids = suggested.getValue();
        if (pids != null && !pids.isEmpty()) vm.show(pids.stream().sorted().toList());
    }

    public SequenceCanvas canvas() { return canvas; }

    @FXML private void addSelected() {
        if (selected.getValue() != null) vm.add(List.of(selected.getValue()));
    }

    @FXML private void clear() { vm.clear(); }

    @FXML private void exportSvg() { choose("SVG image", "*.svg", "sequence.svg").ifPresent(this::writeSvg); }

    @FXML private void exportPng() { choose("PNG image", "*.png", "sequence.png").ifPresent(this::writePng); }

    @FXML private void exportMermaid() { choose("Mermaid diagram", "*.mmd", "sequence.mmd").ifPresent(this::writeMermaid); }

    private java.util.Optional<Path> choose(String what, String pattern, String name) {
        FileChooser c = new FileChooser();
        c.setTitle("Export the sequence diagram");
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        java.io.File f = c.showSaveDialog(root.getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
    }

    /** Every step kept, as SVG, in the colours on screen. */
    public void writeSvg(Path file) {
        write(file, Svg.of(vm.model(), canvas.palette(), canvas.em()));
    }

    /** Every step kept, as Mermaid text. */
    public void writeMermaid(Path file) {
        write(file, Mermaid.of(vm.model()));
    }

    /** What is in view, as a PNG. */
    public void writePng(Path file) {
        javafx.scene.image.WritableImage image = canvas.canvas().snapshot(null, null);
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        javafx.scene.image.PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, r.getArgb(x, y));
        try {
            javax.imageio.ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
