package beamscope.app;

import beamscope.app.grid.GridCanvas;
import beamscope.app.grid.GridLayout;
import beamscope.app.grid.GridPicture;
import beamscope.app.grid.GridViewModel;
import beamscope.app.observe.LocalNode;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The grid at 1,000,000 processes (issue 12 §3): a suspended block, some long mailboxes, the rest idle.
 * {@link #paintCost()} REPORTS (never asserts) the FX thread's time per grid draw, the painter's time per
 * picture (off the FX thread) and the gaps between pulses while the grid tab is open; run it with
 * {@code -Dgroups=bench -Dbeamscope.excludedGroups=}. {@link #screenshot()} writes docs/grid.png
 * ({@code -Dgroups=screenshots -Dbeamscope.excludedGroups=}).
 */
class GridAtAMillionTest {
    static final int PROCESSES = 1_000_000;
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    /** A million processes: ids in blocks, one block in twenty suspended, a few hundred with long queues. */
    static void populate(Node node) {
        Behavior idle = Behaviors.receive((c, m) -> Behaviors.same());
        int n = 0;
        while (node.snapshot().processes() < PROCESSES) {
            Pid p = node.spawn(idle);
            if ((n / 20_000) % 20 == 7) node.suspend(p);
            if (n % 3_000 == 1_500) {
                node.suspend(p);
                for (int m = 0; m < (n % 9_000 == 1_500 ? 5_000 : 50); m++) node.send(p, (long) m);
            }
            n++;
        }
    }

    MainWindow open(LocalNode observed) throws Exception {
        FxToolkit.registerPrimaryStage();
        MainWindow[] window = new MainWindow[1];
        FxToolkit.setupStage(stage -> {
            window[0] = new MainWindow(observed, 1280, 800);
            stage.setScene(window[0].scene());
            stage.show();
        });
        MainWindow w = window[0];
        FxToolkit.setupFixture(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) w.scene().lookup("#tabs");
            tabs.getTabs().stream().filter(t -> t.getText().equals("Grid")).findFirst().ifPresent(tabs.getSelectionModel()::select);
        });
        GridViewModel grid = w.grid();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> grid.pictureProperty().get() != null
                && grid.pictureProperty().get().strip().size() >= PROCESSES
                && ((GridCanvas) w.scene().lookup("#gridCanvas")).drawn());
        return w;
    }

    void close(MainWindow w) throws Exception {
        FxToolkit.setupStage(Stage::hide);
        FxToolkit.cleanupStages();
        w.close();
    }

    @Test
    @Tag("bench")
    void paintCost() throws Exception {
        try (Node node = Node.start(); LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE)) {
            populate(node);
            MainWindow w = open(observed);
            GridViewModel grid = w.grid();
            GridCanvas canvas = (GridCanvas) w.scene().lookup("#gridCanvas");
            WindowCostTest.Gaps gaps = new WindowCostTest.Gaps();
            FxToolkit.setupFixture(gaps::start);
            long gc0 = WindowCostTest.gcMillis();
            // ten fresh pictures (one per walk), with a selection drag in between to redraw the overlay
            for (int i = 0; i < 10; i++) {
                GridPicture before = grid.pictureProperty().get();
                int cell = i * 997;
                FxToolkit.setupFixture(() -> grid.selectCells(cell, cell + 2_000));
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> grid.pictureProperty().get() != before && canvas.drawn());
            }
            long[] draws = WaitForAsyncUtils.asyncFx(canvas::drawTimes).get(15, TimeUnit.SECONDS);
            double[] pulses = WaitForAsyncUtils.asyncFx(gaps::all).get(15, TimeUnit.SECONDS);
            long gc = WindowCostTest.gcMillis() - gc0;
            double first = draws.length == 0 ? 0 : draws[0] / 1e6;     // the first: the image is made, the code cold
            draws = Arrays.copyOfRange(draws, Math.min(1, draws.length), draws.length);
            GridPicture p = grid.pictureProperty().get();
            long[] paint = new long[5];
            for (int i = 0; i < paint.length; i++) {
                long t0 = System.nanoTime();
                GridPicture.paint(p.strip(), GridLayout.of(p.strip().size(), p.layout().width(), p.layout().height()), palette());
                paint[i] = System.nanoTime() - t0;
            }
            // what the strip adds to a sampler walk: visiting every process with and without collecting it
            long[] bare = new long[5], collecting = new long[5];
            for (int i = 0; i < bare.length; i++) {
                long[] sum = {0};
                long t0 = System.nanoTime();
                observed.forEachProcess(s -> sum[0] += s.messageQueueLen());
                bare[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                beamscope.app.grid.ProcessStrip.Builder b = new beamscope.app.grid.ProcessStrip.Builder(PROCESSES);
                observed.forEachProcess(s -> b.add(s.pid(), s.status(), s.messageQueueLen()));
                b.build(java.util.Map.of());
                collecting[i] = System.nanoTime() - t0;
            }
            Arrays.sort(bare);
            Arrays.sort(collecting);
            Arrays.sort(draws);
            Arrays.sort(paint);
            String report = String.format(Locale.ROOT, """
                    Process grid at %,d processes (%d×%d cells of %d px, %,d processes a cell)
                    FX thread per grid draw: median %.2f ms, p99 %.2f ms, max %.2f ms (%d draws after the first, which took %.1f ms)
                    painter per picture, off the FX thread: median %.1f ms, max %.1f ms
                    a walk over every process: median %.0f ms bare, %.0f ms collecting the strip (sampler thread)
                    gaps between pulses meanwhile (every pulse, whatever stalled it): longest %.1f ms, p99 %.1f ms (%d pulses); GC %d ms
                    machine: %d cores, Java %s
                    """, p.strip().size(), p.layout().columns(), p.layout().rows(), p.layout().cell(), p.layout().perCell(),
                    ms(draws, 0.5), ms(draws, 0.99), ms(draws, 1.0), draws.length, first, ms(paint, 0.5), ms(paint, 1.0), ms(bare, 0.5), ms(collecting, 0.5),
                    pulses[0], pulses[1], (long) pulses[2], gc, Runtime.getRuntime().availableProcessors(), Runtime.version());
            System.out.println(report);
            Files.writeString(Path.of("target", "grid-cost.txt"), report);
            close(w);
        }
    }

    static double ms(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    static beamscope.app.grid.GridPalette palette() {
        return new beamscope.app.grid.GridPalette(new int[] {1, 2, 3, 4, 5}, 6, 7);
    }

    @Test
    @Tag("screenshots")
    void screenshot() throws Exception {
        try (Node node = Node.start(); LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE)) {
            populate(node);
            MainWindow w = open(observed);
            GridViewModel grid = w.grid();
            FxToolkit.setupFixture(() -> grid.selectCells(3_000, 3_400));
            GridPicture shown = grid.pictureProperty().get();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> grid.pictureProperty().get() != shown
                    && ((GridCanvas) w.scene().lookup("#gridCanvas")).drawn());
            Files.createDirectories(DOCS);
            WaitForAsyncUtils.asyncFx(() -> beamscope.app.tree.Png.write(w.scene(), DOCS.resolve("grid.png"))).get(30, TimeUnit.SECONDS);
            // the dark theme, to look at (not in docs/): the picture is painted again in the dark tokens
            GridPicture light = grid.pictureProperty().get();
            FxToolkit.setupFixture(() -> w.state().themeProperty().set(beamscope.app.theme.Theme.DARK));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> grid.pictureProperty().get() != light
                    && ((GridCanvas) w.scene().lookup("#gridCanvas")).drawn());
            WaitForAsyncUtils.asyncFx(() -> beamscope.app.tree.Png.write(w.scene(), Path.of("target", "grid-dark.png"))).get(30, TimeUnit.SECONDS);
            close(w);
        }
    }
}
