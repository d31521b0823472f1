package beamscope.elixir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The differential execution corpus (issue 14 §4): our own programs in src/test/resources/elixir/programs, each
 * with NAME.out, real Elixir's stdout and stderr for {@code elixir NAME.exs} after {@link OutputNormaliser}. This
 * test re-runs real elixir on each program and checks the committed .out is current
 * ({@code -Delixir.goldens=write} rewrites them). The evaluator's test runs the same programs on Beamscope
 * against these files. Also checks that our parser reads every program as Elixir does.
 */
@Tag("beam")
class ElixirProgramsTest {

    static final Path PROGRAMS = RealElixir.RESOURCES.resolve("programs");

    static Map<String, String> programs() {
        Map<String, String> programs = new TreeMap<>();
        try (var files = Files.list(PROGRAMS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".exs")).toList()) {
                programs.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return programs;
    }

    static Path out(String program) {
        return PROGRAMS.resolve(program.replace(".exs", ".out"));
    }

    @Test
    void everyProgramsOutputFileIsRealElixirsNormalisedOutput() throws Exception {
        assumeTrue(RealElixir.available(), "elixir is not installed (CI installs it): the .out files are not checked");
        Map<String, String> programs = programs();
        assertThat(programs).hasSizeGreaterThanOrEqualTo(25);
        boolean write = "write".equals(System.getProperty("elixir.goldens"));
        Map<String, String> outputs = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2); // the machine has two cores
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String name : programs.keySet()) {
                runs.add(pool.submit(() -> {
                    String raw = RealElixir.run(List.of("elixir", name), PROGRAMS.toAbsolutePath());
                    outputs.put(name, OutputNormaliser.normalise(raw));
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
        } finally {
            pool.shutdownNow();
        }
        List<String> stale = new ArrayList<>();
        for (String name : programs.keySet()) {
            String real = outputs.get(name);
            if (write) Files.writeString(out(name), real);
            else if (!Files.exists(out(name)) || !Files.readString(out(name)).equals(real)) {
                stale.add(name + ":\n--- committed\n" + (Files.exists(out(name)) ? Files.readString(out(name)) : "(none)")
                        + "\n--- real elixir\n" + real);
            }
        }
        assertThat(stale).as("programs whose .out differs from real elixir's output (-Delixir.goldens=write rewrites)").isEmpty();
    }

    @Test
    void everyProgramParsesAsElixirParsesIt() {
        assumeTrue(RealElixir.available(), "elixir is not installed (CI installs it)");
        Map<String, String> programs = programs();
        Map<String, String> real = RealElixir.quote(programs);
        List<String> differences = new ArrayList<>();
        for (var e : programs.entrySet()) {
            String d = ParseCorpus.difference(e.getKey(), e.getValue(), real.get(e.getKey()));
            if (d != null) differences.add(e.getKey() + ": " + d);
        }
        assertThat(differences).isEmpty();
    }
}
