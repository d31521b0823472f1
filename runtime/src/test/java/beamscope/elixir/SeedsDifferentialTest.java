package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the tutorials' code (issue 14 "Done when"): every block of every tutorial, pasted one
 * after another into Beamscope's console ({@link SeedTranscripts}) and into real Elixir's evaluator
 * ({@code iex_blocks.exs}, which pastes them as a reader does into IEx, with a reader's pause between blocks),
 * answers the same and prints the same. Compared after {@link OutputNormaliser} (pids and references renumbered
 * within each block, stack traces and Logger's time dropped), without the compiler's warnings and blank lines;
 * what a block's processes print is compared as a set of lines (processes that print at the same time
 * interleave as their schedulers run them). {@link #KNOWN} lists the blocks that differ, each with why.
 */
@Tag("beam")
class SeedsDifferentialTest {

    /** Blocks whose transcript differs from IEx's, and why (the rest must match). */
    static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("001_9fc95902e8e14761-119.exs", "the exit reason printed whole holds the BEAM's stack trace (erl_eval's"
                    + " frames); and on the BEAM the first linked child may crash the shell before it traps exits (a race"
                    + " between two schedulers; Beamscope runs the child once the shell waits)"),
            Map.entry("001_9fc95902e8e14761-146.exs", "the exit reason printed whole holds the BEAM's stack trace (erl_eval's frames)"),
            Map.entry("001_9fc95902e8e14761-405.exs", "network: HTTPoison is not there (Beamscope says so in its own words)"),
            Map.entry("001_9fc95902e8e14761-425.exs", "network: HTTPoison's reports from block 405's tasks land here"),
            Map.entry("002_5c39cf6678b7f493-119.exs", "network: HTTPoison is not there (Beamscope says so in its own words)"),
            Map.entry("003_18180f00101cf673-230.exs", "the time it took to spawn a million processes"),
            Map.entry("003_18180f00101cf673-253.exs", "the time the high-priority task took, and the pid numbers past a million"));

    private static final Pattern MODULE = Pattern.compile("(?s)^\\{:module, ([\\w.]+),.*\\}$");
    private static final Pattern TICK = Pattern.compile("^Tick \\d+$");

    /** One block's transcript: its answer and what was printed, normalised. */
    record Transcript(String answer, List<String> printed) {}

    @Test
    void everyTutorialBlock_answersAndPrintsAsInIEx() throws Exception {
        Assumptions.assumeTrue(SeedBlocks.present(), "the tutorials (../shared/seeds) are not beside this checkout");
        Assumptions.assumeTrue(RealElixir.available(), "elixir is not installed (CI installs it)");
        Map<String, String> blocks = SeedBlocks.blocks();
        List<String> seeds = blocks.keySet().stream().map(k -> k.substring(0, k.indexOf('-'))).distinct().toList();
        Path dir = Files.createTempDirectory("seeds");
        // real Elixir runs the tutorials one after another beside Beamscope (one BEAM at a time: a BEAM that
        // spawns a million processes would starve another one on this 2-core machine)
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        Map<String, CompletableFuture<String>> real = new LinkedHashMap<>();
        for (String seed : seeds) {
            List<String> command = new ArrayList<>(List.of("elixir", "--erl", "+P 2000000",
                    RealElixir.RESOURCES.resolve("iex_blocks.exs").toAbsolutePath().toString()));
            for (var e : blocks.entrySet()) {
                if (!e.getKey().startsWith(seed)) continue;
                Path f = dir.resolve(e.getKey());
                Files.writeString(f, SeedTranscripts.withoutTitles(e.getValue()));
                command.add(f.toString());
            }
            real.put(seed, CompletableFuture.supplyAsync(() -> {
                try {
                    return RealElixir.run(command, dir);
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }, one));
        }
        List<String> differences = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (String seed : seeds) {
            Map<String, Transcript> iex = parse(real.get(seed).get());
            Map<String, SeedTranscripts.Entry> ours = SeedTranscripts.run(seed, blocks, 60);
            for (var e : iex.entrySet()) {
                SeedTranscripts.Entry b = ours.get(e.getKey());
                Transcript mine = b == null ? null : normalised(b.output(), b.answer());
                boolean same = e.getValue().equals(mine);
                String known = KNOWN.get(e.getKey());
                table.append(String.format("%-32s %s%n", e.getKey(), same ? "same" : known != null ? "differs: " + known : "DIFFERS"));
                if (!same && known == null) {
                    differences.add(e.getKey() + "\n--- IEx\n" + e.getValue() + "\n--- Beamscope\n" + mine);
                }
            }
        }
        one.shutdown();
        System.out.print(table);
        assertTrue(differences.isEmpty(), () -> String.join("\n\n", differences));
    }

    /** iex_blocks.exs's report, block by block. */
    static Map<String, Transcript> parse(String report) {
        Map<String, Transcript> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder printed = new StringBuilder(), answer = new StringBuilder();
        boolean inAnswer = false;
        for (String line : (report + "\n=== end").split("\n", -1)) {
            if (line.startsWith("=== ")) {
                if (name != null) out.put(name, normalised(withoutWarnings(printed.toString()), answer.toString().strip()));
                name = line.substring(4).strip();
                printed.setLength(0);
                answer.setLength(0);
            } else if (line.equals("--> answer")) {
                inAnswer = true;
            } else if (line.equals("<-- answer")) {
                inAnswer = false;
            } else if (name != null) {
                (inAnswer ? answer : printed).append(line).append('\n');
            }
        }
        out.remove("end");
        return out;
    }

    /** The compiler's warnings: a "warning:" line, the lines indented under it, and the blank line after. */
    static String withoutWarnings(String text) {
        StringBuilder sb = new StringBuilder();
        boolean inWarning = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("warning: ")) inWarning = true;
            else if (inWarning && (line.startsWith(" ") || line.isEmpty())) inWarning = !line.isEmpty();
            else inWarning = false;
            if (!inWarning && !line.startsWith("warning: ")) sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /**
     * Both sides alike: pids renumbered in the order they appear (what was printed first, then the answer),
     * stack traces and blank lines dropped, a module's bytecode in {@code {:module, Name, <<...>>, {f, n}}}
     * left out (the evaluator has none), and the tutorial's periodic ticker's lines (printed every second by
     * one of its processes, so into whichever block is running then) dropped.
     */
    static Transcript normalised(String printed, String answer) {
        String marker = "\u0000answer\u0000";
        String both = OutputNormaliser.normalise(printed + "\n" + marker + "\n" + answer.strip());
        int at = both.indexOf(marker);
        List<String> lines = new ArrayList<>();
        for (String l : both.substring(0, at).split("\n")) if (!l.isBlank() && !TICK.matcher(l).matches()) lines.add(l);
        String[] sorted = lines.toArray(new String[0]);
        Arrays.sort(sorted);
        String a = both.substring(at + marker.length()).strip();
        var m = MODULE.matcher(a);
        if (m.matches()) a = "{:module, " + m.group(1) + ", …}";
        return new Transcript(a, List.of(sorted));
    }
}
