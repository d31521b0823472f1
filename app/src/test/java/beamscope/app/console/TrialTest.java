package beamscope.app.console;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Trial.run("1 + )", Duration.ofSeconds(30)).why()).contains("SyntaxError");
    }

    @Test
    void codeStillRunningHealthyAtTheDeadline_keepsRunning_asAServerDoes() {
        // the shell waits for a message that never comes, as a server waits for its next request
        Trial.Verdict waits = Trial.run("receive do m -> m end", Duration.ofSeconds(1));
        assertThat(waits.outcome()).isEqualTo(Trial.Outcome.KEEPS_RUNNING);
        assertThat(waits.runs()).isTrue();
        assertThat(waits.why()).contains("keeps running");
        // a loop that never ends
        Trial.Verdict loops = Trial.run("defmodule L do\n  def loop(n), do: loop(n + 1)\nend\nL.loop(0)", Duration.ofSeconds(1));
        assertThat(loops.outcome()).isEqualTo(Trial.Outcome.KEEPS_RUNNING);
        // but a crash before the deadline, even of a linked process while the shell waits, is a failure
        Trial.Verdict crashes = Trial.run("spawn_link(fn -> raise \"down\" end)\nreceive do m -> m end", Duration.ofSeconds(30));
        assertThat(crashes.outcome()).isEqualTo(Trial.Outcome.FAILS);
        assertThat(crashes.why()).contains("RuntimeError");
    }
}
