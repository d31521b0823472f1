package beamscope.elixir;

import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Each tutorial's code blocks pasted one after another into one console ({@link Shell}), as a reader does in
 * IEx: what each block printed and what the console answered.
 */
final class SeedTranscripts {
    private SeedTranscripts() {}

    /** A block's transcript: its output, then the console's answer ("=> value" or the error report). */
    record Entry(String block, String output, String answer, boolean error, boolean finished) {}

    /** Lines the block extraction keeps that are section titles, not code ("Task.async/1 and Task.await/1"). */
    private static final Pattern TITLE = Pattern.compile("^[A-Z]\\w*(\\.\\w+)*\\.[a-z_]\\w*[?!]?/\\d+( and .*)?$");

    static String withoutTitles(String block) {
        StringBuilder sb = new StringBuilder();
        for (String line : block.split("\n", -1)) if (!TITLE.matcher(line.strip()).matches()) sb.append(line).append('\n');
        return sb.toString();
    }

    /** Output that a test can wait on: {@link #awaitContaining} waits (on this monitor) until the text appears. */
    static final class Output extends ByteArrayOutputStream {
        private final StringBuilder all = new StringBuilder();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            all.append(new String(b, off, len, StandardCharsets.UTF_8));
            notifyAll();
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** True once everything printed so far contains {@code text}; false at the deadline. */
        synchronized boolean awaitContaining(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (all.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** How long a reader's pause between two blocks waits at most for the node to settle. */
    static final long QUIET_DEADLINE_SECONDS = 5;

    /**
     * A reader's pause before the next block: what the block started runs until the node is quiet (no
     * scheduler running a process, none queued, seen in a row), so what its processes print and a linked crash
     * that replaces the shell process belong to this block, as in IEx where a person types the next block
     * later. Returns false at the deadline (a process that never waits, such as an endless loop, keeps a
     * scheduler busy), and the next block goes on then.
     */
    static boolean awaitQuiet(Node node, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int quietInARow = 0;
        while (quietInARow < 50) {
            if (System.nanoTime() > deadline) return false;
            var snapshot = node.snapshot();
            boolean quiet = snapshot.runQueueLength() == 0 && snapshot.schedulers().stream().allMatch(s -> s.running() == null)
                    && snapshot.dirtySchedulers().stream().allMatch(s -> s.running() == null);
            quietInARow = quiet ? quietInARow + 1 : 0;
            Thread.onSpinWait();
            Thread.yield();
        }
        return true;
    }

    /** Runs every block of one tutorial; a block still running after {@code seconds} is left and noted. */
    static Map<String, Entry> run(String seed, Map<String, String> blocks, long seconds) {
        return run(seed, blocks, seconds, null);
    }

    /**
     * As {@link #run(String, Map, long)}, then waits (up to {@code seconds}) until the tutorial's processes have
     * printed {@code awaited}, which a process spawned by the last block may print after its block returned.
     */
    static Map<String, Entry> run(String seed, Map<String, String> blocks, long seconds, String awaited) {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (Node node = Node.start()) {
            Output bytes = new Output();
            PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Shell shell = new Shell(Elixir.on(node), ps);
            for (var e : blocks.entrySet()) {
                if (!e.getKey().startsWith(seed)) continue;
                var future = shell.eval(withoutTitles(e.getValue()));
                Shell.Result r;
                boolean finished = true;
                try {
                    r = future.get(seconds, TimeUnit.SECONDS);
                } catch (TimeoutException t) {
                    r = new Shell.Result("(still running)", false);
                    finished = false;
                } catch (InterruptedException | ExecutionException x) {
                    throw new IllegalStateException(x);
                }
                if (finished) awaitQuiet(node, QUIET_DEADLINE_SECONDS);
                String printed;
                synchronized (bytes) {
                    printed = bytes.toString(StandardCharsets.UTF_8);
                    bytes.reset();
                }
                out.put(e.getKey(), new Entry(e.getKey(), printed, r.text(), r.error(), finished));
                if (!finished) break; // the shell is busy with it: later blocks would queue behind it
            }
            if (awaited != null && !out.isEmpty()) {
                try {
                    bytes.awaitContaining(awaited, seconds);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                String last = out.keySet().stream().reduce((a, b) -> b).orElseThrow();
                Entry e = out.get(last);
                String more;
                synchronized (bytes) {
                    more = bytes.toString(StandardCharsets.UTF_8);
                }
                out.put(last, new Entry(e.block(), e.output() + more, e.answer(), e.error(), e.finished()));
            }
        }
        return out;
    }
}
