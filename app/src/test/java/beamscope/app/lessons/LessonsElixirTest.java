package beamscope.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.console.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every lesson's Elixir runs on Beamscope, so every lesson's "Run this code" button is enabled: each is tried
 * as the button's trial tries it ({@link Trial}, a console on a fresh node), and either finishes without an
 * error or is still running healthy at the deadline (a server's loop).
 */
class LessonsElixirTest {

    @Test
    void everyLessonsElixir_runsOnBeamscope() {
        StringBuilder table = new StringBuilder();
        List<String> failing = new ArrayList<>();
        for (Lesson l : Lessons.ALL) {
            Trial.Verdict v = Trial.run(l.elixir(), Trial.DEADLINE);
            table.append(String.format("%-24s %-13s %s%n", l.id(), v.outcome(), v.runs() ? "" : v.why()));
            assertThat(v.why()).isNotBlank();
            if (!v.runs()) failing.add(l.id() + ": " + v.why());
        }
        System.out.print(table);
        assertThat(failing).as("lessons whose Elixir does not run on Beamscope").isEmpty();
    }
}
