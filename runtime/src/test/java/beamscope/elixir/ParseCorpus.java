package beamscope.elixir;

import beamscope.runtime.Terms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our own snippets (src/test/resources/elixir/parse/NAME.exs) with their golden quoted forms (NAME.quoted, as
 * real Elixir prints them), and the comparison of our parser's output with Elixir's.
 */
final class ParseCorpus {
    private ParseCorpus() {}

    static final Path SNIPPETS = RealElixir.RESOURCES.resolve("parse");

    static Map<String, String> snippets() {
        Map<String, String> sources = new LinkedHashMap<>();
        try (var files = Files.list(SNIPPETS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".exs")).sorted().toList()) {
                sources.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sources;
    }

    static Path golden(String snippet) {
        return SNIPPETS.resolve(snippet.replace(".exs", ".quoted"));
    }

    /**
     * Null when our parser gives what Elixir gave ("ok TERM": the same term, metadata included; "error ...": an
     * {@link ElixirSyntaxError}); else what differs.
     */
    static String difference(String name, String source, String elixir) {
        Object ours;
        try {
            ours = ElixirParser.parse(source, name);
        } catch (ElixirSyntaxError e) {
            if (elixir.startsWith("error ")) return null;
            return "we refuse it: " + e.getMessage() + "\n   elixir: " + cut(elixir, 0);
        } catch (RuntimeException | StackOverflowError e) {
            return "we threw " + e;
        }
        if (elixir.startsWith("error ")) return "elixir refuses it (" + elixir + ") but we parse it";
        Object expected = Terms.parse(elixir.substring(3));
        if (expected.equals(ours)) return null;
        String want = Terms.inspect(expected);
        String got = Terms.inspect(ours);
        int at = 0;
        while (at < want.length() && at < got.length() && want.charAt(at) == got.charAt(at)) at++;
        return "differs at character " + at + "\n   elixir: " + cut(want, at) + "\n   ours:   " + cut(got, at);
    }

    private static String cut(String s, int at) {
        int from = Math.max(0, at - 150);
        return (from > 0 ? "..." : "") + s.substring(from, Math.min(s.length(), at + 150));
    }
}
