package beamscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.record.Recording;
import beamscope.record.RecordingFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code -Dlesson=ID -Drecord=FILE} and {@code -Dreplay=FILE} do, through the entry points the Launcher calls. */
class HeadlessRecordingTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void aLessonRunsHeadlessAndItsRecordingReplaysToASummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spawn.bsrec");
        int status = HeadlessRecording.record("spawn-basics", file, o, e);
        assertThat(status).as("lesson status; out:%n%s%nerr:%n%s", out, err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Recorded ").contains(file.toString());
        Recording r = RecordingFile.load(file);
        assertThat(r.countsByKind()).containsKey("Spawn").containsKey("Exit");

        out.reset();
        assertThat(HeadlessRecording.replay(file, o, e)).isZero();
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary).contains("format version: " + RecordingFile.VERSION).contains("time span: ").contains("Spawn: " + r.countsByKind().get("Spawn"));
    }

    @Test
    void aCorruptOrUnknownFileIsAnErrorWithExitStatus1(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bsrec");
        Files.writeString(junk, "not a recording at all");
        assertThat(HeadlessRecording.replay(junk, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("junk.bsrec").contains("not a Beamscope recording");

        err.reset();
        assertThat(HeadlessRecording.replay(dir.resolve("missing.bsrec"), o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.bsrec");
    }

    @Test
    void anUnknownLessonIsNotRecorded(@TempDir Path dir) {
        assertThat(HeadlessRecording.record("no-such-lesson", dir.resolve("x.bsrec"), o, e)).isEqualTo(2);
        assertThat(dir.resolve("x.bsrec")).doesNotExist();
    }

    @Test
    void relativeFilesAreTakenFromTheDirectoryMavenRanIn() {
        assertThat(HeadlessRecording.resolve("a.bsrec", "/tmp/x")).isEqualTo(Path.of("/tmp/x/a.bsrec"));
        assertThat(HeadlessRecording.resolve("/abs/a.bsrec", "/tmp/x")).isEqualTo(Path.of("/abs/a.bsrec"));
        assertThat(HeadlessRecording.resolve("a.bsrec", "")).isEqualTo(Path.of("a.bsrec"));
    }
}
