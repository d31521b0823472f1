package beamscope.elixir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutputNormaliserTest {

    static String normalise(String s) {
        return OutputNormaliser.normalise(s);
    }

    @Nested
    class Pids {
        @Test
        void areRenumberedFrom100InTheOrderTheyFirstAppear() {
            assertThat(normalise("#PID<0.94.0> sent to #PID<0.7.0>\n#PID<0.94.0> again"))
                    .isEqualTo("#PID<0.100.0> sent to #PID<0.101.0>\n#PID<0.100.0> again");
        }

        @Test
        void ofOtherNodesAreRenumberedToo() {
            assertThat(normalise("[#PID<12.3.0>, #PID<0.3.0>]")).isEqualTo("[#PID<0.100.0>, #PID<0.101.0>]");
        }

        @Test
        void textThatOnlyLooksAlikeStays() {
            assertThat(normalise("PID<0.1.0> #PID<x>")).isEqualTo("PID<0.1.0> #PID<x>");
        }
    }

    @Nested
    class References {
        @Test
        void areRenumberedLikePidsInTheirOwnSequence() {
            assertThat(normalise("#Reference<0.3120458823.2355625985.91520> #PID<0.5.0> #Reference<0.1.2.3> #Reference<0.3120458823.2355625985.91520>"))
                    .isEqualTo("#Reference<0.0.0.100> #PID<0.100.0> #Reference<0.0.0.101> #Reference<0.0.0.100>");
        }
    }

    @Nested
    class ErrorReports {
        @Test
        void keepOnlyTheirFirstLine() {
            String real = """
                    before
                    ** (ArithmeticError) bad argument in arithmetic expression: div(1, 0)
                        :erlang.div(1, 0)
                        script.exs:2: Divide.run/2
                        (elixir 1.14.0) lib/code.ex:1245: Code.require_file/2
                    """;
            assertThat(normalise(real)).isEqualTo("before\n** (ArithmeticError) bad argument in arithmetic expression: div(1, 0)\n");
        }

        @Test
        void endAtTheFirstLineThatIsNotIndented() {
            assertThat(normalise("** (exit) :boom\n    at x\nafter\n  indented output stays\n"))
                    .isEqualTo("** (exit) :boom\nafter\n  indented output stays\n");
        }

        @Test
        void loseLoggersTimeOfDay() {
            assertThat(normalise("\n21:03:01.123 [error] GenServer Flaky terminating\n"))
                    .isEqualTo("\n[error] GenServer Flaky terminating\n");
        }
    }

    @Test
    void windowsLineEndsBecomeNewlines() {
        assertThat(normalise("a\r\nb\r\n")).isEqualTo("a\nb\n");
    }

    @Test
    void normalisedOutputIsAFixedPoint() {
        String once = normalise("#PID<0.9.0>\n** (RuntimeError) boom\n    trace\n#Reference<0.1.2.3>\n");
        assertThat(normalise(once)).isEqualTo(once);
    }
}
