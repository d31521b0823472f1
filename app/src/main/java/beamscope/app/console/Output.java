package beamscope.app.console;

import beamscope.app.console.ConsoleViewModel.Kind;
import beamscope.app.console.ConsoleViewModel.Line;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console shows, on its way from the runtime to the FX thread: lines the shell and the processes
 * it spawned print ({@link #stream()}: {@code IO.puts} from any scheduler thread), results, errors and notes,
 * in the order they happen. Holds at most {@code cap} lines: when the FX thread falls behind (a loop printing
 * a million lines), the oldest are dropped here and counted, so the producer never waits and memory stays
 * bounded.
 */
final class Output extends OutputStream {
    /** Longer lines are cut: one huge line must not stall a cell. */
    static final int LINE_CHARS = 2_000;

    private final int cap;
    private final Runnable wake;
    private final ArrayDeque<Line> pending = new ArrayDeque<>();   // guarded by this
    private long dropped;                                           // guarded by this
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();   // guarded by this

    /** @param wake called (on the producer's thread) after lines were added */
    Output(int cap, Runnable wake) {
        this.cap = cap;
        this.wake = wake;
    }

    /** Lines and what was dropped since the last {@link #take()}. */
    record Batch(List<Line> lines, long dropped) {}

    /** Adds {@code text}, one line per line of it, then wakes the consumer. */
    void add(String text, Kind kind) {
        synchronized (this) {
            flushPartial();
            for (String s : text.split("\n", -1)) push(new Line(cut(s), kind));
        }
        wake.run();
    }

    synchronized Batch take() {
        Batch b = new Batch(new ArrayList<>(pending), dropped);
        pending.clear();
        dropped = 0;
        return b;
    }

    @Override
    public void write(int b) {
        boolean line;
        synchronized (this) {
            line = append(b);
        }
        if (line) wake.run();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        boolean line = false;
        synchronized (this) {
            for (int i = off; i < off + len; i++) line |= append(b[i]);
        }
        if (line) wake.run();
    }

    /** Appends a byte; on a newline (or a line too long to keep whole) pushes the line. Guarded by this. */
    private boolean append(int b) {
        if (b == '\n') {
            push(new Line(cut(decode()), Kind.OUTPUT));
            return true;
        }
        if (b != '\r') partial.write(b);
        if (partial.size() >= LINE_CHARS * 4) {
            push(new Line(cut(decode()), Kind.OUTPUT));
            return true;
        }
        return false;
    }

    /** Output printed without a newline shows before what follows it (a result, an error). Guarded by this. */
    private void flushPartial() {
        if (partial.size() > 0) push(new Line(cut(decode()), Kind.OUTPUT));
    }

    private String decode() {
        String s = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return s;
    }

    private void push(Line l) {
        pending.add(l);
        if (pending.size() > cap) {
            pending.removeFirst();
            dropped++;
        }
    }

    static String cut(String s) {
        return s.length() <= LINE_CHARS ? s
                : s.substring(0, LINE_CHARS) + " … (" + (s.length() - LINE_CHARS) + " more characters)";
    }
}
