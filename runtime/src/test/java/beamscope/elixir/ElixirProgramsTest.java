package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential tests (issue 14 §4): every program in src/test/resources/elixir/programs runs on Beamscope
 * (parsed by ElixirParser) and prints what real Elixir 1.14 printed (NAME.out, made with {@code elixir NAME.exs}),
 * after numbering pids by first appearance.
 */
class ElixirProgramsTest {
    static final Path PROGRAMS = RealElixir.RESOURCES.resolve("programs");

    static List<Path> programs() throws IOException {
        try (Stream<Path> files = Files.list(PROGRAMS)) {
            return files.filter(p -> p.toString().endsWith(".exs")).sorted().toList();
        }
    }

    /** Pids numbered by first appearance from #PID<0.100.0>, so runs on different nodes compare. */
    static String normalise(String text) {
        Map<String, String> seen = new HashMap<>();
        Matcher m = Pattern.compile("#PID<\\d+\\.\\d+\\.\\d+>").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String n = seen.computeIfAbsent(m.group(), k -> "#PID<0." + (100 + seen.size()) + ".0>");
            m.appendReplacement(sb, Matcher.quoteReplacement(n));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String expected(Path exs) throws IOException {
        return Files.readString(exs.resolveSibling(exs.getFileName().toString().replace(".exs", ".out")));
    }

    @TestFactory
    Stream<DynamicTest> eachProgramPrintsWhatElixirPrints() throws IOException {
        return programs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            try (Node node = Node.start()) {
                Elixir.on(node).runScript(Files.readString(p), p.getFileName().toString(), both, both);
            }
            assertEquals(normalise(expected(p)), normalise(bytes.toString(StandardCharsets.UTF_8)));
        }));
    }

    /** The expected outputs are still what real elixir prints (needs elixir on the PATH). */
    @Tag("beam")
    @TestFactory
    Stream<DynamicTest> expectedOutputsAreRealElixirs() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealElixir.available(), "elixir is not installed");
        return programs().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String out = RealElixir.run(List.of("elixir", p.getFileName().toString()), p.getParent());
            assertEquals(normalise(expected(p)), normalise(out));
        }));
    }
}
