package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.charts.LoadChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Charts tab in the real window, headless: the charts fill in, and each exports its picture and data. */
class ChartsWindowTest extends WindowTest {
    @TempDir Path dir;

    @Override
    protected void afterClose() {
        assertThat(css.lines()).isEmpty();
    }

    @Test
    void theChartsFillInOnceASecond_andExportTheirPictureAndData() throws Exception {
        clickOn("Charts");
        LineChart<?, ?> processes = lookup("#chart-processes").queryAs(LineChart.class);
        // three samples: the processes chart has a line of at least three points
        waitUntil(() -> onFx(() -> !processes.getData().isEmpty() && processes.getData().getFirst().getData().size() >= 3));
        int demo = app.node().snapshot().processes();
        Number last = onFx(() -> (Number) processes.getData().getFirst().getData().getLast().getYValue());
        assertThat(last.intValue()).isBetween(1, demo + 50);
        // one line per scheduler on the run-queue and utilisation charts
        int schedulers = app.node().snapshot().schedulers().size();
        assertThat(onFx(() -> lookup("#chart-run-queues").queryAs(LineChart.class).getData().size())).isEqualTo(schedulers);
        assertThat(onFx(() -> lookup("#chart-memory").queryAs(LineChart.class).getData().size())).isEqualTo(3);

        Path png = dir.resolve("memory.png"), csv = dir.resolve("memory.csv");
        interact(() -> {
            try {
                app.window().chartsView().exportPng(LoadChart.MEMORY, png);
                app.window().chartsView().exportCsv(LoadChart.MEMORY, csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(100);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("time,JVM heap used (bytes)");
        assertThat(lines.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void exportingAllProcesses_showsProgress_thenHowManyWereWritten() throws Exception {
        clickOn("Charts");
        Path file = dir.resolve("processes.csv");
        var done = onFx(() -> app.window().processExport().start(file));
        long rows = done.get(60, TimeUnit.SECONDS);
        waitUntil(() -> onFx(() -> lookup("#exportStatus").queryAs(javafx.scene.control.Label.class).getText())
                .startsWith("Wrote "));
        assertThat(Files.readAllLines(file)).hasSize((int) rows + 1);
        assertThat(Files.readString(file)).contains("bank");
        assertThat(onFx(() -> lookup("#cancelExport").query().isVisible())).isFalse();
    }
}
