package beamscope.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.Lesson;
import beamscope.app.lessons.Lessons;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which lessons' Elixir runs on Beamscope: the verdicts the "Run this code" button follows. */
class TrialTest {

    @Test
    void codeThatRuns_codeThatFails_andCodeThatNeverFinishes_eachGetTheirVerdict() {
        assertThat(Trial.run("defmodule T do\n  def f, do: 1\nend\nT.f()", Duration.ofSeconds(30)).runs()).isTrue();
        Trial.Verdict fails = Trial.run("1 / 0", Duration.ofSeconds(30));
        assertThat(fails.runs()).isFalse();
        assertThat(fails.why()).contains("ArithmeticError");
        Trial.Verdict waits = Trial.run("receive do m -> m end", Duration.ofSeconds(1));
        assertThat(waits.runs()).isFalse();
        assertThat(waits.why()).contains("does not finish within 1 s");
        assertThat(Trial.run("1 + )", Duration.ofSeconds(30)).why()).contains("SyntaxError");
    }

    @Test
    void everyLesson_getsAVerdict_withItsReason() {
        StringBuilder table = new StringBuilder();
        for (Lesson l : Lessons.ALL) {
            Trial.Verdict v = Trial.run(l.elixir(), Trial.DEADLINE);
            table.append(String.format("%-22s %-5s %s%n", l.id(), v.runs(), v.runs() ? "" : v.why()));
            assertThat(v.why()).isNotBlank();
        }
        System.out.print(table);
    }
}
