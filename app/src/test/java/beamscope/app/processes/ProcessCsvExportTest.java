package beamscope.app.processes;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.LocalNode;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting every process to CSV: one row each, off the caller's thread, and Cancel leaves no file. */
class ProcessCsvExportTest {
    private Node node;
    private LocalNode observed;
    @TempDir Path dir;

    @BeforeEach
    void start() {
        node = Node.start();
        observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE);
    }

    @AfterEach
    void stop() {
        observed.close();
        node.close();
    }

    @Test
    void writesAHeaderAndOneRowPerProcess() throws Exception {
        for (int i = 0; i < 10_000; i++) node.spawn(Behaviors.receive((ctx, m) -> Behaviors.same()));
        node.register("named, with a comma", node.spawn(Behaviors.receive((ctx, m) -> Behaviors.same())));
        ProcessCsvExport export = new ProcessCsvExport(observed, r -> new Thread(r).start(), Runnable::run);
        Path file = dir.resolve("processes.csv");
        long rows = export.start(file).get(60, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo(String.join(",", ProcessCsvExport.COLUMNS));
        assertThat(rows).isEqualTo(lines.size() - 1).isGreaterThanOrEqualTo(10_001);
        assertThat(lines).anyMatch(l -> l.contains(",\"named, with a comma\","));
        assertThat(export.statusProperty().get()).startsWith("Wrote " + String.format("%,d", rows) + " processes");
        assertThat(export.runningProperty().get()).isFalse();
    }

    @Test
    void cancelStopsTheWalk_andLeavesNoFile() throws Exception {
        for (int i = 0; i < 1_000; i++) node.spawn(Behaviors.receive((ctx, m) -> Behaviors.same()));
        AtomicReference<Runnable> work = new AtomicReference<>();
        ProcessCsvExport export = new ProcessCsvExport(observed, work::set, Runnable::run);
        Path file = dir.resolve("cancelled.csv");
        var done = export.start(file);
        assertThat(export.runningProperty().get()).isTrue();
        export.cancel();
        work.get().run();
        assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(file).doesNotExist();
        assertThat(export.statusProperty().get()).isEqualTo("Export cancelled: no file written.");
    }

    @Test
    void aFileThatCannotBeWrittenSaysSo() throws Exception {
        ProcessCsvExport export = new ProcessCsvExport(observed, Runnable::run, Runnable::run);
        Path file = dir.resolve("no-such-folder").resolve("p.csv");
        var done = export.start(file);
        assertThat(done).isCompletedExceptionally();
        assertThat(export.statusProperty().get()).startsWith("Could not write " + file);
    }
}
