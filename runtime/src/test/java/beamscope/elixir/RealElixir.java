package beamscope.elixir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code elixir} (1.14), run once for a whole batch of sources. Tests that use it are tagged "beam". */
final class RealElixir {
    private RealElixir() {}

    /** Where the test sources live, relative to the runtime module (surefire's working directory). */
    static final Path RESOURCES = Path.of("src/test/resources/elixir");

    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "elixir"))) return true;
        }
        return false;
    }

    /**
     * The quoted forms of the sources by name, as real Elixir prints them: "ok TERM" or "error LINE COLUMN MESSAGE"
     * (see quote.exs).
     */
    static Map<String, String> quote(Map<String, String> sources) {
        try {
            Path dir = Files.createTempDirectory("quote");
            List<String> command = new ArrayList<>(List.of("elixir", RESOURCES.resolve("quote.exs").toAbsolutePath().toString()));
            for (var e : sources.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.writeString(f, e.getValue());
                command.add(f.toString());
            }
            String out = run(command, dir);
            Map<String, String> results = new LinkedHashMap<>();
            String name = null;
            for (String line : out.split("\n")) {
                if (line.startsWith("== ")) name = line.substring(3);
                else if (name != null && (line.startsWith("ok ") || line.startsWith("error "))) results.put(name, line);
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end; its stdout and stderr together. */
    static String run(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("elixir did not finish: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
