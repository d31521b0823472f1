package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tutorials' code (../shared/seeds, read where present, never copied here), pasted block after block
 * into one console per tutorial, as a reader does in IEx (issue 14 "Done when"). A block that uses a
 * function the tutorial never defines, or prose the extraction took for code, fails as it fails in IEx;
 * what matters is that no block meets an unsupported construct or an evaluator fault, and that the
 * examples print what the tutorials say they print.
 */
class TutorialSeedsTest {

    private static Map<String, String> blocks;

    @BeforeAll
    static void seeds() {
        Assumptions.assumeTrue(SeedBlocks.present(), "the tutorials (../shared/seeds) are not beside this checkout");
        blocks = SeedBlocks.blocks();
    }

    private static Map<String, SeedTranscripts.Entry> run(String seed) {
        return run(seed, null);
    }

    private static Map<String, SeedTranscripts.Entry> run(String seed, String awaited) {
        Map<String, SeedTranscripts.Entry> t = SeedTranscripts.run(seed, blocks, 60, awaited);
        for (var e : t.values()) {
            assertFalse(e.answer().contains("not supported yet"), () -> e.block() + ": " + e.answer());
            assertFalse(e.answer().contains("java.") || e.output().contains("java."), () -> e.block() + ": " + e.answer() + e.output());
        }
        return t;
    }

    private static SeedTranscripts.Entry block(Map<String, SeedTranscripts.Entry> t, String name) {
        SeedTranscripts.Entry e = t.get(name);
        assertTrue(e != null && e.finished(), () -> name + " did not finish: " + t.keySet());
        return e;
    }

    /** Everything the tutorial's processes printed (spawned processes print when they run, maybe after their block). */
    private static String printed(Map<String, SeedTranscripts.Entry> t) {
        StringBuilder sb = new StringBuilder();
        for (var e : t.values()) sb.append(e.output());
        return sb.toString();
    }

    @Test
    void day2CounterGenServerCountsToThree() {
        var t = run("000_");
        assertEquals("3\n", block(t, "000_cbd1b388807484c5-22.exs").output());
    }

    @Test
    void processesTutorialRunsItsSpawnReceiveLinkMonitorTaskAndPoolExamples() {
        var t = run("001_");
        block(t, "001_9fc95902e8e14761-71.exs");
        assertTrue(printed(t).contains("Echo: hello\nEcho: world\nStopping\n"), printed(t));
        assertEquals("\"No message in 1 second\"", block(t, "001_9fc95902e8e14761-88.exs").answer());
        block(t, "001_9fc95902e8e14761-188.exs");
        assertTrue(printed(t).contains("Count: 2"), printed(t));
        assertEquals("\"Done!\"", block(t, "001_9fc95902e8e14761-212.exs").answer());
        assertTrue(block(t, "001_9fc95902e8e14761-425.exs").answer().contains("{:ok, \"Completed: task5\", 2}"));
        block(t, "001_9fc95902e8e14761-503.exs");
        assertTrue(printed(t).contains("Request 5: OK\nRequest 6: RATE LIMITED"), printed(t));
        // as IEx answers it: the tutorial gives await_many a keyword list where it takes a timeout
        assertEquals("** (FunctionClauseError) no function clause matching in Task.await_many/2",
                block(t, "001_9fc95902e8e14761-405.exs").answer());
        assertTrue(printed(t).contains("HTTPoison is not available in Beamscope (no network)"), printed(t));
        // both spawned processes print before the reader's next block, as in IEx
        assertTrue(block(t, "001_9fc95902e8e14761-22.exs").output().contains("Hello from process!"), printed(t));
        assertTrue(block(t, "001_9fc95902e8e14761-22.exs").output().contains("Result: 2"), printed(t));
        // a name that is no variable is a call in Elixir 1.14: IEx's words, with the line and no column
        assertEquals("** (CompileError) iex:5: undefined function initial_state/0 (expected MyServer to define such a"
                + " function or for it to be imported, but none are available)", block(t, "001_9fc95902e8e14761-313.exs").answer());
        assertEquals("** (CompileError) iex:4: undefined function value/0 (there is no such import)",
                block(t, "001_9fc95902e8e14761-344.exs").answer());
    }

    @Test
    void otpGuideBankAccountReportsItsBalance() {
        var t = run("002_");
        assertEquals("150", block(t, "002_5c39cf6678b7f493-68.exs").answer());
    }

    @Test
    void schedulerGuideAgentMillionProcessesAndPriorityTestRun() {
        var t = run("003_", "High Priority task finished in");
        block(t, "003_18180f00101cf673-48.exs");
        assertTrue(printed(t).contains("Agent priority changed to: high"), printed(t));
        // block 71's linked process raises: the shell process is replaced before the reader's next block
        assertTrue(block(t, "003_18180f00101cf673-71.exs").output().contains(
                "shell process exited with reason: an exception was raised:\n    ** (RuntimeError) BOOM!"), printed(t));
        assertEquals("The count is: 12\n", block(t, "003_18180f00101cf673-138.exs").output());
        // the counter the shell started still holds the name: the supervisor cannot start its child, and the
        // failed start_link takes the shell process (and the counter linked to it) down, as IEx shows it
        assertTrue(block(t, "003_18180f00101cf673-187.exs").answer().matches("(?s)\\*\\* \\(EXIT from #PID<[0-9.]+>\\) shell process"
                + " exited with reason: shutdown: failed to start child: GlobalCounter\n    \\*\\* \\(EXIT\\) already started: #PID<[0-9.]+>"),
                block(t, "003_18180f00101cf673-187.exs").answer());
        assertEquals("** (ArgumentError) errors were found at the given arguments:\n\n  * 1st argument: not a pid\n",
                block(t, "003_18180f00101cf673-194.exs").answer());
        block(t, "003_18180f00101cf673-253.exs");
        assertTrue(printed(t).contains("High Priority task finished in"), printed(t));
    }

    @Test
    void basicsTutorialRunsSpawnAndMonitorExamples() {
        var t = run("004_");
        block(t, "004_494b579ec9d50099-15.exs");
        assertTrue(printed(t).contains("Hello from process #PID<0."), printed(t));
        block(t, "004_494b579ec9d50099-31.exs");
        assertTrue(printed(t).contains("Hello from spawn/3"), printed(t));
        assertEquals("\"Got: world\"", block(t, "004_494b579ec9d50099-41.exs").answer());
        assertEquals("Hello from a new process!\n", block(t, "004_494b579ec9d50099-19.exs").output());
        assertEquals("false", block(t, "004_494b579ec9d50099-21.exs").answer());
        assertEquals("** (UndefinedFunctionError) function Counter.start/1 is undefined (module Counter is not available)",
                block(t, "004_494b579ec9d50099-49.exs").answer());
        assertTrue(block(t, "004_494b579ec9d50099-82.exs").answer().startsWith(
                "** (SyntaxError) iex:1:20: syntax error before: 'Identification'"));
        assertEquals("Process exited with reason: :normal\n", block(t, "004_494b579ec9d50099-99.exs").output());
    }
}
