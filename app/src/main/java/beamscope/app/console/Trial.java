package beamscope.app.console;

import beamscope.elixir.Elixir;
import beamscope.elixir.Shell;
import beamscope.runtime.Node;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a piece of Elixir (a lesson's code) runs on Beamscope: it parses, and evaluated in a console on a
 * fresh scratch node it finishes within a deadline without an error, or it is still running healthy at the
 * deadline (a server's loop or a wait for messages: the shell process is alive and nothing went wrong), which
 * is not a failure either. The lessons panel offers "Run this code" for code that runs; for other code it
 * says why. Each distinct piece of code is tried once per JVM.
 */
public final class Trial {
    public static final Duration DEADLINE = Duration.ofSeconds(15);

    /** How a trial ended. */
    public enum Outcome {
        /** It finished without an error. */
        RUNS,
        /** At the deadline it was still running, alive and without an error: it loops or waits, as a server does. */
        KEEPS_RUNNING,
        /** It stopped with an error (or could not be tried). */
        FAILS
    }

    /** The outcome and what to tell the reader: that it runs (and how), or why not (the error report). */
    public record Verdict(Outcome outcome, String why) {
        /** Whether the code runs on Beamscope: it finishes, or keeps running healthy. */
        public boolean runs() {
            return outcome != Outcome.FAILS;
        }

        static Verdict fails(String why) {
            return new Verdict(Outcome.FAILS, why);
        }
    }

    private static final Map<String, CompletableFuture<Verdict>> TRIED = new ConcurrentHashMap<>();

    private Trial() {}

    /** The verdict on {@code code}, tried on a thread of its own the first time it is asked for. */
    public static CompletableFuture<Verdict> of(String code) {
        return TRIED.computeIfAbsent(code, c -> CompletableFuture.supplyAsync(() -> run(c, DEADLINE),
                r -> Thread.ofPlatform().daemon().name("beamscope-trial").start(r)));
    }

    /** Tries {@code code} now (blocks up to {@code deadline}). */
    public static Verdict run(String code, Duration deadline) {
        if (code == null || code.isBlank()) return Verdict.fails("This lesson has no Elixir code.");
        try (Node scratch = Node.start()) {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Shell shell = new Shell(Elixir.on(scratch), quiet);
            try {
                Shell.Result r = shell.eval(code).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                return r.error() ? Verdict.fails("On Beamscope this code stops with: " + firstLine(r.text()))
                        : new Verdict(Outcome.RUNS, "Runs on Beamscope's Elixir (tried on a fresh node).");
            } catch (TimeoutException e) {
                // Still evaluating: an error would have ended the evaluation, and a linked crash would have
                // replaced the shell process. Alive and unfinished is a loop or a wait, as a server's.
                if (scratch.isAlive(shell.pid())) {
                    return new Verdict(Outcome.KEEPS_RUNNING, "Runs on Beamscope's Elixir and keeps running after "
                            + deadline.toSeconds() + " s (it loops or waits for messages, as a server does); the console"
                            + " stays busy with it until it ends.");
                }
                return Verdict.fails("This code did not finish within " + deadline.toSeconds()
                        + " s on a fresh node, and its shell process is gone.");
            } finally {
                shell.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fails("The trial was interrupted.");
        } catch (Exception e) {
            return Verdict.fails("On Beamscope this code fails: " + e);
        }
    }

    /** The report's first lines: enough to say what went wrong in a tooltip. */
    private static String firstLine(String text) {
        String[] lines = text.strip().split("\n");
        String head = String.join("\n", java.util.Arrays.asList(lines).subList(0, Math.min(4, lines.length)));
        return head.length() > 400 ? head.substring(0, 400) + " …" : lines.length > 4 ? head + "\n…" : head;
    }
}
