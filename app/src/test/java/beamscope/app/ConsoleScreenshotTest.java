package beamscope.app;

import beamscope.app.console.ConsoleViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/console.png (1280×800): the Console tab after a module, its call, output, an error, and the
 * priority test (low-priority endless loops, then a high-priority task that still finishes at once). Run with
 * {@code mvn -pl app -am verify -Dgroups=screenshots -Dbeamscope.excludedGroups= -Dtest=ConsoleScreenshotTest}.
 */
@Tag("screenshots")
class ConsoleScreenshotTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));

    @Test
    void theConsole() throws Exception {
        MainWindow w = app.window();
        interact(() -> {
            Stage s = (Stage) w.scene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(1280);
            s.setHeight(800);
        });
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Console")).<javafx.scene.Node>query());
        ConsoleViewModel c = w.console();
        run(c, """
                defmodule Counter do
                  def loop(n) do
                    receive do
                      {:add, k} -> loop(n + k)
                      {:get, from} -> send(from, {:count, n}); loop(n)
                    end
                  end
                end""");
        run(c, "counter = spawn(Counter, :loop, [0])");
        run(c, "send(counter, {:add, 5}); send(counter, {:get, self()})");
        run(c, "flush()");
        run(c, "for i <- 1..3, do: IO.puts(\"line #{i}\")");
        run(c, "Enum.sum([1, 2, :three])");
        run(c, """
                for _ <- 1..4, do: spawn(fn -> Process.flag(:priority, :low); spin = fn f -> f.(f) end; spin.(spin) end)
                spawn(fn ->
                  Process.flag(:priority, :high)
                  t = System.monotonic_time(:millisecond)
                  IO.puts("high priority task done in #{System.monotonic_time(:millisecond) - t} ms, beside 4 endless loops")
                end)""");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> c.lines().stream().anyMatch(l -> l.text().startsWith("high priority"))));
        interact(() -> c.inputProperty().set("Process.list() |> length()"));
        WaitForAsyncUtils.waitForFxEvents();
        save(w, DOCS.resolve("console.png"));
        interact(() -> w.state().themeProperty().set(beamscope.app.theme.Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        save(w, Path.of("target/shots/console-dark.png"));
        interact(() -> w.state().themeProperty().set(beamscope.app.theme.Theme.LIGHT));

        // for looking at, not for the docs: a lesson's Elixir tab with its "Run this code"
        beamscope.app.lessons.Lesson lesson = beamscope.app.lessons.Lessons.find("task-async-await").orElseThrow();
        LessonMenus.open(this, app, lesson.id());   // on a window of its own, on a fresh node
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Elixir")).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() ->
                !lookup("#lessonRunCodeNote").queryAs(javafx.scene.control.Label.class).getText().startsWith("Checking")));
        WaitForAsyncUtils.waitForFxEvents();
        save(app.window(), Path.of("target/shots/lesson-run-code.png"));
    }

    private void run(ConsoleViewModel c, String code) throws Exception {
        interact(() -> c.evaluate(code));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !c.busyProperty().get()));
    }
}
