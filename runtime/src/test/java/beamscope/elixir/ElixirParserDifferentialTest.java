package beamscope.elixir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our parser against real Elixir 1.14 ({@code Code.string_to_quoted(source, columns: true)}), metadata
 * included: our snippets, and every code block of the tutorials when ../shared/seeds is there. One elixir run
 * for the whole batch. {@code -Delixir.goldens=write} rewrites the snippets' golden files from real Elixir.
 */
@Tag("beam")
class ElixirParserDifferentialTest {

    static Map<String, String> snippets;
    static Map<String, String> seeds;
    static Map<String, String> elixir;

    @BeforeAll
    static void quoteEverythingWithRealElixir() {
        assumeTrue(RealElixir.available(), "elixir is not installed (CI installs it): the differential tests are skipped");
        snippets = ParseCorpus.snippets();
        seeds = SeedBlocks.present() ? SeedBlocks.blocks() : Map.of();
        Map<String, String> all = new LinkedHashMap<>(snippets);
        all.putAll(seeds);
        elixir = RealElixir.quote(all);
    }

    static List<String> differences(Map<String, String> sources) {
        List<String> out = new ArrayList<>();
        for (var e : sources.entrySet()) {
            String real = elixir.get(e.getKey());
            assertThat(real).as("elixir's answer for %s", e.getKey()).isNotNull();
            String d = ParseCorpus.difference(e.getKey(), e.getValue(), real);
            if (d != null) out.add(e.getKey() + ": " + d);
        }
        return out;
    }

    @Nested
    class Snippets {
        @Test
        void everySnippetParsesAsElixirParsesIt() {
            assertThat(snippets).isNotEmpty();
            assertThat(differences(snippets)).isEmpty();
        }

        @Test
        void everySnippetIsValidElixir() {
            assertThat(snippets.keySet()).allSatisfy(name -> assertThat(elixir.get(name)).as(name).startsWith("ok "));
        }

        @Test
        void goldenQuotedFormsAreCurrent() throws IOException {
            boolean write = "write".equals(System.getProperty("elixir.goldens"));
            List<String> stale = new ArrayList<>();
            for (String name : snippets.keySet()) {
                String real = elixir.get(name).substring(3) + "\n";
                var golden = ParseCorpus.golden(name);
                if (write) Files.writeString(golden, real);
                else if (!Files.exists(golden) || !Files.readString(golden).equals(real)) stale.add(name);
            }
            assertThat(stale).as("snippets whose .quoted differs from real Elixir's (rewrite with -Delixir.goldens=write)").isEmpty();
        }
    }

    @Nested
    class Tutorials {
        @Test
        void everyCodeBlockOfTheTutorialsParsesAsElixirParsesIt() {
            assumeTrue(SeedBlocks.present(), SeedBlocks.SEEDS.toAbsolutePath() + " is not there: the tutorials' code blocks are not checked");
            List<String> differences = differences(seeds);
            long ok = seeds.keySet().stream().filter(n -> elixir.get(n).startsWith("ok ")).count();
            System.out.printf("tutorial blocks: %d (%d valid Elixir, %d refused by Elixir), differences: %d%n",
                    seeds.size(), ok, seeds.size() - ok, differences.size());
            assertThat(differences).isEmpty();
        }
    }
}
