package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TermsTest {

    static Atom a(String name) {
        return Atom.of(name);
    }

    static Tuple t(Object... elements) {
        return Tuple.of(elements);
    }

    static List<Object> list(Object... elements) {
        return Arrays.asList(elements);
    }

    /** A map in the given key order: k1, v1, k2, v2... */
    static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    static Object parse(String text) {
        return Terms.parse(text);
    }

    static String inspect(Object term) {
        return Terms.inspect(term);
    }

    @Nested
    class Parse {

        @Test
        void atoms() {
            assertThat(parse(":ok")).isSameAs(Atom.OK);
            assertThat(parse(":valid?")).isEqualTo(a("valid?"));
            assertThat(parse(":save!")).isEqualTo(a("save!"));
            assertThat(parse(":_private")).isEqualTo(a("_private"));
            assertThat(parse(":nonode@nohost")).isEqualTo(a("nonode@nohost"));
            assertThat(parse(":Foo")).isEqualTo(a("Foo"));
            assertThat(parse(":\"with space\"")).isEqualTo(a("with space"));
            assertThat(parse(":'single quoted'")).isEqualTo(a("single quoted"));
            assertThat(parse(":\"a\\\"b\"")).isEqualTo(a("a\"b"));
            assertThat(parse(":\"\"")).isEqualTo(a(""));
            assertThat(parse(":héllo")).isEqualTo(a("héllo"));
            assertThat(parse(":he\u0301llo")).as("unquoted atoms are NFC-normalised, as in Elixir").isEqualTo(a("h\u00e9llo"));
        }

        @Test
        void operatorAtoms() {
            assertThat(parse(":+")).isEqualTo(a("+"));
            assertThat(parse(":<>")).isEqualTo(a("<>"));
            assertThat(parse(":===")).isEqualTo(a("==="));
            assertThat(parse(":<<>>")).isEqualTo(a("<<>>"));
            assertThat(parse(":%{}")).isEqualTo(a("%{}"));
            assertThat(parse(":...")).isEqualTo(a("..."));
            assertThat(parse(":\\\\")).isEqualTo(a("\\\\"));
            assertThat(parse("{:-, 1}")).isEqualTo(t(a("-"), 1L));
        }

        @Test
        void aliasesAreElixirAtoms() {
            assertThat(parse("Foo.Bar")).isEqualTo(a("Elixir.Foo.Bar"));
            assertThat(parse("Foo")).isEqualTo(a("Elixir.Foo"));
            assertThat(parse("Elixir.Foo")).isEqualTo(a("Elixir.Foo"));
            assertThat(parse("Elixir")).isEqualTo(a("Elixir"));
            assertThat(parse("GenServer.Sup_2")).isEqualTo(a("Elixir.GenServer.Sup_2"));
        }

        @Test
        void booleansAndNilAreAtoms() {
            assertThat(parse("true")).isSameAs(Atom.TRUE);
            assertThat(parse("false")).isSameAs(Atom.FALSE);
            assertThat(parse("nil")).isSameAs(Atom.NIL);
            assertThat(parse(":true")).isSameAs(Atom.TRUE);
        }

        @Test
        void integers() {
            assertThat(parse("42")).isEqualTo(42L);
            assertThat(parse("-7")).isEqualTo(-7L);
            assertThat(parse("0")).isEqualTo(0L);
            assertThat(parse("007")).isEqualTo(7L);
            assertThat(parse("1_000_000")).isEqualTo(1_000_000L);
            assertThat(parse("0x1F")).isEqualTo(31L);
            assertThat(parse("0xff_ff")).isEqualTo(65535L);
            assertThat(parse("0b101")).isEqualTo(5L);
            assertThat(parse("0o17")).isEqualTo(15L);
            assertThat(parse("-0x10")).isEqualTo(-16L);
        }

        @Test
        void integersBeyondLongAreBigIntegersAndOthersAreLongs() {
            assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
            assertThat(parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
            assertThat(parse("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
            assertThat(parse("0x7FFFFFFFFFFFFFFF")).isEqualTo(Long.MAX_VALUE);
            assertThat(parse("00000000000000000000000000042")).isEqualTo(42L);
            String huge = "1" + "0".repeat(300);
            assertThat(parse(huge)).isEqualTo(new BigInteger(huge));
        }

        @Test
        void bigDecimalIntegersOfEveryLengthReadAsTheirValue() {
            Random random = new Random(15);
            for (int length : new int[] {16, 17, 18, 19, 20, 35, 36, 37, 38, 71, 72, 73, 144, 145, 1000, 4_608, 4_609, 20_011}) {
                StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
                while (digits.length() < length) digits.append((char) ('0' + random.nextInt(10)));
                BigInteger expected = new BigInteger(digits.toString());
                assertThat(parse(digits.toString())).as("%d digits", length).isEqualTo(Terms.normalise(expected));
                assertThat(parse("-" + digits)).isEqualTo(Terms.normalise(expected.negate()));
                assertThat(parse("0".repeat(37) + digits)).as("leading zeros").isEqualTo(Terms.normalise(expected));
            }
            String tens = "1" + "0".repeat(72) + "1" + "0".repeat(71);   // zero chunks inside the number
            assertThat(parse(tens)).isEqualTo(new BigInteger(tens));
            assertThat(parse("1_" + "000_".repeat(40) + "000")).isEqualTo(BigInteger.TEN.pow(123));
        }

        @Test
        void bigHexOctalAndBinaryIntegersReadAsTheirValue() {
            Random random = new Random(16);
            for (int radix : new int[] {16, 8, 2}) {
                String prefix = switch (radix) { case 16 -> "0x"; case 8 -> "0o"; default -> "0b"; };
                for (int bits : new int[] {63, 64, 65, 127, 128, 129, 1000, 20_001}) {
                    BigInteger value = new BigInteger(bits, random).setBit(bits - 1);
                    String text = prefix + value.toString(radix);
                    assertThat(parse(text)).as("%s with %d bits", prefix, bits).isEqualTo(Terms.normalise(value));
                    assertThat(parse("-" + text)).isEqualTo(Terms.normalise(value.negate()));
                    assertThat(parse(prefix + "000" + value.toString(radix).toUpperCase())).isEqualTo(Terms.normalise(value));
                }
            }
            assertThat(parse("0xFFFF_FFFF_FFFF_FFFF")).isEqualTo(new BigInteger("FFFFFFFFFFFFFFFF", 16));
            assertThat(parse("-0x8000000000000000")).isEqualTo(Long.MIN_VALUE);
            assertThat(parse("0b" + "1".repeat(64))).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
            assertThat(parse("0o" + "7".repeat(22))).isEqualTo(BigInteger.TWO.pow(66).subtract(BigInteger.ONE));
        }

        @Test
        void aHugeIntegerRoundTrips() {
            Random random = new Random(17);
            BigInteger value = new BigInteger(400_000, random).setBit(399_999);   // 120,412 digits
            String text = inspect(value);
            assertThat(text).isEqualTo(value.toString());
            assertThat(parse(text)).isEqualTo(value);
            assertThat(parse("-0x" + value.toString(16))).isEqualTo(value.negate());
        }

        @Test
        void floats() {
            assertThat(parse("3.0")).isEqualTo(3.0);
            assertThat(parse("-1.5e-3")).isEqualTo(-1.5e-3);
            assertThat(parse("1.0e10")).isEqualTo(1.0e10);
            assertThat(parse("1.0E+2")).isEqualTo(100.0);
            assertThat(parse("1_000.5")).isEqualTo(1000.5);
            assertThat(parse("-0.0")).isEqualTo(-0.0);
            assertThat(parse("5.0e-324")).isEqualTo(Double.MIN_VALUE);
            assertThat(parse("1.0e-400")).isEqualTo(0.0);
        }

        @Test
        void strings() {
            assertThat(parse("\"hello\"")).isEqualTo("hello");
            assertThat(parse("\"\"")).isEqualTo("");
            assertThat(parse("\"say \\\"hi\\\" \\\\ bye\"")).isEqualTo("say \"hi\" \\ bye");
            assertThat(parse("\"\\n\\t\\r\\0\\e\\s\\a\\b\\d\\f\\v\"")).isEqualTo("\n\t\r\0\u001b \u0007\b\u007f\f\u000b");
            assertThat(parse("\"\\u00e9\\u{1F600}\\x41\\x{263A}\\x7\"")).isEqualTo("é\uD83D\uDE00A\u263a\u0007");
            assertThat(parse("\"\\#{not interpolated}\"")).isEqualTo("#{not interpolated}");
            assertThat(parse("\"# and { alone are fine\"")).isEqualTo("# and { alone are fine");
            assertThat(parse("\"two\nlines\"")).isEqualTo("two\nlines");
            assertThat(parse("\"joined \\\nline\"")).isEqualTo("joined line");
            assertThat(parse("\"unknown \\q escape\"")).as("as in Elixir").isEqualTo("unknown q escape");
            assertThat(parse("\"😀 é\"")).isEqualTo("😀 é");
        }

        @Test
        void charlistsAreListsOfCodePoints() {
            assertThat(parse("'abc'")).isEqualTo(List.of(97L, 98L, 99L));
            assertThat(parse("~c\"ab\"")).isEqualTo(List.of(97L, 98L));
            assertThat(parse("~c'a\"b'")).isEqualTo(List.of(97L, 34L, 98L));
            assertThat(parse("'😀\\n'")).isEqualTo(List.of(0x1F600L, 10L));
            assertThat(parse("''")).isEqualTo(List.of());
        }

        @Test
        void tuples() {
            assertThat(parse("{}")).isEqualTo(t()).isInstanceOf(Tuple0.class);
            assertThat(parse("{1, 2}")).isEqualTo(new Tuple2(1L, 2L));
            assertThat(parse("{:ok, {:nested, [1]}}")).isEqualTo(t(Atom.OK, t(a("nested"), List.of(1L))));
            assertThat(parse("{1, 2, 3, 4, 5, 6, 7, 8}")).isInstanceOf(TupleN.class)
                    .isEqualTo(t(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
        }

        @Test
        void keywordsAtTheEndOfATupleAreOneListElement() {
            assertThat(parse("{:ok, a: 1, b: 2}")).isEqualTo(t(Atom.OK, List.of(t(a("a"), 1L), t(a("b"), 2L))));
            assertThat(parse("{a: 1}")).isEqualTo(t(List.of(t(a("a"), 1L))));
        }

        @Test
        void lists() {
            assertThat(parse("[]")).isEqualTo(List.of());
            assertThat(parse("[1, 2, 3]")).isEqualTo(List.of(1L, 2L, 3L));
            assertThat(parse("[[], [[]]]")).isEqualTo(List.of(List.of(), List.of(List.of())));
        }

        @Test
        void keywordLists() {
            assertThat(parse("[a: 1, b: 2]")).isEqualTo(List.of(new Tuple2(a("a"), 1L), new Tuple2(a("b"), 2L)));
            assertThat(parse("[1, a: 2]")).isEqualTo(List.of(1L, t(a("a"), 2L)));
            assertThat(parse("[\"with space\": 1]")).isEqualTo(List.of(t(a("with space"), 1L)));
            assertThat(parse("[Foo: 1, true: 2, valid?: 3]"))
                    .isEqualTo(List.of(t(a("Foo"), 1L), t(Atom.TRUE, 2L), t(a("valid?"), 3L)));
            assertThat(parse("[a:\n1]")).isEqualTo(List.of(t(a("a"), 1L)));
            assertThat(parse("[a: :b]")).isEqualTo(List.of(t(a("a"), a("b"))));
        }

        @Test
        void maps() {
            assertThat(parse("%{}")).isEqualTo(Map.of());
            assertThat(parse("%{a: 1, b: 2}")).isEqualTo(Map.of(a("a"), 1L, a("b"), 2L));
            assertThat(parse("%{:a => 1}")).isEqualTo(Map.of(a("a"), 1L));
            assertThat(parse("%{\"b\" => [2, 3.0], a: 1}")).isEqualTo(Map.of("b", List.of(2L, 3.0), a("a"), 1L));
            assertThat(parse("%{{1, 2} => %{}, [] => nil}")).isEqualTo(map(t(1L, 2L), Map.of(), List.of(), Atom.NIL));
            assertThat(parse("%{1 => :int, 1.0 => :float}")).isEqualTo(map(1L, a("int"), 1.0, a("float")));
        }

        @Test
        void mapsKeepTheTextsOrderAndTheLastOfDuplicateKeys() {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) parse("%{:z => 1, :a => 2, :m => 3, :a => 4}");
            assertThat(m.keySet()).containsExactly(a("z"), a("a"), a("m"));
            assertThat(m.get(a("a"))).isEqualTo(4L);
        }

        @Test
        void resultsAreImmutable() {
            List<?> l = (List<?>) parse("[1, 2]");
            Map<?, ?> m = (Map<?, ?>) parse("%{a: 1}");
            assertThatThrownBy(() -> l.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void pidsAndReferences() {
            assertThat(parse("#PID<0.42.0>")).isEqualTo(new Pid(0, 42));
            assertThat(parse("#PID<3.9223372036854775807.0>")).isEqualTo(new Pid(3, Long.MAX_VALUE));
            assertThat(parse("#Reference<0.0.0.5>")).isEqualTo(new Ref(0, 5));
            assertThat(parse("#Reference<0.1234.5678.9>")).as("the middle numbers are ignored").isEqualTo(new Ref(0, 9));
            assertThat(parse("{:DOWN, #Reference<0.0.0.1>, :process, #PID<0.7.0>, :normal}"))
                    .isEqualTo(t(Atom.DOWN, new Ref(0, 1), Atom.PROCESS, Pid.of(7), Atom.NORMAL));
            assertThat(Pid.parse("<0.42.0>")).isEqualTo(Pid.of(42));
            assertThat(Pid.parse("#PID<0.42.0>")).isEqualTo(Pid.of(42));
        }

        @Test
        void whitespaceNewlinesAndCommentsBetweenTokens() {
            assertThat(parse("  \n\t{ :ok ,\r\n  [ 1 ,2 ] }\n ")).isEqualTo(t(Atom.OK, List.of(1L, 2L)));
            assertThat(parse("""
                    %{
                      # the owner
                      owner: #PID<0.5.0>, # a trailing comment
                      tags: [:a]   # #PID<0.6.0> in a comment is a comment
                    }
                    """)).isEqualTo(Map.of(a("owner"), Pid.of(5), a("tags"), List.of(a("a"))));
        }

        @Test
        void longInputs() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < 200_000; i++) sb.append(i).append(", ");
            sb.append("0]");
            @SuppressWarnings("unchecked")
            List<Object> numbers = (List<Object>) parse(sb.toString());
            assertThat(numbers).hasSize(200_001).startsWith(0L, 1L, 2L);
            String text = "x".repeat(1_000_000);
            assertThat(parse("\"" + text + "\"")).isEqualTo(text);
        }
    }

    @Nested
    class Inspect {

        @Test
        void atoms() {
            assertThat(inspect(Atom.OK)).isEqualTo(":ok");
            assertThat(inspect(a("valid?"))).isEqualTo(":valid?");
            assertThat(inspect(a("nonode@nohost"))).isEqualTo(":nonode@nohost");
            assertThat(inspect(a("Foo"))).isEqualTo(":Foo");
            assertThat(inspect(a("EXIT"))).isEqualTo(":EXIT");
            assertThat(inspect(a("with space"))).isEqualTo(":\"with space\"");
            assertThat(inspect(a("1abc"))).isEqualTo(":\"1abc\"");
            assertThat(inspect(a(""))).isEqualTo(":\"\"");
            assertThat(inspect(a("a\"b"))).isEqualTo(":\"a\\\"b\"");
            assertThat(inspect(a("foo?bar"))).isEqualTo(":\"foo?bar\"");
            assertThat(inspect(a("héllo"))).isEqualTo(":\"héllo\"");
        }

        @Test
        void trueFalseNilAndAliasesPrintBare() {
            assertThat(inspect(Atom.TRUE)).isEqualTo("true");
            assertThat(inspect(Atom.FALSE)).isEqualTo("false");
            assertThat(inspect(Atom.NIL)).isEqualTo("nil");
            assertThat(inspect(a("Elixir.Foo.Bar"))).isEqualTo("Foo.Bar");
            assertThat(inspect(a("Elixir"))).isEqualTo("Elixir");
            assertThat(inspect(a("Elixir.Elixir"))).isEqualTo("Elixir.Elixir");
            assertThat(inspect(a("Elixir.Elixir.Foo"))).isEqualTo("Elixir.Elixir.Foo");
            assertThat(inspect(a("Elixir.foo"))).isEqualTo(":\"Elixir.foo\"");
            assertThat(inspect(a("Elixir.Foo."))).isEqualTo(":\"Elixir.Foo.\"");
        }

        @Test
        void operatorAtomsAsElixirPrintsThem() {
            assertThat(inspect(a("+"))).isEqualTo(":+");
            assertThat(inspect(a("<>"))).isEqualTo(":<>");
            assertThat(inspect(a("<<>>"))).isEqualTo(":<<>>");
            assertThat(inspect(a("..//"))).isEqualTo(":..//");
            assertThat(inspect(a("::"))).isEqualTo(":\"::\"");
            assertThat(inspect(a("~~~"))).isEqualTo(":\"~~~\"");
        }

        @Test
        void integers() {
            assertThat(inspect(42L)).isEqualTo("42");
            assertThat(inspect(-7L)).isEqualTo("-7");
            assertThat(inspect(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
            assertThat(inspect(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
            assertThat(inspect(5)).isEqualTo("5");
            assertThat(inspect((short) -3)).isEqualTo("-3");
            assertThat(inspect((byte) 8)).isEqualTo("8");
        }

        /** Expected texts are Elixir 1.14+ on OTP 25 ({@code inspect/1}), checked with erl. */
        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                3.0                     | 3.0
                -1.5                    | -1.5
                0.1                     | 0.1
                0.30000000000000004     | 0.30000000000000004
                1000.0                  | 1000.0
                8100.0                  | 8100.0
                1.0e10                  | 10000000000.0
                9007199254740993.0      | 9007199254740992.0
                1.0e16                  | 1.0e16
                1.23e17                 | 1.23e17
                123456.789              | 123456.789
                0.001                   | 0.001
                0.0001                  | 0.0001
                0.0005                  | 0.0005
                0.00005                 | 5.0e-5
                0.00012                 | 1.2e-4
                0.001234                | 0.001234
                1.5e-5                  | 1.5e-5
                -1.5e-3                 | -0.0015
                1.0e100                 | 1.0e100
                2.0e23                  | 2.0e23
                4.9e-324                | 5.0e-324
                2.2250738585072014e-308 | 2.2250738585072014e-308
                1.7976931348623157e308  | 1.7976931348623157e308
                """)
        void floatsAsElixirPrintsThem(double value, String expected) {
            assertThat(inspect(value)).isEqualTo(expected);
        }

        @Test
        void signedZeroAndJavaFloats() {
            assertThat(inspect(0.0)).isEqualTo("0.0");
            assertThat(inspect(-0.0)).isEqualTo("-0.0");
            assertThat(inspect(0.1f)).isEqualTo("0.1");
        }

        @Test
        void strings() {
            assertThat(inspect("hello")).isEqualTo("\"hello\"");
            assertThat(inspect("")).isEqualTo("\"\"");
            assertThat(inspect("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
            assertThat(inspect("a\nb\tc\r")).isEqualTo("\"a\\nb\\tc\\r\"");
            assertThat(inspect("\u0007\b\u007f\u001b\f\u000b")).isEqualTo("\"\\a\\b\\d\\e\\f\\v\"");
            assertThat(inspect("#{x} # {")).isEqualTo("\"\\#{x} # {\"");
            assertThat(inspect("é 😀 ß")).isEqualTo("\"é 😀 ß\"");
        }

        @Test
        void nonPrintableCharactersUseElixirsEscapes() {
            assertThat(inspect("\0")).isEqualTo("\"\\0\"");
            assertThat(inspect("\u0001\u0085")).isEqualTo("\"\\x01\\x85\"");
            assertThat(inspect("\ufffe")).isEqualTo("\"\\x{FFFE}\"");
            assertThat(inspect("a\u00a0b\u200bc\ufeff")).as("invisible characters").isEqualTo("\"a\\u00A0b\\u200Bc\\uFEFF\"");
            assertThat(inspect("\ud800")).as("a lone surrogate").isEqualTo("\"\\x{D800}\"");
        }

        @Test
        void tuplesAndLists() {
            assertThat(inspect(t())).isEqualTo("{}");
            assertThat(inspect(t(Atom.OK, 42L))).isEqualTo("{:ok, 42}");
            assertThat(inspect(t(1L, 2L, 3L, 4L, 5L, 6L, 7L))).isEqualTo("{1, 2, 3, 4, 5, 6, 7}");
            assertThat(inspect(List.of())).isEqualTo("[]");
            assertThat(inspect(List.of(1L, List.of(2L, t()), "x"))).isEqualTo("[1, [2, {}], \"x\"]");
            assertThat(inspect(List.of(97L, 98L, 99L))).as("no charlists").isEqualTo("[97, 98, 99]");
        }

        @Test
        void keywordLists() {
            assertThat(inspect(List.of(t(a("a"), 1L), t(a("b"), List.of(t(a("c"), 2L))))))
                    .isEqualTo("[a: 1, b: [c: 2]]");
            assertThat(inspect(List.of(t(a("with space"), 1L), t(a("+"), 2L), t(Atom.NIL, 3L), t(a("Foo"), 4L))))
                    .isEqualTo("[\"with space\": 1, \"+\": 2, nil: 3, Foo: 4]");
            assertThat(inspect(List.of(t(a("Elixir.Foo"), 1L)))).as("alias keys are not keywords").isEqualTo("[{Foo, 1}]");
            assertThat(inspect(List.of(t(a("Elixir"), 1L)))).isEqualTo("[\"Elixir\": 1]");
            assertThat(inspect(List.of(t(a("a"), 1L), 2L))).isEqualTo("[{:a, 1}, 2]");
            assertThat(inspect(List.of(t(a("a"), 1L), t("b", 2L)))).isEqualTo("[{:a, 1}, {\"b\", 2}]");
        }

        @Test
        void mapsWithAtomKeysUseKeywordSyntaxSortedByKey() {
            assertThat(inspect(Map.of())).isEqualTo("%{}");
            assertThat(inspect(map(a("b"), 1L, a("a"), 2L, a("B"), 3L))).isEqualTo("%{B: 3, a: 2, b: 1}");
            assertThat(inspect(map(a("with space"), 1L, Atom.TRUE, 2L))).isEqualTo("%{true: 2, \"with space\": 1}");
        }

        @Test
        void otherMapsUseArrowsInErlangTermOrder() {
            Map<Object, Object> m = map(
                    "b", 1L, List.of(1L), 2L, Map.of(), 3L, t(1L), 4L, Pid.of(1), 5L, Ref.of(1), 6L,
                    a("a"), 7L, 2.5, 8L, 3L, 9L, List.of(), 10L);
            assertThat(inspect(m)).isEqualTo(
                    "%{3 => 9, 2.5 => 8, :a => 7, #Reference<0.0.0.1> => 6, #PID<0.1.0> => 5, {1} => 4, %{} => 3, "
                            + "[] => 10, [1] => 2, \"b\" => 1}");
            assertThat(inspect(map(1.0, a("f"), 2L, a("i")))).as("integers before floats, as in Erlang maps")
                    .isEqualTo("%{2 => :i, 1.0 => :f}");
            assertThat(inspect(map(a("Elixir.Foo"), 1L))).isEqualTo("%{Foo => 1}");
            assertThat(inspect(map(t(2L), 1L, t(1L, 1L), 2L, "é", 3L, "z", 4L, a("b"), 5L, a("a"), 6L)))
                    .isEqualTo("%{:a => 6, :b => 5, {2} => 1, {1, 1} => 2, \"z\" => 4, \"é\" => 3}");
        }

        @Test
        void pidsAndReferences() {
            assertThat(inspect(Pid.of(42))).isEqualTo("#PID<0.42.0>");
            assertThat(inspect(new Pid(2, 7))).isEqualTo("#PID<2.7.0>");
            assertThat(inspect(Ref.of(5))).isEqualTo("#Reference<0.0.0.5>");
        }

        @Test
        void javaValues() {
            assertThat(inspect(true)).isEqualTo("true");
            assertThat(inspect(false)).isEqualTo("false");
            assertThat(inspect(null)).isEqualTo("nil");
            assertThat(inspect(Arrays.asList(null, true))).isEqualTo("[nil, true]");
            assertThat(inspect(Optional.of(1))).isEqualTo("#Java<java.util.Optional: Optional[1]>");
            assertThat(inspect(Double.NaN)).isEqualTo("#Java<java.lang.Double: NaN>");
            assertThat(inspect(Double.NEGATIVE_INFINITY)).isEqualTo("#Java<java.lang.Double: -Infinity>");
            assertThat(inspect(new IllegalStateException("boom"))).isEqualTo("%java.lang.IllegalStateException{message: \"boom\"}");
            assertThat(inspect(new RuntimeException())).isEqualTo("%java.lang.RuntimeException{message: nil}");
            Object broken = new Object() {
                @Override
                public String toString() {
                    throw new IllegalStateException();
                }
            };
            assertThat(inspect(broken)).startsWith("#Java<beamscope.runtime.TermsTest$Inspect$1: beamscope.runtime.TermsTest$Inspect$1@");
        }

        /** Throws from every method that formatting might call, as a broken user exception can. */
        static final class UnprintableException extends RuntimeException {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message");
            }

            @Override
            public String getLocalizedMessage() {
                throw new IllegalStateException("no message");
            }

            @Override
            public String toString() {
                throw new UnsupportedOperationException("no text");
            }
        }

        @Test
        void aThrowableWhoseMessageThrowsPrintsItsClassAndWhatWasThrown() {
            String name = UnprintableException.class.getName();
            String shown = "%" + name + "{message: <message unavailable: java.lang.IllegalStateException thrown>}";
            assertThat(inspect(new UnprintableException())).isEqualTo(shown);
            assertThat(inspect(t(a("error"), new UnprintableException()))).isEqualTo("{:error, " + shown + "}");
            assertThat(inspect(map(a("reason"), List.of(new UnprintableException())))).isEqualTo("%{reason: [" + shown + "]}");
            assertThat(Terms.inspect(new UnprintableException(), 20)).hasSize(20).endsWith("...");
        }

        @Test
        void anObjectWhoseToStringThrowsAnythingPrintsItsClassAndWhatWasThrown() {
            Object assertionFails = new Object() {
                @Override
                public String toString() {
                    throw new AssertionError("not printable");
                }
            };
            String name = assertionFails.getClass().getName();
            assertThat(inspect(t(assertionFails))).startsWith("{#Java<" + name + ": " + name + "@")
                    .endsWith(" <toString unavailable: java.lang.AssertionError thrown>>}");
            Object deepRecursion = new Object() {
                @Override
                public String toString() {
                    return toString();
                }
            };
            assertThat(inspect(List.of(deepRecursion))).contains("<toString unavailable: java.lang.StackOverflowError thrown>");
            assertThat(inspect(map(assertionFails, 1L, deepRecursion, 2L))).startsWith("%{#Java<");
        }

        @Test
        void javaValuesDoNotParse() {
            for (Object o : List.of(Optional.empty(), Double.NaN, new IllegalStateException("x"))) {
                assertThatThrownBy(() -> parse(inspect(o))).isInstanceOf(TermSyntaxException.class);
            }
        }

        @Test
        void valueTypesPrintThroughTerms() {
            assertThat(Atom.OK.toString()).isEqualTo(":ok");
            assertThat(t(Atom.OK, "x").toString()).isEqualTo("{:ok, \"x\"}");
            assertThat(t(1L, 2L, 3L, 4L, 5L, 6L, 7L).toString()).isEqualTo("{1, 2, 3, 4, 5, 6, 7}");
            assertThat(Pid.of(3).toString()).isEqualTo("#PID<0.3.0>");
            assertThat(Ref.of(3).toString()).isEqualTo("#Reference<0.0.0.3>");
        }

        @Test
        void boundedInspectCutsWithDots() {
            List<Object> numbers = new ArrayList<>();
            for (long i = 1; i <= 1000; i++) numbers.add(i);
            assertThat(Terms.inspect(numbers, 20)).isEqualTo("[1, 2, 3, 4, 5, 6...").hasSize(20);
            assertThat(Terms.inspect(List.of(1L, 2L), 6)).isEqualTo("[1, 2]");
            assertThat(Terms.inspect(List.of(1L, 2L), 5)).isEqualTo("[1...");
            assertThat(Terms.inspect(a("okay"), 0)).isEqualTo("...");
            assertThat(Terms.inspect("😀😀😀", 5)).as("never half a surrogate pair").isEqualTo("\"...");
        }

        @Test
        void boundedInspectStopsEarlyOnHugeTerms() {
            String big = "y".repeat(5_000_000);
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) many.add(big);
            String shown = Terms.inspect(many, 100);
            assertThat(shown).hasSize(100).startsWith("[\"yyy").endsWith("...");
        }

        @Test
        void deepTermsPrintWithoutStackOverflow() {
            Object deep = List.of();
            for (int i = 0; i < 50_000; i++) deep = List.of(deep);
            String text = inspect(deep);
            assertThat(text).startsWith("[[[[").contains("...").endsWith("]]]]");
            assertThat(Terms.inspect(deep, 50)).hasSize(50);
        }
    }

    @Nested
    class RoundTrip {

        /** Random terms of every kind, deterministic for a seed. */
        static final class Generator {
            private static final String[] ATOMS = {
                    "ok", "error", "true", "false", "nil", "valid?", "save!", "_", "node@host", "Foo", "EXIT",
                    "with space", "1abc", "", "a\"b", "back\\slash", "#{x}", "é", "😀", "\n", "Elixir", "Elixir.Foo",
                    "Elixir.Foo.Bar_2", "Elixir.Elixir", "Elixir.Elixir.Foo", "Elixir.foo", "Elixir.", "+", "-", "<<>>",
                    "%{}", "{}", "..//", "::", "^^^", "\\\\", "=>", "->", "a:", "a b:"};
            private static final int[] CHARS = {
                    'a', 'Z', '0', ' ', '"', '\'', '\\', '#', '{', '}', '\n', '\t', '\r', 0, 1, 0x1b, 0x7f, 0x85, 0xa0,
                    0xe9, 0x200b, 0x2028, 0xfeff, 0xfffe, 0xd800, 0xdc00, 0x1f600, 0x10ffff};

            private final Random random;

            Generator(long seed) {
                random = new Random(seed);
            }

            Object term(int depth) {
                int kinds = depth <= 0 ? 7 : 12;
                return switch (random.nextInt(kinds)) {
                    case 0 -> atom();
                    case 1 -> integer();
                    case 2 -> floating();
                    case 3 -> string();
                    case 4 -> new Pid(random.nextInt(3), random.nextLong(Long.MAX_VALUE));
                    case 5 -> new Ref(random.nextInt(3), random.nextLong(Long.MAX_VALUE));
                    case 6 -> random.nextBoolean() ? List.of() : t();
                    case 7 -> t(items(depth).toArray());
                    case 8 -> items(depth);
                    case 9 -> keywords(depth);
                    case 10 -> {
                        Map<Object, Object> m = new LinkedHashMap<>();
                        for (Object key : items(depth)) m.put(key, term(depth - 1));
                        yield m;
                    }
                    default -> {
                        Map<Object, Object> m = new LinkedHashMap<>();
                        for (int i = random.nextInt(5); i > 0; i--) m.put(atom(), term(depth - 1));
                        yield m;
                    }
                };
            }

            private List<Object> items(int depth) {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(9); i > 0; i--) items.add(term(depth - 1));
                return List.copyOf(items);
            }

            private List<Object> keywords(int depth) {
                List<Object> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) items.add(t(atom(), term(depth - 1)));
                return items;
            }

            Atom atom() {
                if (random.nextInt(4) > 0) return Atom.of(ATOMS[random.nextInt(ATOMS.length)]);
                return Atom.of(string());
            }

            Object integer() {
                return switch (random.nextInt(4)) {
                    case 0 -> (long) random.nextInt(200) - 100;
                    case 1 -> random.nextLong();
                    case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
                    default -> Terms.normalise(new BigInteger(64 + random.nextInt(200), random)
                            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)));
                };
            }

            double floating() {
                while (true) {
                    double d = switch (random.nextInt(4)) {
                        case 0 -> Double.longBitsToDouble(random.nextLong());
                        case 1 -> (random.nextInt(2_000_001) - 1_000_000) / Math.pow(10, random.nextInt(10));
                        case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
                        default -> new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1.0e16, 0x1p53}[random.nextInt(6)];
                    };
                    if (Double.isFinite(d)) return d;
                }
            }

            String string() {
                StringBuilder sb = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) sb.appendCodePoint(CHARS[random.nextInt(CHARS.length)]);
                return sb.toString();
            }
        }

        static void assertRoundTrip(Object term) {
            String text = inspect(term);
            assertThat(parse(text)).as(text).isEqualTo(term);
            assertThat(inspect(parse(text))).as("printing is stable").isEqualTo(text);
        }

        @Test
        void generatedTerms() {
            Generator g = new Generator(20240601L);
            for (int i = 0; i < 3000; i++) assertRoundTrip(g.term(4));
        }

        @Test
        void generatedScalars() {
            Generator g = new Generator(7L);
            for (int i = 0; i < 10_000; i++) {
                assertRoundTrip(g.floating());
                assertRoundTrip(g.atom());
                assertRoundTrip(g.string());
                assertRoundTrip(g.integer());
            }
        }

        @Test
        void edgeCases() {
            for (Object term : List.of(
                    Atom.TRUE, a("Elixir.Elixir.Foo"), a("Elixir."), a("\\\\"), a("->"), a("..."),
                    Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(63), BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE),
                    -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1 + 0.2,
                    "", "#{", "\\#{", "\"", "'", "\0\u0001\u007f\u0085\ud800\udfff",
                    List.of(t(a("a:"), 1L), t(a(""), List.of())), map(1L, 1L, 1.0, 2L, -0.0, 3L, 0.0, 4L),
                    map(List.of(t(a("k"), 1L)), map(a("a"), 1L)), t(t(t(t(t(t(t(t()))))))),
                    List.of(Pid.of(0), new Pid(Integer.MAX_VALUE, Long.MAX_VALUE), new Ref(1, Long.MAX_VALUE)))) {
                assertRoundTrip(term);
            }
        }

        @Test
        void nestingUpToTheLimit() {
            Object deep = List.of();
            for (int i = 1; i < Terms.MAX_DEPTH; i++) deep = List.of(deep);
            Object back = parse(inspect(deep));
            int depth = 0;
            for (Object t = back; t instanceof List<?> l; t = l.isEmpty() ? null : l.get(0)) depth++;
            assertThat(depth).isEqualTo(Terms.MAX_DEPTH);
        }
    }

    @Nested
    class Errors {

        static TermSyntaxException error(String text) {
            return catchThrowableOfType(TermSyntaxException.class, () -> parse(text));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                `{:increment, 5`      | 14 | ',' or '}'
                `{:a,, 1}`            |  4 | a term
                `%{a 1}`              |  2 | a term (an atom is written with a colon, as in :a)
                `%{:a 1}`             |  5 | '=>'
                `:`                   |  1 | an atom name after ':'
                `: ok`                |  1 | an atom name after ':'
                `"unterminated`       |  0 | a closing '"'
                `[1, 'ab]`            |  4 | a closing "'"
                `#PID<0.x.0>`         |  7 | a number
                `#PID<0.1.2>`         |  9 | 0 as the third number (only pids of the form #PID<N.ID.0> exist here)
                `#PID<0.1>`           |  8 | '.'
                `#Reference<0.0.5>`   | 16 | '.'
                `[1, 2,]`             |  6 | a term after ',' (trailing commas are not allowed)
                `{1,}`                |  3 | a term after ',' (trailing commas are not allowed)
                `[1] 2`               |  4 | end of input
                `[1}`                 |  2 | ',' or ']'
                `[1, 2`               |  5 | ',' or ']'
                `"a#{b}"`             |  2 | text without #{} interpolation (write \\#{ for the characters #{)
                `[a: 1, 2]`           |  7 | a keyword key like name: (keyword pairs must come last)
                `%{a: 1, "b" => 2}`   |  8 | a keyword key like name: (keyword pairs must come last)
                `[a:1]`               |  3 | a space after the keyword key's ':'
                `0x`                  |  2 | a hexadecimal digit
                `0b102`               |  4 | a binary digit
                `1__0`                |  1 | the end of the number
                `12abc`               |  2 | the end of the number
                `1.0e999`             |  0 | a float within the 64-bit range
                `-`                   |  1 | a digit after '-'
                `"\\u12"`             |  5 | a hexadecimal digit
                `"\\u{110000}"`       |  1 | a code point no greater than 10FFFF
                `"\\x{41"`            |  6 | '}'
                `%[]`                 |  1 | '{' after '%' (structs are not supported)
                `foo`                 |  0 | a term (an atom is written with a colon, as in :foo)
                `Foo.bar`             |  4 | a capitalised alias segment after '.'
                `~r/x/`               |  0 | a term (of the sigils only ~c"..." is supported)
                `<<1, 2>>`            |  0 | a term
                `[1 2]`               |  3 | ',' or ']'
                `#PID<99999999999.1.0>` | 5 | a number no greater than 2147483647
                """)
        void malformedInputs(String text, int position, String expected) {
            TermSyntaxException e = error(text);
            assertThat(e).as(text).isNotNull();
            assertThat(e.position()).as(text).isEqualTo(position);
            assertThat(e.expected()).as(text).isEqualTo(expected);
            assertThat(e.input()).isEqualTo(text);
        }

        @Test
        void emptyAndBlankInput() {
            assertThat(error("").position()).isZero();
            assertThat(error("").expected()).isEqualTo("a term");
            assertThat(error("  \n  # only a comment\n").position()).isEqualTo(22);
            assertThat(error("  \n  # only a comment\n").expected()).isEqualTo("a term");
        }

        @Test
        void messagesTellLineColumnAndWhatWasFound() {
            TermSyntaxException e = error("%{\n  a: 1,\n  b 2\n}");
            assertThat(e.position()).isEqualTo(13);
            assertThat(e.getMessage()).isEqualTo(
                    "expected a keyword key like name: (keyword pairs must come last) at line 3, column 3 (found 'b')");
            assertThat(error("{:increment, 5").getMessage())
                    .isEqualTo("expected ',' or '}' at line 1, column 15 (found end of input)");
        }

        @Test
        void nestingDeeperThanTheLimit() {
            TermSyntaxException e = error("[".repeat(Terms.MAX_DEPTH + 1) + "]".repeat(Terms.MAX_DEPTH + 1));
            assertThat(e.position()).isEqualTo(Terms.MAX_DEPTH);
            assertThat(e.expected()).isEqualTo("at most 10000 levels of nesting");
            assertThat(error("{".repeat(2_000_000)).position()).isEqualTo(Terms.MAX_DEPTH);
            assertThat(error("%{a: ".repeat(Terms.MAX_DEPTH + 1)).position()).isEqualTo(5 * Terms.MAX_DEPTH);
        }

        @Test
        void longGarbageFailsCleanly() {
            assertThat(error("[" + "1, ".repeat(100_000)).expected()).isEqualTo("a term");
            assertThat(error("\"" + "x".repeat(1_000_000)).position()).isZero();
            assertThat(error(":ok" + " ".repeat(100_000) + "x").position()).isEqualTo(100_003);
        }

        @Test
        void pidParseExplainsWhatItWants() {
            assertThatThrownBy(() -> Pid.parse(":ok")).isInstanceOf(TermSyntaxException.class)
                    .hasMessageContaining("a pid like #PID<0.42.0>");
        }
    }

    /** The README promises 10,000 levels: parse, inspect, equals, hashCode and term order all reach them. */
    @Nested
    class DeepTerms {
        static final int D = Terms.MAX_DEPTH;

        /** A shape nested {@code depth} containers deep, in the text inspect prints, around {@code core}. */
        enum Shape {
            LISTS("[", "]"), TUPLES("{", "}"), MAP_VALUES("%{a: ", "}"), MAPS_AS_KEYS("%{", " => 1}"), LIST_AS_A_KEY("[", "]");

            final String open, close;

            Shape(String open, String close) {
                this.open = open;
                this.close = close;
            }

            String text(int depth, String core) {
                if (this == LIST_AS_A_KEY) return "%{" + LISTS.text(depth - 1, core) + " => 1}";
                return open.repeat(depth - 1) + core + close.repeat(depth - 1);
            }

            /** The innermost container: empty, or with one element. */
            String core(boolean withOne) {
                return switch (this) {
                    case LISTS, LIST_AS_A_KEY -> withOne ? "[1]" : "[]";
                    case TUPLES -> withOne ? "{1}" : "{}";
                    case MAP_VALUES, MAPS_AS_KEYS -> withOne ? "%{1 => 1}" : "%{}";
                };
            }
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.EnumSource(Shape.class)
        void tenThousandLevelsParsePrintCompareAndHash(Shape shape) {
            String text = shape.text(D, shape.core(false)), other = shape.text(D, shape.core(true));
            Object term = parse(text), same = parse(text), different = parse(other);
            assertThat(term).isNotSameAs(same);
            assertThat(inspect(term)).isEqualTo(text);
            assertThat(inspect(different)).isEqualTo(other);
            assertThat(term.equals(same)).isTrue();
            assertThat(term.hashCode()).isEqualTo(same.hashCode());
            assertThat(TermOrder.compare(term, same)).isZero();
            assertThat(term.equals(different)).isFalse();
            assertThat(different.equals(term)).isFalse();
            assertThat(TermOrder.compare(term, different)).as("empty before non-empty").isNegative();
            assertThat(TermOrder.compare(different, term)).isPositive();
            List<Object> valuesInKeyOrder = TermOrder.sortedEntries(map(different, 2L, term, 1L)).stream()
                    .map(e -> (Object) e.getValue()).toList();
            assertThat(valuesInKeyOrder).as("sorting deep keys").containsExactly(1L, 2L);
        }

        @Test
        void theIssuesMapWithADeepListKeyParses() {
            String text = "%{" + "[".repeat(5_000) + "]".repeat(5_000) + " => 1}";
            assertThat(inspect(parse(text))).isEqualTo(text);
        }

        @Test
        void deeperThanTheLimitParseFailsAtThePositionAndInspectCuts() {
            String text = "%{" + "[".repeat(D) + "]".repeat(D) + " => 1}";
            TermSyntaxException e = catchThrowableOfType(TermSyntaxException.class, () -> parse(text));
            assertThat(e.position()).isEqualTo(2 + D - 1);
            assertThat(e.expected()).isEqualTo("at most 10000 levels of nesting");
            Object deep = Tuple.of();
            for (int i = 0; i < 3 * D; i++) deep = Tuple.of(deep);
            assertThat(inspect(deep)).startsWith("{{{").contains("...").endsWith("}}}").hasSize(2 * D + 3);
        }

        /** Equality, hash codes and order have no depth limit of their own: checked at ten times the promise. */
        @Test
        void deeperTermsStillCompareAndHash() {
            int depth = 10 * D;
            Object tuples = Tuple.of(), tuples2 = Tuple.of(), lists = new TermList(new Object[0]), lists2 = new TermList(new Object[0]);
            Object keys = new TermMap(new LinkedHashMap<>()), keys2 = new TermMap(new LinkedHashMap<>());
            Object jdkLists = List.of(), jdkLists2 = List.of();
            for (int i = 0; i < depth; i++) {
                tuples = Tuple.of(tuples);
                tuples2 = Tuple.of(tuples2);
                lists = new TermList(new Object[] {lists});
                lists2 = new TermList(new Object[] {lists2});
                keys = new TermMap(new LinkedHashMap<>(Map.of(keys, 1L)));
                keys2 = new TermMap(new LinkedHashMap<>(Map.of(keys2, 1L)));
                jdkLists = List.of(jdkLists);
                jdkLists2 = List.of(jdkLists2);
            }
            for (Object[] pair : new Object[][] {{tuples, tuples2}, {lists, lists2}, {keys, keys2}}) {
                assertThat(pair[0].equals(pair[1])).isTrue();
                assertThat(pair[0].hashCode()).isEqualTo(pair[1].hashCode());
                assertThat(TermOrder.compare(pair[0], pair[1])).isZero();
            }
            assertThat(Tuple.of(jdkLists)).as("java.util lists inside a tuple").isEqualTo(Tuple.of(jdkLists2));
            assertThat(Tuple.of(jdkLists).hashCode()).isEqualTo(Tuple.of(jdkLists2).hashCode());
            assertThat(TermOrder.compare(jdkLists, jdkLists2)).isZero();
            assertThat(TermOrder.compare(Tuple.of(tuples, 1L), Tuple.of(tuples2, 2L))).isNegative();
            assertThat(Tuple.of(tuples, 1L)).isNotEqualTo(Tuple.of(tuples2, 2L));
        }

        @Test
        void parsedListsAndMapsEqualJavaUtilOnesWithTheSameHashCodes() {
            Object list = parse("[1, :a, \"s\", [2]]");
            List<Object> jdk = List.of(1L, a("a"), "s", List.of(2L));
            assertThat(list).isEqualTo(jdk).hasSameHashCodeAs(jdk);
            assertThat(jdk).isEqualTo(list);
            Object m = parse("%{:a => [1], {1, 2} => %{}}");
            Map<Object, Object> jdkMap = Map.of(a("a"), List.of(1L), t(1L, 2L), Map.of());
            assertThat(m).isEqualTo(jdkMap).hasSameHashCodeAs(jdkMap);
            assertThat(jdkMap).isEqualTo(m);
            assertThat(parse("{1, [2]}")).isEqualTo(t(1L, List.of(2L))).hasSameHashCodeAs(t(1L, List.of(2L)));
            assertThat(parse("{1, 2, 3, 4, 5, 6, 7}")).isEqualTo(new TupleN(new Object[] {1L, 2L, 3L, 4L, 5L, 6L, 7L}));
            assertThat(t(1L, null)).isEqualTo(t(1L, null)).isNotEqualTo(t(1L, a("nil"))).isNotEqualTo(t(null, 1L));
            assertThat(parse("%{1 => 2, 2 => 1}")).isNotEqualTo(parse("%{1 => 1, 2 => 2}"));
            assertThat(parse("[1, 2]")).isNotEqualTo(parse("[2, 1]")).isNotEqualTo(parse("[1, 2, 3]"));
        }
    }

    @Nested
    class Atoms {

        /** A name no other test uses, so the atom is sure to be new. */
        String fresh(String what) {
            return what + "_" + System.nanoTime() + "_" + FRESH.incrementAndGet();
        }

        static final AtomicLong FRESH = new AtomicLong();

        @Test
        void aNameHasAtMost255CharactersOrTheErrorIsSystemLimit() {
            assertThat(Atom.of("a".repeat(255)).name()).hasSize(255);
            assertThat(Atom.of("😀".repeat(255)).name()).as("characters are code points").hasSize(510);
            for (String name : List.of("b".repeat(256), "😀".repeat(256), "c".repeat(1_000_000))) {
                ErlangError e = catchThrowableOfType(ErlangError.class, () -> Atom.of(name));
                assertThat(e).isNotNull();
                assertThat(e.reason()).isSameAs(Atom.SYSTEM_LIMIT);
                assertThat(e.getMessage()).contains("at most 255 characters");
                assertThat(Atom.existing(name)).isEmpty();
            }
        }

        @Test
        void parseRefusesATooLongAtomAtItsPosition() {
            String tooLong = "d".repeat(256);
            for (String text : List.of("[:ok, :" + tooLong + "]", "[:ok, :\"" + tooLong + "\"]", "[1, " + tooLong + ": 2]",
                    "[:ok, Abc" + tooLong + "]", "[:ok, :" + "e".repeat(1_000_000) + "]")) {
                TermSyntaxException e = catchThrowableOfType(TermSyntaxException.class, () -> parse(text));
                assertThat(e.position()).as(text.substring(0, 12)).isIn(4, 6);
                assertThat(e.expected()).isEqualTo("an atom of at most 255 characters (system_limit)");
            }
            assertThat(parse(":" + "f".repeat(255))).isEqualTo(a("f".repeat(255)));
        }

        @Test
        void theTableCountsItsAtomsAndTellsItsLimit() {
            int before = Atom.count();
            Atom.of(fresh("counted"));
            assertThat(Atom.count()).isGreaterThan(before);
            assertThat(Atom.tableLimit()).isEqualTo(Atom.DEFAULT_TABLE_LIMIT).isEqualTo(1_048_576);
        }

        @Test
        void aFullTableFailsWithSystemLimitAndParseSaysWhere() throws Exception {
            String javaCommand = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(javaCommand, "-Dbeamscope.atoms.limit=8192", "-cp", System.getProperty("java.class.path"),
                    AtomTableFill.class.getName()).redirectErrorStream(true).start();
            boolean exited = child.waitFor(60, TimeUnit.SECONDS);   // a few short lines: the pipe never fills
            if (!exited) child.destroyForcibly();
            assertThat(exited).as("the child JVM stopped within the deadline").isTrue();
            String out = new String(child.getInputStream().readAllBytes());
            assertThat(out).contains("limit: 8192\n", "count when full: 8192\n", "reason is the atom system_limit: true\n",
                    "message: :system_limit: the atom table is full (8192 atoms)\n", "an existing atom still works: true\n",
                    "parse fails at: 6, expected an existing atom (system_limit: the atom table is full, 8192 atoms)\n",
                    "parse of existing atoms: {:ok, :fill_1}\n", "count at the end: 8192\n");
        }

        @Test
        void untrustedTextMayCreateOnlyAFewNewAtomsAndAFailedReadCreatesNone() {
            String x = fresh("x"), y = fresh("y"), z = fresh("z");
            ReadLimits two = ReadLimits.UNTRUSTED.withMaxNewAtoms(2);
            String text = "{:" + x + ", [:" + y + ", :ok, :" + x + "], %{" + z + ": 1}}";
            TermSyntaxException e = catchThrowableOfType(TermSyntaxException.class, () -> Terms.parse(text, two));
            assertThat(e.position()).isEqualTo(text.indexOf(z));
            assertThat(e.expected()).isEqualTo("an existing atom (this text may create at most 2 new atoms)");
            assertThat(Atom.existing(x)).as("nothing was created").isEmpty();
            assertThat(Atom.existing(y)).isEmpty();

            TermSyntaxException late = catchThrowableOfType(TermSyntaxException.class, () -> Terms.parse("[:" + x + ", 1,]", two));
            assertThat(late.expected()).startsWith("a term after ','");
            assertThat(Atom.existing(x)).as("a text with an error creates no atom").isEmpty();

            Object term = Terms.parse("{:" + x + ", [:" + y + ", :ok, :" + x + "]}", two);
            Atom madeX = (Atom) ((Tuple) term).get(0);
            assertThat(madeX).isSameAs(Atom.of(x));
            assertThat(((List<?>) ((Tuple) term).get(1)).get(0)).isSameAs(Atom.existing(y).orElseThrow());
            assertThat(((List<?>) ((Tuple) term).get(1)).get(2)).isSameAs(madeX);

            Atom foo = a("Elixir.Foo");
            assertThat(Terms.parse("[:ok, :error, :" + x + ", :" + y + ", true, Foo]", ReadLimits.UNTRUSTED.withMaxNewAtoms(0)))
                    .as("existing atoms are always fine").isEqualTo(List.of(Atom.OK, Atom.ERROR, madeX, Atom.of(y), Atom.TRUE, foo));
        }

        @Test
        void untrustedTextLongerThanTheBoundFailsBeforeReading() {
            ReadLimits ten = ReadLimits.UNTRUSTED.withMaxChars(10);
            assertThat(Terms.parse("[1, 2, 3]", ten)).isEqualTo(List.of(1L, 2L, 3L));
            TermSyntaxException e = catchThrowableOfType(TermSyntaxException.class, () -> Terms.parse("[1, 2, 3, 4]", ten));
            assertThat(e.position()).isEqualTo(10);
            assertThat(e.expected()).isEqualTo("at most 10 characters of text");
            assertThat(ReadLimits.UNTRUSTED).isEqualTo(new ReadLimits(1 << 20, 100));
        }
    }

    @Nested
    class Patterns {

        static final Atom INCREMENT = Atom.of("increment");
        static final Atom GET = Atom.of("get");
        static final Atom RESET = Atom.of("reset");

        /** A counter's message handler, the way a process written in Java 21 would match its mailbox. */
        static long counter(long n, Object message) {
            return switch (message) {
                case Tuple2(Atom tag, Long by) when tag == INCREMENT -> n + by;
                case Tuple1(Atom tag) when tag == RESET -> 0;
                case Tuple2(Atom tag, Pid from) when tag == GET -> n * 1000 + from.id();
                case Tuple3(Atom tag, Long by, List<?> opts) when tag == INCREMENT && opts.contains(t(a("twice"), Atom.TRUE)) ->
                        n + 2 * by;
                case Tuple2(Atom tag, Tuple2(Long x, Long y)) when tag == INCREMENT -> n + x * y;
                default -> -1;
            };
        }

        @Test
        void parsedMessagesMatchRecordPatterns() {
            assertThat(counter(10, parse("{:increment, 5}"))).isEqualTo(15);
            assertThat(counter(10, parse("{:reset}"))).isZero();
            assertThat(counter(10, parse("{:get, #PID<0.7.0>}"))).isEqualTo(10_007);
            assertThat(counter(10, parse("{:increment, 5, twice: true}"))).isEqualTo(20);
            assertThat(counter(10, parse("{:increment, {3, 4}}"))).isEqualTo(22);
            assertThat(counter(10, parse("{:increment, 5.0}"))).as("a float is not a Long").isEqualTo(-1);
            assertThat(counter(10, parse("{:decrement, 5}"))).isEqualTo(-1);
        }

        @Test
        void tupleIsSealedSoSwitchesCanBeExhaustive() {
            List<String> sizes = new ArrayList<>();
            for (Object term : (List<?>) parse("[{}, {1}, {1, 2}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6, 7}]")) {
                Tuple tuple = (Tuple) term;
                sizes.add(switch (tuple) {
                    case Tuple0 z -> "empty";
                    case Tuple1(var only) -> "one " + only;
                    case Tuple2(var first, var second) -> "pair " + first + "," + second;
                    case Tuple3 x -> "3";
                    case Tuple4 x -> "4";
                    case Tuple5 x -> "5";
                    case Tuple6 x -> "6 ending " + x.e5();
                    case TupleN n -> n.size() + " in a TupleN";
                });
            }
            assertThat(sizes).containsExactly("empty", "one 1", "pair 1,2", "6 ending 6", "7 in a TupleN");
        }

        @Test
        void keywordListsAreListsOfPairs() {
            long total = 0;
            for (Object option : (List<?>) parse("[timeout: 5000, retries: 3, name: \"x\"]")) {
                if (option instanceof Tuple2(Atom key, Long value) && key != Atom.of("name")) total += value;
            }
            assertThat(total).isEqualTo(5003);
        }
    }
}
