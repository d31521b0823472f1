package beamscope.app.processes;

import beamscope.app.Handoff;
import beamscope.app.charts.Csv;
import beamscope.app.observe.Observed;
import beamscope.runtime.ProcessSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Writes every process of the node to a CSV file, one row each, in one walk on {@code background} (never the
 * FX thread): a million processes take a few seconds, with progress and Cancel. A cancelled export leaves no
 * file behind. Progress reaches the FX thread through one pending hand-off, so it costs the same at any size.
 */
public final class ProcessCsvExport {
    public static final List<String> COLUMNS = List.of("pid", "name", "initial call", "status", "priority",
            "reductions", "message queue", "memory (bytes)", "scheduler", "parent");
    private static final int PROGRESS_EVERY = 4_096;

    private final Observed node;
    private final Executor background, fx;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final Handoff<Double> progressHandoff;
    private volatile boolean cancelled;

    public ProcessCsvExport(Observed node, Executor background, Executor fx) {
        this.node = node;
        this.background = background;
        this.progressHandoff = new Handoff<>(fx, progress::set);
        this.fx = fx;
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() { super(null, null, false, false); }
    }

    /**
     * Starts writing {@code file} (FX thread). The future completes on the FX thread with the number of rows
     * written, or -1 when the export was cancelled; it fails when the file can't be written.
     */
    public CompletableFuture<Long> start(Path file) {
        if (running.get()) return CompletableFuture.failedFuture(new IllegalStateException("an export is under way"));
        cancelled = false;
        running.set(true);
        progress.set(0);
        status.set("Exporting processes to " + file.getFileName() + "…");
        CompletableFuture<Long> done = new CompletableFuture<>();
        background.execute(() -> {
            long total = Math.max(1, node.snapshot().processes());
            long[] rows = {0};
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(String.join(",", COLUMNS));
                out.write('\n');
                node.forEachProcess(p -> {
                    if (cancelled) throw new Cancelled();
                    try {
                        out.write(row(p));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (++rows[0] % PROGRESS_EVERY == 0) progressHandoff.publish(Math.min(1.0, rows[0] / (double) total));
                });
                out.flush();
                if (cancelled) throw new Cancelled();
                finish(done, rows[0], "Wrote " + String.format("%,d", rows[0]) + " processes to " + file, null);
            } catch (Cancelled c) {
                deleteQuietly(file);
                finish(done, -1, "Export cancelled: no file written.", null);
            } catch (IOException | UncheckedIOException e) {
                deleteQuietly(file);
                finish(done, -1, "Could not write " + file + ": " + e.getMessage(), e);
            }
        });
        return done;
    }

    private void finish(CompletableFuture<Long> done, long rows, String message, Exception failure) {
        fx.execute(() -> {
            running.set(false);
            progress.set(rows >= 0 ? 1 : 0);
            status.set(message);
            if (failure != null) done.completeExceptionally(failure);
            else done.complete(rows);
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the message already says the export failed
        }
    }

    /** Stops the export under way at its next process. */
    public void cancel() {
        cancelled = true;
    }

    /** One process as a CSV line (with its line break). */
    public static String row(ProcessSummary p) {
        return Csv.field(p.pid().toString()) + ',' + Csv.field(p.registeredName()) + ',' + Csv.field(p.initialCall())
                + ',' + (p.status() == null ? "" : p.status().name().toLowerCase(java.util.Locale.ROOT)) + ','
                + (p.priority() == null ? "" : p.priority().name().toLowerCase(java.util.Locale.ROOT)) + ',' + p.reductions() + ','
                + p.messageQueueLen() + ',' + p.memory() + ',' + (p.scheduler() + 1) + ','
                + (p.parent() == null ? "" : Csv.field(p.parent().toString())) + '\n';
    }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
}
