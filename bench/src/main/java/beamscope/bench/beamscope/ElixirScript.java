package beamscope.bench.beamscope;

import beamscope.elixir.Elixir;
import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 14's Elixir rows on Beamscope: runs one of {@code bench/elixir/*.exs} on Beamscope's Elixir
 * interpreter, in this JVM, as {@code elixir SCRIPT.exs key=value...} runs it on the BEAM. The script does
 * its own warm-up rounds and timing ({@code :timer.tc} inside the script, so both sides time the same code)
 * and prints the bench's result lines; they say {@code "system":"beam"}, which this runner turns into
 * {@code "system":"beamscope"}.
 *
 * <p>Usage: {@code ElixirScript <script.exs> [key=value]...}; the exit status is the script's.
 */
public final class ElixirScript {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ElixirScript <script.exs> [key=value]...");
            System.exit(2);
        }
        Path script = Path.of(args[0]);
        String source = Files.readString(script);
        PrintStream out = new PrintStream(new SystemRenaming(System.out), true, StandardCharsets.UTF_8);
        int status;
        try (Node node = BeamscopeBench.freshNode()) {
            Elixir elixir = Elixir.on(node);
            elixir.argv(Arrays.asList(args).subList(1, args.length));
            status = elixir.runScript(source, script.getFileName().toString(), out, System.err);
        }
        out.flush();
        System.exit(status);
    }

    /** Passes lines on, with a result line's {@code "system":"beam"} made {@code "system":"beamscope"}. */
    private static final class SystemRenaming extends OutputStream {
        private final PrintStream to;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        SystemRenaming(PrintStream to) {
            this.to = to;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') flushLine();
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) flushLine();
            to.flush();
        }

        private void flushLine() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (s.startsWith("{\"system\":\"beam\",")) s = "{\"system\":\"beamscope\"," + s.substring(17);
            to.print(s);
        }
    }
}
