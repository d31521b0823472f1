package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.console.ConsoleViewModel;
import beamscope.app.console.ConsoleViewModel.Kind;
import beamscope.app.console.ConsoleViewModel.Line;
import beamscope.app.processes.ProcessRowModel;
import beamscope.runtime.Pid;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;

/** The Console tab in the real window, typed into as a learner does. */
class ConsoleWindowTest extends ConsoleTabTest {

    /** Types one line of input, then Enter. */
    void typeLine(String text) {
        write(text);
        type(KeyCode.ENTER);
    }

    String input() {
        return lookup("#consoleInput").queryAs(TextArea.class).getText();
    }

    @Test
    void aModuleTypedLineByLine_keepsReadingUntilItsEnd_thenACallPrintsTheResult() throws Exception {
        typeLine("defmodule Doubler do");
        typeLine("def double(x), do: x * 2");
        assertThat(input()).isEqualTo("defmodule Doubler do\ndef double(x), do: x * 2\n");   // Enter added lines
        typeLine("end");
        waitUntil(() -> input().isEmpty() && !console().busyProperty().get());
        typeLine("Doubler.double(21)");
        waitUntil(() -> new Line("42", Kind.RESULT).equals(last()));
        assertThat(lines()).contains(new Line("iex(1)> defmodule Doubler do", Kind.INPUT),
                new Line("...(1)> end", Kind.INPUT), new Line("iex(2)> Doubler.double(21)", Kind.INPUT));
        // Up brings the call back, Shift+Enter adds a line even to a whole expression
        type(KeyCode.UP);
        assertThat(input()).isEqualTo("Doubler.double(21)");
        press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        assertThat(input()).isEqualTo("Doubler.double(21)\n");
    }

    @Test
    void aSpawnedProcess_showsInTheProcessTable_andSoDoesTheShell() throws Exception {
        typeLine("pid = spawn(fn -> receive do m -> m end end)");
        waitUntil(() -> last() != null && last().kind() == Kind.RESULT && last().text().startsWith("#PID<"));
        Pid spawned = Pid.parse(last().text());
        Pid shell = Pid.parse(console().selfProperty().get());
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Processes")).<Node>query());
        waitUntil(() -> onFx(() -> {
            List<Pid> shown = app.window().model().processes().rows().stream().map(ProcessRowModel::pid).toList();
            return shown.contains(spawned) && shown.contains(shell);
        }));
        assertThat(app.node().isAlive(spawned)).isTrue();
    }

    @Test
    void stop_killsTheEndlessLoop_andAFreshShellRunsTheNextInput() throws Exception {
        String before = console().selfProperty().get();
        typeLine("loop = fn f -> f.(f) end; loop.(loop)");
        waitUntil(() -> console().busyProperty().get());
        clickOn("#consoleStop");
        waitUntil(() -> !console().busyProperty().get());
        assertThat(lines()).anyMatch(l -> l.kind() == Kind.ERROR && l.text().startsWith("** (EXIT from " + before + ")"));
        assertThat(last().text()).startsWith("A fresh shell process");
        assertThat(console().selfProperty().get()).isNotEqualTo(before);
        clickOn("#consoleInput");
        typeLine("self()");
        waitUntil(() -> new Line(console().selfProperty().get(), Kind.RESULT).equals(last()));
    }

    @Test
    void aLessonsRunThisCode_bringsTheConsoleToTheFront_andRunsItsElixirThere() throws Exception {
        beamscope.app.lessons.Lesson lesson = beamscope.app.lessons.Lessons.find("spawn-basics").orElseThrow();
        LessonMenus.open(this, app, lesson.id());
        waitUntil(() -> lookup("#lessonRunCode").tryQuery().isPresent());
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Elixir")).<Node>query());
        waitUntil(() -> !lookup("#lessonRunCode").query().isDisabled());   // the trial on a scratch node says it runs
        clickOn("#lessonRunCode");
        javafx.scene.control.TabPane tabs = lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Console");
        String firstLine = lesson.elixir().strip().lines().findFirst().orElseThrow();
        waitUntil(() -> lines().stream().anyMatch(l -> l.kind() == Kind.INPUT && l.text().endsWith(firstLine)));
        waitUntil(() -> !console().busyProperty().get());
        assertThat(lines()).noneMatch(l -> l.kind() == Kind.ERROR);
    }

    @Test
    void aMillionPrintedLines_leaveTheWindowResponsive_andTheOutputHoldsTheLastOnes() throws Exception {
        typeLine("Enum.each(1..1_000_000, fn i -> IO.puts(i) end)");
        waitUntil(() -> console().busyProperty().get());
        // while the loop prints, the FX thread still runs what it is given, and Ctrl+C is there to stop it
        waitUntil(() -> onFx(() -> console().lines().size() > 100));
        assertThat(onFx(() -> console().lines().size())).isLessThanOrEqualTo(ConsoleViewModel.CAP);
        waitUntil(() -> new Line(":ok", Kind.RESULT).equals(last()));
        List<Line> l = lines();
        assertThat(l).hasSizeLessThanOrEqualTo(ConsoleViewModel.CAP);
        assertThat(l.get(l.size() - 2)).isEqualTo(new Line("1000000", Kind.OUTPUT));
    }

    @Test
    void ctrlC_interruptsAReceiveThatWaitsForever() throws Exception {
        String before = console().selfProperty().get();
        typeLine("receive do :never -> :sent end");
        waitUntil(() -> console().busyProperty().get());
        press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL);
        waitUntil(() -> !console().busyProperty().get() && !console().selfProperty().get().equals(before));
        assertThat(app.node().isAlive(Pid.parse(before))).isFalse();
    }

    @Test
    void resetNode_givesTheConsoleAFreshShellOnTheNewNode() throws Exception {
        Pid old = Pid.parse(console().selfProperty().get());
        beamscope.runtime.Node oldNode = app.node();
        MainWindow fresh = onFx(() -> app.resetNode(app.startDemo)).get(60, TimeUnit.SECONDS);
        assertThat(oldNode.isAlive(old)).isFalse();
        waitUntil(() -> lookup(".tab-label").match(LabeledMatchers.hasText("Console")).tryQuery().isPresent());
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Console")).<Node>query());
        waitUntil(() -> !fresh.console().selfProperty().get().isEmpty());
        Pid shell = Pid.parse(fresh.console().selfProperty().get());
        assertThat(app.node()).isNotSameAs(oldNode);
        assertThat(app.node().isAlive(shell)).isTrue();
        clickOn("#consoleInput");
        typeLine("self()");
        waitUntil(() -> onFx(() -> fresh.console().lines().contains(new Line(shell.toString(), Kind.RESULT))));
    }

    @Test
    void aModulePastedWithItsUsageLines_runsAtOnceOnEnter() throws Exception {
        String code = """
                defmodule Shout do
                  def it(s), do: String.upcase(s) <> "!"
                end
                IO.puts(Shout.it("hello"))
                Shout.it("bye")""";
        interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(code);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        assertThat(input()).isEqualTo(code);
        type(KeyCode.ENTER);
        waitUntil(() -> new Line("\"BYE!\"", Kind.RESULT).equals(last()));
        assertThat(lines()).contains(new Line("HELLO!", Kind.OUTPUT));
    }
}
