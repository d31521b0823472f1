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
 * fresh scratch node it finishes within a deadline without an error. The lessons panel offers "Run this code"
 * only for code that does; for other code it says why. Each distinct piece of code is tried once per JVM.
 */
public final class Trial {
    public static final Duration DEADLINE = Duration.ofSeconds(15);

    /** The outcome: {@code runs}, or why not (the error report, or that it did not finish in time). */
    public record Verdict(boolean runs, String why) {}

    private static final Map<String, CompletableFuture<Verdict>> TRIED = new ConcurrentHashMap<>();

    private Trial() {}

    /** The verdict on {@code code}, tried on a thread of its own the first time it is asked for. */
    public static CompletableFuture<Verdict> of(String code) {
        return TRIED.computeIfAbsent(code, c -> CompletableFuture.supplyAsync(() -> run(c, DEADLINE),
                r -> Thread.ofPlatform().daemon().name("beamscope-trial").start(r)));
    }

    /** Tries {@code code} now (blocks up to {@code deadline}). */
    public static Verdict run(String code, Duration deadline) {
        if (code == null || code.isBlank()) return new Verdict(false, "This lesson has no Elixir code.");
        try (Node scratch = Node.start()) {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Shell shell = new Shell(Elixir.on(scratch), quiet);
            try {
                Shell.Result r = shell.eval(code).get(deadline.toMillis(), TimeUnit.MILLISECONDS);
                return r.error() ? new Verdict(false, "On Beamscope this code stops with: " + firstLine(r.text()))
                        : new Verdict(true, "Runs on Beamscope's Elixir (tried on a fresh node).");
            } catch (TimeoutException e) {
                return new Verdict(false, "This code does not finish within " + deadline.toSeconds()
                        + " s on a fresh node (it waits or loops), so it is not offered to the console.");
            } finally {
                shell.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "The trial was interrupted.");
        } catch (Exception e) {
            return new Verdict(false, "On Beamscope this code fails: " + e);
        }
    }

    /** The report's first lines: enough to say what went wrong in a tooltip. */
    private static String firstLine(String text) {
        String[] lines = text.strip().split("\n");
        String head = String.join("\n", java.util.Arrays.asList(lines).subList(0, Math.min(4, lines.length)));
        return head.length() > 400 ? head.substring(0, 400) + " …" : lines.length > 4 ? head + "\n…" : head;
    }
}
