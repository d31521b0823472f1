package beamscope.app.timeline;

import beamscope.app.lessons.Headless;
import beamscope.app.lessons.Lesson;
import beamscope.app.lessons.Lessons;
import beamscope.record.Recorder;
import beamscope.record.Recording;
import beamscope.record.RecordingFile;
import beamscope.record.RecordingFormatException;
import beamscope.runtime.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Recordings without a window: {@code -Dlesson=ID -Drecord=FILE} runs a lesson on a fresh node while recording it
 * and saves the recording; {@code -Dreplay=FILE} prints a saved recording's summary.
 */
public final class HeadlessRecording {
    private HeadlessRecording() {}

    /** How often a headless recording snapshots the node. */
    static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(1);

    /** A relative file name is taken from {@code dir} (the directory mvn ran in), when given. */
    public static Path resolve(String file, String dir) {
        Path p = Path.of(file.strip());
        return p.isAbsolute() || dir == null || dir.isBlank() ? p : Path.of(dir).resolve(p);
    }

    /** Runs the lesson while recording; returns the lesson's exit status, 1 when the file cannot be written, 2 for an unknown lesson. */
    public static int record(String lessonId, Path file, PrintStream out, PrintStream err) {
        Lesson lesson = Lessons.find(lessonId).orElse(null);
        if (lesson == null) {
            err.println("beamscope: no lesson '" + lessonId + "'; -Dlesson=list prints the ids");
            return 2;
        }
        int status;
        Recording recording;
        try (Node node = Node.start(); Recorder recorder = Recorder.start(node, Recorder.Limits.DEFAULT, SNAPSHOT_EVERY)) {
            status = Headless.run(lesson, node, out);
            recorder.snapshotNow();
            recording = recorder.recording();
        }
        try {
            RecordingFile.save(recording, file);
        } catch (IOException e) {
            err.println("beamscope: cannot write the recording " + file + ": " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("Recorded " + recording.events().size() + " events and " + recording.snapshots().size() + " snapshots to "
                + file);
        out.flush();
        return status;
    }

    /** Prints the recording's summary and returns 0, or prints why it cannot be read and returns 1. */
    public static int replay(Path file, PrintStream out, PrintStream err) {
        try {
            Recording r = RecordingFile.load(file);
            out.println("recording " + file);
            out.print(r.summary());
            out.flush();
            return 0;
        } catch (RecordingFormatException e) {
            err.println("beamscope: " + file + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
