package beamscope.elixir;

import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs Elixir source on a node for tests, parsed by {@link ElixirParser}. */
final class Scripts {
    private Scripts() {}

    record Run(int status, String out, String err) {}

    static Object quote(String source) {
        return ElixirParser.parse(source, "test.exs");
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
