package beamscope.elixir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import beamscope.runtime.Atom;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parser without real Elixir: the snippets against their golden quoted forms (which
 * {@link ElixirParserDifferentialTest} keeps current), the shapes the evaluator relies on, errors, and
 * robustness (fuzzing, deep nesting).
 */
class ElixirParserTest {

    static Object parse(String source) {
        return ElixirParser.parse(source, "test.exs");
    }

    static Object term(String elixirLiteral) {
        return Terms.parse(elixirLiteral);
    }

    @Nested
    class Goldens {
        @Test
        void everySnippetParsesToItsGoldenQuotedForm() throws IOException {
            Map<String, String> snippets = ParseCorpus.snippets();
            assertThat(snippets).hasSizeGreaterThan(10);
            List<String> differences = new ArrayList<>();
            for (var e : snippets.entrySet()) {
                String golden = Files.readString(ParseCorpus.golden(e.getKey()));
                String d = ParseCorpus.difference(e.getKey(), e.getValue(), "ok " + golden.strip());
                if (d != null) differences.add(e.getKey() + ": " + d);
            }
            assertThat(differences).isEmpty();
        }
    }

    @Nested
    class Shapes {
        @Test
        void operatorsFollowElixirsPrecedenceAndAssociativity() {
            assertThat(parse("1 + 2 * 3")).isEqualTo(term(
                    "{:+, [line: 1, column: 3], [1, {:*, [line: 1, column: 7], [2, 3]}]}"));
            assertThat(parse("a = b = 1")).isEqualTo(term(
                    "{:=, [line: 1, column: 3], [{:a, [line: 1, column: 1], nil}, {:=, [line: 1, column: 7], [{:b, [line: 1, column: 5], nil}, 1]}]}"));
            assertThat(parse("1 - 2 - 3")).isEqualTo(term(
                    "{:-, [line: 1, column: 7], [{:-, [line: 1, column: 3], [1, 2]}, 3]}"));
        }

        @Test
        void severalExpressionsMakeABlockWithoutMetadata() {
            assertThat(parse("a\nb")).isEqualTo(term(
                    "{:__block__, [], [{:a, [line: 1, column: 1], nil}, {:b, [line: 2, column: 1], nil}]}"));
        }

        @Test
        void interpolationCallsKernelToStringAsBinary() {
            assertThat(parse("\"a#{x}\"")).isEqualTo(term(
                    "{:<<>>, [line: 1, column: 1], [\"a\", {:\"::\", [line: 1, column: 3], [{{:., [line: 1, column: 3], [Kernel, :to_string]},"
                            + " [line: 1, column: 3], [{:x, [line: 1, column: 5], nil}]}, {:binary, [line: 1, column: 3], nil}]}]}"));
        }

        @Test
        void aCallWithoutParenthesesTakesTheDoBlock() {
            Object q = parse("defmodule M do\n  def f(x), do: x\nend");
            assertThat(q).isInstanceOf(Tuple.class);
            Tuple call = (Tuple) q;
            assertThat(call.get(0)).isEqualTo(Atom.of("defmodule"));
            assertThat((List<?>) call.get(2)).hasSize(2);
            assertThat(((List<?>) call.get(2)).get(1)).isInstanceOf(List.class);
        }

        @Test
        void charlistsAreListsOfCodePoints() {
            assertThat(parse("'abc'")).isEqualTo(List.of(97L, 98L, 99L));
        }

        @Test
        void aliasesKeepTheirParts() {
            assertThat(parse("Foo.Bar")).isEqualTo(term("{:__aliases__, [line: 1, column: 1], [:Foo, :Bar]}"));
            assertThat(parse(":\"Elixir.Foo\"")).isEqualTo(Atom.of("Elixir.Foo"));
        }
    }

    @Nested
    class Errors {
        @Test
        void anUnexpectedTokenIsASyntaxErrorWithFileLineAndColumn() {
            ElixirSyntaxError e = (ElixirSyntaxError) catchThrowable(() -> ElixirParser.parse("x = 1\nf(1, )\n", "counter.exs"));
            assertThat(e.file()).isEqualTo("counter.exs");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(6);
            assertThat(e.getMessage()).isEqualTo("** (SyntaxError) counter.exs:2:6: syntax error before: ')'");
        }

        @Test
        void aMissingEndNamesTheDoItBelongsTo() {
            assertThatThrownBy(() -> ElixirParser.parse("defmodule A do\n  def f do\n    1\n  end\n", "a.exs"))
                    .isInstanceOf(ElixirSyntaxError.class)
                    .hasMessage("** (SyntaxError) a.exs:5:1: missing terminator: end (for \"do\" starting at line 1)");
        }

        @Test
        void anUnterminatedStringSaysWhereItStarted() {
            assertThatThrownBy(() -> ElixirParser.parse("x = 1\nIO.puts(\"hi)\n", "s.exs"))
                    .isInstanceOf(ElixirSyntaxError.class)
                    .hasMessageContaining("missing terminator: \" (for string starting at line 2)");
        }

        @Test
        void aStrayClosingBracketIsAnUnexpectedToken() {
            assertThatThrownBy(() -> parse("x = )")).isInstanceOf(ElixirSyntaxError.class)
                    .hasMessageEndingWith("test.exs:1:5: unexpected token: )");
        }
    }

    @Nested
    class Robustness {
        static final String[] PIECES = {"(", ")", "[", "]", "{", "}", "%{", "<<", ">>", "do", "end", "fn", "->", ",", ";",
                "\n", "\"", "'", "\"\"\"", "#{", ":", "::", "&", "&1", "|>", "|", "\\\\", "when", "=", "@", ".", "..", "//",
                "~r/", "~s(", "?", "?\\", "0x", "1_", "1.", "e", "not in", " ", "do:", "%", "^", "!", "-", "+"};

        /** Random mutations of every snippet: each gives a quoted form or an ElixirSyntaxError, nothing else. */
        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang fails instead of blocking the build
        void mutatedSourcesGiveAQuotedFormOrASyntaxError() {
            List<String> sources = new ArrayList<>(ParseCorpus.snippets().values());
            sources.addAll(ParseCorpus.broken().values());
            Random random = new Random(14);
            int parsed = 0, refused = 0;
            for (int round = 0; round < 20_000; round++) {
                String s = sources.get(random.nextInt(sources.size()));
                StringBuilder b = new StringBuilder(s);
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits && !b.isEmpty(); e++) {
                    int at = random.nextInt(b.length());
                    switch (random.nextInt(4)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, PIECES[random.nextInt(PIECES.length)]);
                        case 2 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
                        default -> {
                            int end = Math.min(b.length(), at + random.nextInt(40));
                            b.delete(at, end);
                        }
                    }
                }
                String mutated = b.toString();
                try {
                    ElixirParser.parse(mutated, "fuzz.exs");
                    parsed++;
                } catch (ElixirSyntaxError expected) {
                    assertThat(expected.line()).isPositive();
                    assertThat(expected.column()).isPositive();
                    refused++;
                } catch (Throwable other) {
                    throw new AssertionError("parsing threw " + other + " for:\n" + mutated, other);
                }
            }
            assertThat(parsed).isPositive();
            assertThat(refused).isPositive();
        }

        @Test
        void nestingDeeperThanTheLimitIsASyntaxErrorNotAStackOverflow() {
            for (String[] openClose : new String[][] {{"[", "]"}, {"(", ")"}, {"{", "}"}, {"%{a: ", "}"}, {"- ", ""},
                    {"fn -> ", " end"}, {"\"#{", "}\""}, {"f(", ")"}, {"a = ", "1"}, {"<< ", " >>"}, {"if x do ", " end"}, {"@", ""}}) {
                String deep = openClose[0].repeat(100_000) + "1" + openClose[1].repeat(100_000);
                assertThatThrownBy(() -> parse(deep)).as(openClose[0]).isInstanceOf(ElixirSyntaxError.class)
                        .hasMessageContaining("too deeply nested");
            }
        }

        @Test
        void nestingUpToTheLimitParsesOnASmallThreadStack() throws InterruptedException {
            int depth = ElixirParser.MAX_DEPTH - 2;
            String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
            String interpolated = "\"#{".repeat(depth / 2) + "1" + "}\"".repeat(depth / 2);
            AtomicReference<Object> result = new AtomicReference<>();
            Thread t = new Thread(null, () -> {
                try {
                    parse(nested);
                    parse(interpolated);
                    result.set("parsed");
                } catch (Throwable e) {
                    result.set(e);
                }
            }, "small-stack", 512 * 1024);
            t.start();
            t.join();
            assertThat(result.get()).isEqualTo("parsed");
        }

        @Test
        void anIdentifierLongerThanAnAtomIsASyntaxErrorWhereItStands() {
            assertThatThrownBy(() -> parse("x = 1\n  " + "a".repeat(300) + " = 2")).isInstanceOf(ElixirSyntaxError.class)
                    .hasMessageContaining("test.exs:2:3: atom length must be less than system limit");
            assertThatThrownBy(() -> parse("Kernel.\"" + "a".repeat(300) + "\"()")).isInstanceOf(ElixirSyntaxError.class);
        }

        @Test
        void longFlatInputParses() {
            String chain = "x = 1" + " + 1".repeat(100_000);
            assertThat(parse(chain)).isInstanceOf(Tuple.class);
            String lines = "IO.puts(\"line\")\n".repeat(50_000);
            assertThat((List<?>) ((Tuple) parse(lines)).get(2)).hasSize(50_000);
        }
    }
}
