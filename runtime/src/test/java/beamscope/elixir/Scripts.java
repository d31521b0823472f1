package beamscope.elixir;

import beamscope.runtime.Node;
import beamscope.runtime.Terms;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Elixir source on a node for tests. The source is parsed by {@code beamscope.elixir.ElixirParser}
 * when it is in the build; until then by the real {@code elixir} (Code.string_to_quoted!), and the test is
 * skipped where neither is there.
 */
final class Scripts {
    private Scripts() {}

    record Run(int status, String out, String err) {}

    static Object quote(String source) {
        try {
            return Parsing.parse(source, "test.exs");
        } catch (UnsupportedOperationException noParser) {
            return quoteWithElixir(source);
        }
    }

    static Object quoteWithElixir(String source) {
        try {
            Path dir = Files.createTempDirectory("exs");
            Path src = dir.resolve("t.exs");
            Files.writeString(src, source);
            Process p;
            try {
                p = new ProcessBuilder("elixir", "-e",
                        "IO.inspect(Code.string_to_quoted!(File.read!(\"" + src + "\"), columns: true), limit: :infinity, printable_limit: :infinity, charlists: :as_lists, width: 200)")
                        .redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                Assumptions.abort("neither beamscope.elixir.ElixirParser nor elixir is available");
                return null;
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (p.exitValue() != 0) throw new IllegalArgumentException(text);
            return Terms.parse(text);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Run run(Node node, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Elixir.on(node).runQuoted(quote(source), "test.exs", o, e);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String source) {
        try (Node node = Node.start()) {
            return run(node, source);
        }
    }
}
