package beamscope.app.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dsequence=LESSON_ID -Dsequence.out=FILE}: a lesson run with no window, its diagram as Mermaid. */
class HeadlessTest {

    @Test
    void pingPongWritesItsExchangeInTheOrderItHappened(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Headless.run("ping-pong", "pp.mmd", dir.toString(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String text = Files.readString(dir.resolve("pp.mmd"));
        assertThat(text).startsWith("sequenceDiagram\n")
                .contains("participant L0 as :pong", "participant L1 as :ping")
                .contains("L1->>L0: {:ping, ");
        // each ping is answered after it was taken: the pong comes after the ping that asked for it
        assertThat(text.indexOf("L0->>L1: {:pong") + text.indexOf("L0-)L1: {:pong")).isGreaterThan(text.indexOf("L1->>L0: {:ping"));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("wrote ");
    }

    @Test
    void anUnknownLessonSaysSoAndExits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Headless.run("no-such-lesson", null, "", new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no lesson 'no-such-lesson'");
    }
}
