package beamscope.elixir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Elixir code in the tutorials (../shared/seeds/*.txt, outside the repository: their code is not copied
 * here). The tutorials mix prose and code without markers, so a block is a run of lines that look like code:
 * a line is prose when, outside strings and comments, it has four plain words in a row, or it is a title
 * (plain words only, none of them Elixir's block words), a bullet, or a single capitalised word.
 */
final class SeedBlocks {
    private SeedBlocks() {}

    /** shared/seeds in the nearest folder above the module that has one (../shared/seeds beside the checkout). */
    static final Path SEEDS = find();

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path seeds = dir.resolve("shared/seeds");
            if (Files.isDirectory(seeds)) return seeds;
        }
        return Path.of("../../shared/seeds");
    }

    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
    private static final Pattern FOUR_WORDS = Pattern.compile("(^|[^\\w.:@&])[A-Za-z][A-Za-z’'-]*,?( [A-Za-z][A-Za-z’'-]*,?){3}($|[^\\w(.:])");
    private static final Pattern CAPITALISED_WORDS = Pattern.compile("^[A-Z][A-Za-z]* [A-Za-z]");
    private static final Pattern TITLE = Pattern.compile("[A-Za-z0-9’' ?!,:/.-]+");
    private static final Pattern BULLET = Pattern.compile("^(- |• |\\* |\\d+\\. [A-Z]|\\| |[^\\x00-\\x7F])");
    private static final Pattern FUNCTION_REF = Pattern.compile("^[a-z_][\\w.]*[?!]?/\\d+$");
    private static final Set<String> BLOCK_WORDS = Set.of("do", "end", "fn", "else", "after", "rescue", "catch", "when");

    static boolean present() {
        return Files.isDirectory(SEEDS);
    }

    /** Code blocks by name ("SEEDFILE-LINE.exs", LINE where the block starts). */
    static Map<String, String> blocks() {
        Map<String, String> blocks = new LinkedHashMap<>();
        try (var files = Files.list(SEEDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                String stem = f.getFileName().toString().replace(".txt", "");
                List<String> block = new ArrayList<>();
                int start = 0;
                boolean heredoc = false;
                for (int n = 0; n <= lines.size(); n++) {
                    String line = n < lines.size() ? lines.get(n) : "Prose ends the file here";
                    boolean inHeredoc = heredoc;
                    if (n < lines.size() && (inHeredoc || isCode(line)) && countHeredocQuotes(line) % 2 == 1) heredoc = !heredoc;
                    if (line.isBlank() || inHeredoc || isCode(line)) {
                        if (block.isEmpty()) {
                            if (line.isBlank()) continue;
                            start = n + 1;
                        }
                        block.add(line);
                    } else if (!block.isEmpty()) {
                        heredoc = false;
                        String text = String.join("\n", iex(block)).strip() + "\n";
                        blocks.put(stem + "-" + start + ".exs", text);
                        block.clear();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return blocks;
    }

    private static int countHeredocQuotes(String line) {
        int count = 0;
        for (int at = line.indexOf("\"\"\""); at >= 0; at = line.indexOf("\"\"\"", at + 3)) count++;
        return count;
    }

    /** An IEx session ("iex> ", "...> " prompts): the input lines without their prompts, not the results. */
    private static List<String> iex(List<String> block) {
        if (block.stream().noneMatch(l -> IEX.matcher(l).find())) return block;
        List<String> input = new ArrayList<>();
        for (String l : block) {
            var m = IEX.matcher(l);
            if (m.find()) input.add(l.substring(m.end()));
            else if (l.strip().startsWith("#")) input.add(l);
        }
        return input;
    }

    private static final Pattern IEX = Pattern.compile("^\\s*(iex(\\(\\d+\\))?|\\.\\.\\.(\\(\\d+\\))?)> ?");

    static boolean isCode(String line) {
        String t = line.strip();
        if (t.equalsIgnoreCase("elixir")) return false;
        if (t.startsWith("#")) return true;
        if (BULLET.matcher(t).find()) return false;
        if (FUNCTION_REF.matcher(t).matches()) return false;
        String code = STRING.matcher(t).replaceAll("\"\"");
        int comment = code.indexOf('#');
        if (comment >= 0) code = code.substring(0, comment).strip();
        if (code.isEmpty()) return true;
        if (!code.chars().allMatch(ch -> ch < 128) || (code.startsWith("|") && !code.startsWith("|>")) || CAPITALISED_WORDS.matcher(code).find()) return false;
        if (FOUR_WORDS.matcher(code).find()) return false;
        String[] words = code.split(" +");
        boolean upper = Character.isUpperCase(code.charAt(0));
        if (TITLE.matcher(code).matches() && (words.length >= 3 || upper)) {
            for (String w : words) if (BLOCK_WORDS.contains(w)) return true;
            if (words.length == 1 && code.matches("[A-Z]\\w*(\\.\\w+)+.*")) return true;
            return code.contains(".") && code.matches(".*\\w\\.\\w.*") && !code.endsWith(".");
        }
        return true;
    }
}
