package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The console: one long-lived shell process, variables kept between chunks, results as IEx prints them. */
class ShellTest {

    private static Shell.Result eval(Shell shell, String src) throws Exception {
        return shell.eval(src).get(60, TimeUnit.SECONDS);
    }

    @Test
    void keepsVariablesAndSelfBetweenChunksAndPrintsResultsWithInspect() throws Exception {
        try (Node node = Node.start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Shell shell = new Shell(Elixir.on(node), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertEquals(new Shell.Result("[1, 2]", false), eval(shell, "x = [1, 2]"));
            assertEquals(new Shell.Result("[0, 1, 2]", false), eval(shell, "[0 | x]"));
            // a long result wraps at 80 columns as IEx prints it
            assertEquals(new Shell.Result("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,\n"
                    + " 23, 24, 25, 26, 27, 28, 29, 30]", false), eval(shell, "Enum.to_list(1..30)"));
            String me = eval(shell, "self()").text();
            assertEquals(me, eval(shell, "inspect(self())").text().replace("\"", ""));
            assertEquals(shell.pid(), beamscope.runtime.Pid.parse(me));
        }
    }

    @Test
    void flushPrintsAndEmptiesTheShellsMailbox() throws Exception {
        try (Node node = Node.start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Shell shell = new Shell(Elixir.on(node), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            eval(shell, "send(self(), :hello)\nsend(self(), {:n, 1})");
            assertEquals(new Shell.Result(":ok", false), eval(shell, "flush()"));
            assertEquals(":hello\n{:n, 1}\n", bytes.toString(StandardCharsets.UTF_8));
            assertTrue(node.processInfo(shell.pid()).orElseThrow().messages().isEmpty());
        }
    }

    @Test
    void anErrorIsReportedAndTheNextChunkStillRuns() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = new Shell(Elixir.on(node), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            // as IEx 1.14 prints it: the report names the failed call
            assertEquals(new Shell.Result("** (ArithmeticError) bad argument in arithmetic expression: 1 / 0", true), eval(shell, "1 / 0"));
            assertEquals(new Shell.Result("2", false), eval(shell, "1 + 1"));
        }
    }

    @Test
    void aLinkedCrashReplacesTheShellProcessAsIexDoes() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = new Shell(Elixir.on(node), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            eval(shell, "y = 5");
            var before = shell.pid();
            Shell.Result r = eval(shell, "spawn_link(fn -> exit(:boom) end)\nreceive do\n  :never -> :ok\nend");
            assertTrue(r.error() && r.text().contains("shell process exited with reason: :boom"), r.text());
            assertNotEquals(before, shell.pid());
            assertEquals(new Shell.Result("6", false), eval(shell, "y + 1"));
        }
    }

    @Test
    void aModuleAndItsUsageInOneChunk() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = new Shell(Elixir.on(node), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(new Shell.Result("9", false), eval(shell, "defmodule Sq do\n  def sq(x), do: x * x\nend\nSq.sq(3)"));
        }
    }
}
