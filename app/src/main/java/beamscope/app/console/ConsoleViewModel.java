package beamscope.app.console;

import beamscope.app.Handoff;
import beamscope.elixir.Elixir;
import beamscope.elixir.Shell;
import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Elixir console's state, like IEx: the input being typed, the prompt {@code iex(N)>}, the history, and
 * the output (echoed input, what {@code IO.puts} printed, results as {@code inspect} prints them, errors as
 * {@code ** (Error) …}), bounded to the last {@link #CAP} lines. One {@link Shell} on the embedded node runs
 * the input: its process is {@code self()}, so it shows in the tree and table like any process.
 *
 * <p>Everything here runs on the FX thread except what the runtime hands over: results and output go
 * through {@link Output} (bounded, never blocking the runtime) and one coalescing {@link Handoff}, so a loop
 * printing a million lines costs the FX thread at most {@link #CAP} lines per pulse. {@link #interrupt()}
 * kills the shell process; the shell starts a fresh one and the console says so.
 *
 * <p>The shell is started on first use ({@link #start()}), off the FX thread (compiling the prelude takes a
 * moment); input given before it is ready waits, in order.
 */
public final class ConsoleViewModel implements AutoCloseable {
    public static final int CAP = 10_000;

    /** What a line of output is; each has its own style (the error colour is a CSS token). */
    public enum Kind { INPUT, OUTPUT, RESULT, ERROR, NOTE }

    public record Line(String text, Kind kind) {}

    private final Node node;
    private final Executor fx, background;
    private final String elsewhere;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final StringProperty input = new SimpleStringProperty(this, "input", "");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper(this, "prompt", "iex(1)>");
    private final ReadOnlyStringWrapper self = new ReadOnlyStringWrapper(this, "self", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final Handoff<Boolean> wake;
    private final Output output;
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> history = new ArrayList<>();
    private final List<String> waiting = new ArrayList<>();   // input given before the shell was ready
    private String draft = "";
    private int historyAt;
    private int counter = 1;
    private int submitted;
    private boolean starting;
    private volatile boolean closed;
    private volatile Shell shell;

    /**
     * A console on the embedded node.
     *
     * @param fx         runs on the FX thread ({@code Platform::runLater})
     * @param background starts the shell (compiles the prelude) off the FX thread
     */
    public ConsoleViewModel(Node node, Executor fx, Executor background) {
        this.node = node;
        this.fx = fx;
        this.background = background;
        this.elsewhere = null;
        this.wake = new Handoff<>(fx, ignored -> drain());
        this.output = new Output(CAP, () -> wake.publish(Boolean.TRUE));
    }

    /** The console on a node that is not the embedded one: it says it runs on the embedded node only. */
    public static ConsoleViewModel elsewhere(String nodeName) {
        return new ConsoleViewModel(nodeName);
    }

    private ConsoleViewModel(String nodeName) {
        this.node = null;
        this.fx = Runnable::run;
        this.background = Runnable::run;
        this.elsewhere = "The Elixir console runs on the embedded node only: " + nodeName
                + " is a real node (use its own IEx, or Node ▸ the embedded node to use this console).";
        this.wake = new Handoff<>(fx, ignored -> {});
        this.output = new Output(CAP, () -> {});
    }

    /** Whether this console can run code (the embedded node); when not, {@link #elsewhereText()} says why. */
    public boolean available() {
        return node != null;
    }

    public String elsewhereText() {
        return elsewhere;
    }

    /** Starts the shell (once; off the FX thread). Evaluating input starts it too. */
    public void start() {
        if (node == null || starting || closed) return;
        starting = true;
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        background.execute(() -> {
            Shell s;
            try {
                s = new Shell(Elixir.on(node), out);
            } catch (RuntimeException e) {
                output.add("** (RuntimeError) the shell could not start: " + e.getMessage(), Kind.ERROR);
                return;
            }
            fx.execute(() -> ready(s));
        });
    }

    private void ready(Shell s) {
        if (closed) {
            s.close();
            return;
        }
        shell = s;
        self.set(s.pid().toString());
        List<String> chunks = List.copyOf(waiting);
        waiting.clear();
        for (String c : chunks) send(c);
    }

    /**
     * Enter: evaluates the input if it is a whole expression (echoing it with its prompt, keeping it in the
     * history) and returns true; returns false when it needs more lines (the view inserts a newline).
     */
    public boolean enter() {
        String text = input.get();
        if (!Input.complete(text)) return false;
        input.set("");
        evaluate(text);
        return true;
    }

    /** Evaluates {@code source} as if typed and entered (the lessons' "Run this code"). */
    public void evaluate(String source) {
        String text = source.stripTrailing();
        if (text.isBlank()) {
            lines.add(new Line(prompt.get(), Kind.INPUT));
            trim();
            return;
        }
        echo(text);
        if (history.isEmpty() || !history.get(history.size() - 1).equals(text)) history.add(text);
        historyAt = history.size();
        draft = "";
        counter++;
        prompt.set("iex(" + counter + ")>");
        if (node == null) {
            lines.add(new Line(elsewhere, Kind.ERROR));
            trim();
            return;
        }
        submitted++;
        busy.set(true);
        if (shell == null) {
            waiting.add(text);
            start();
        } else {
            send(text);
        }
    }

    private void echo(String text) {
        String[] parts = text.split("\n", -1);
        String cont = "...(" + counter + ")>";
        for (int i = 0; i < parts.length; i++)
            lines.add(new Line((i == 0 ? prompt.get() : cont) + " " + Output.cut(parts[i]), Kind.INPUT));
        trim();
    }

    private void send(String text) {
        Shell s = shell;
        Pid before = s.pid();
        s.eval(text).whenComplete((r, e) -> {
            if (e != null) output.add("** (RuntimeError) " + e.getMessage(), Kind.ERROR);
            else output.add(r.text(), r.error() ? Kind.ERROR : Kind.RESULT);
            Pid after = s.pid();
            if (!after.equals(before))
                output.add("A fresh shell process " + after + " takes the place of " + before
                        + " (self() is now " + after + "; variables kept).", Kind.NOTE);
            answered.incrementAndGet();
            wake.publish(Boolean.TRUE);
        });
    }

    /**
     * Stop (Ctrl+C): kills the shell process while it evaluates (an endless loop, a receive that waits
     * forever); the shell starts a fresh process, and the output says so. Does nothing when idle.
     */
    public void interrupt() {
        Shell s = shell;
        if (s == null || !busy.get()) return;
        Pid pid = s.pid();
        output.add("Stop: killing the shell process " + pid + " (Process.exit(" + pid + ", :kill)).", Kind.NOTE);
        node.exit(pid, Atom.KILL);
    }

    /** Up on the first line: the previous entry of the history. Returns whether the input changed. */
    public boolean historyUp() {
        if (historyAt == 0) return false;
        if (historyAt == history.size()) draft = input.get();
        historyAt--;
        input.set(history.get(historyAt));
        return true;
    }

    /** Down on the last line: the next entry, or back to what was being typed. Returns whether the input changed. */
    public boolean historyDown() {
        if (historyAt >= history.size()) return false;
        historyAt++;
        input.set(historyAt == history.size() ? draft : history.get(historyAt));
        return true;
    }

    /** Empties the output (the shell, its variables and the history stay). */
    public void clear() {
        lines.clear();
    }

    /** Takes what the runtime handed over (FX thread). */
    private void drain() {
        // read before taking: an answer counted here had its result in the output already
        int done = answered.get();
        Output.Batch b = output.take();
        if (b.dropped() > 0)
            lines.add(new Line("… " + b.dropped() + " lines of output not shown (the console keeps the last " + CAP + ")", Kind.NOTE));
        lines.addAll(b.lines());
        trim();
        Shell s = shell;
        if (s != null) self.set(s.pid().toString());
        busy.set(submitted > done);
    }

    private void trim() {
        if (lines.size() > CAP) lines.remove(0, lines.size() - CAP);
    }

    public ObservableList<Line> lines() { return lines; }
    public StringProperty inputProperty() { return input; }
    public ReadOnlyStringProperty promptProperty() { return prompt.getReadOnlyProperty(); }
    /** The shell process's pid ({@code self()}), once it has started. */
    public ReadOnlyStringProperty selfProperty() { return self.getReadOnlyProperty(); }
    /** Whether input is being evaluated (or waits to be). */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** The shell (null until started). */
    public Shell shell() { return shell; }

    /** Ends the shell process (the window closes, or the node is reset). */
    @Override
    public void close() {
        closed = true;
        Shell s = shell;
        if (s != null) s.close();
    }
}
