package beamscope.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.console.ConsoleViewModel.Kind;
import beamscope.app.console.ConsoleViewModel.Line;
import beamscope.runtime.Node;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's state without a window: the test thread plays the FX thread (it runs what the console hands
 * to {@code fx}, waiting for it with a deadline).
 */
class ConsoleViewModelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final LinkedBlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    private final Node node = Node.start();
    private final ConsoleViewModel console = new ConsoleViewModel(node, fxQueue::add, Runnable::run);

    @AfterEach
    void close() {
        console.close();
        node.close();
    }

    /** Runs the "FX" tasks until {@code condition} holds; fails after the deadline. */
    private void eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = end - System.nanoTime();
            assertThat(left).as("condition within %s; lines: %s", DEADLINE, tail()).isPositive();
            Runnable r = fxQueue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (r != null) r.run();
        }
    }

    private List<Line> tail() {
        List<Line> l = console.lines();
        return l.subList(Math.max(0, l.size() - 12), l.size());
    }

    private void enter(String text) {
        console.inputProperty().set(text);
        assertThat(console.enter()).as("complete: %s", text).isTrue();
    }

    /** Enters {@code text} and waits until it has been answered. */
    private void run(String text) throws InterruptedException {
        enter(text);
        eventually(() -> !console.busyProperty().get());
    }

    private Line last() {
        return console.lines().get(console.lines().size() - 1);
    }

    @Test
    void input_isComplete_unlessTheParserStopsAtItsEnd() {
        for (String whole : List.of("1 + 2", "defmodule A do\n  def f, do: 1\nend", "1 + )", "end", "IO.puts \"hi\"", "", "x = 1\ny = 2"))
            assertThat(Input.complete(whole)).as(whole).isTrue();
        for (String open : List.of("defmodule A do", "1 +", "\"abc", "fn x ->", "[1, 2", "%{a: 1", "case x do\n  1 -> 2",
                "a |>", "foo(1,", "\"\"\"\nheredoc", "if true do 1 else  \n"))
            assertThat(Input.complete(open)).as(open).isFalse();
    }

    @Test
    void enter_onIncompleteInput_keepsReading_andOnAWholeExpression_printsItsInspect() throws Exception {
        console.inputProperty().set("[1,");
        assertThat(console.enter()).isFalse();
        assertThat(console.inputProperty().get()).isEqualTo("[1,");
        assertThat(console.lines()).isEmpty();
        console.inputProperty().set("[1,\n 2 + 3, :a, \"s\"]");
        assertThat(console.enter()).isTrue();
        assertThat(console.inputProperty().get()).isEmpty();
        assertThat(console.promptProperty().get()).isEqualTo("iex(2)>");
        eventually(() -> !console.busyProperty().get());
        assertThat(console.lines()).containsExactly(
                new Line("iex(1)> [1,", Kind.INPUT), new Line("...(1)>  2 + 3, :a, \"s\"]", Kind.INPUT),
                new Line("[1, 5, :a, \"s\"]", Kind.RESULT));
    }

    @Test
    void ioPuts_printsInOrder_beforeTheResult_andErrorsPrintAsElixirDoes() throws Exception {
        run("IO.puts(\"one\"); IO.puts(\"two\"); :done");
        List<Line> l = console.lines();
        assertThat(l.subList(1, l.size())).containsExactly(
                new Line("one", Kind.OUTPUT), new Line("two", Kind.OUTPUT), new Line(":done", Kind.RESULT));
        run("1 / 0");
        assertThat(last()).isEqualTo(new Line("** (ArithmeticError) bad argument in arithmetic expression: 1 / 0", Kind.ERROR));
    }

    @Test
    void aWholeModuleAndItsUsageLines_runAtOnce_andVariablesStay() throws Exception {
        run("""
                defmodule Greeter do
                  def hello(name), do: "Hello, #{name}!"
                end
                x = Greeter.hello("Ada")
                IO.puts(x)
                """);
        assertThat(console.lines()).contains(new Line("Hello, Ada!", Kind.OUTPUT));
        assertThat(last()).isEqualTo(new Line(":ok", Kind.RESULT));
        run("String.length(x)");
        assertThat(last()).isEqualTo(new Line("11", Kind.RESULT));
    }

    @Test
    void self_isTheShellProcess_andFlushEmptiesItsMailbox() throws Exception {
        run("self()");
        eventually(() -> !console.selfProperty().get().isEmpty());
        assertThat(last().text()).isEqualTo(console.selfProperty().get()).isEqualTo(console.shell().pid().toString());
        run("send(self(), :ping)\nflush()");
        assertThat(console.lines().subList(console.lines().size() - 2, console.lines().size()))
                .containsExactly(new Line(":ping", Kind.OUTPUT), new Line(":ok", Kind.RESULT));
    }

    @Test
    void history_upOnTheFirstLine_downBackToTheDraft() throws Exception {
        run("1");
        run("2");
        assertThat(console.historyDown()).isFalse();
        console.inputProperty().set("draft");
        assertThat(console.historyUp()).isTrue();
        assertThat(console.inputProperty().get()).isEqualTo("2");
        assertThat(console.historyUp()).isTrue();
        assertThat(console.inputProperty().get()).isEqualTo("1");
        assertThat(console.historyUp()).isFalse();
        assertThat(console.historyDown()).isTrue();
        assertThat(console.inputProperty().get()).isEqualTo("2");
        assertThat(console.historyDown()).isTrue();
        assertThat(console.inputProperty().get()).isEqualTo("draft");
    }

    @Test
    void output_isBounded_toTheLastLines_evenWhenALoopPrintsMore() throws Exception {
        int n = ConsoleViewModel.CAP * 3;
        run("Enum.each(1.." + n + ", fn i -> IO.puts(i) end)");
        assertThat(console.lines()).hasSizeLessThanOrEqualTo(ConsoleViewModel.CAP);
        assertThat(last()).isEqualTo(new Line(":ok", Kind.RESULT));
        assertThat(console.lines().get(console.lines().size() - 2)).isEqualTo(new Line(Integer.toString(n), Kind.OUTPUT));
    }

    @Test
    void interrupt_killsTheEndlessLoop_andAFreshShellTakesOver() throws Exception {
        run("1");
        String before = console.selfProperty().get();
        enter("loop = fn f -> f.(f) end; loop.(loop)");
        eventually(() -> console.busyProperty().get());
        console.interrupt();
        eventually(() -> !console.busyProperty().get());
        assertThat(console.lines()).anyMatch(l -> l.kind() == Kind.ERROR
                && l.text().startsWith("** (EXIT from " + before + ") shell process exited with reason:") && l.text().endsWith("killed"));
        assertThat(last().kind()).isEqualTo(Kind.NOTE);
        assertThat(last().text()).startsWith("A fresh shell process");
        assertThat(console.selfProperty().get()).isNotEqualTo(before);
        run("1 + 1");
        assertThat(last()).isEqualTo(new Line("2", Kind.RESULT));
    }

    @Test
    void onARealNode_theConsoleSaysItRunsOnTheEmbeddedNodeOnly() {
        ConsoleViewModel remote = ConsoleViewModel.elsewhere("demo@localhost");
        assertThat(remote.available()).isFalse();
        assertThat(remote.elsewhereText()).contains("embedded node only", "demo@localhost");
        remote.evaluate("1 + 1");
        assertThat(remote.lines()).endsWith(new Line(remote.elsewhereText(), Kind.ERROR));
        assertThat(remote.busyProperty().get()).isFalse();
    }
}
