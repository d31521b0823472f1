package beamscope.app;

/** Plain main class so the app runs from a classpath without the JavaFX launcher checks. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        String attach = System.getProperty("attach", "");
        // -Dattach=NODE -Dprint=tree|processes: print a real node's trees or processes, no window;
        // -Dattach=NODE alone: the window, attached to that node (BeamscopeApp)
        if (!attach.isBlank() && !System.getProperty("print", "").isBlank()) {
            System.exit(beamscope.app.remote.Headless.run(attach, System.getProperty("cookie"), System.getProperty("print"),
                    System.out, System.err));
        }
        String stress = System.getProperty("stress", "");
        if (!stress.isBlank()) { // -Dstress=ID: run a stress scenario headless, print its figures
            System.exit(beamscope.app.stress.StressMain.run(stress, System::getProperty, System.out, System.err));
        }
        String sequence = System.getProperty("sequence", "");
        if (!sequence.isBlank()) { // -Dsequence=LESSON_ID [-Dsequence.out=FILE.mmd]: run a lesson headless, write its sequence diagram (Mermaid)
            System.exit(beamscope.app.sequence.Headless.run(sequence.strip(), System.getProperty("sequence.out"),
                    System.getProperty("sequence.dir", ""), System.out, System.err));
        }
        String replay = System.getProperty("replay", "");
        if (!replay.isBlank()) { // -Dreplay=FILE: print a saved recording's summary
            System.exit(beamscope.app.timeline.HeadlessRecording.replay(
                    beamscope.app.timeline.HeadlessRecording.resolve(replay, System.getProperty("exs.dir")), System.out, System.err));
        }
        String lesson = System.getProperty("lesson", "");
        String record = System.getProperty("record", "");
        if (!lesson.isBlank() && !record.isBlank()) { // -Dlesson=ID -Drecord=FILE: run it headless, save its recording
            System.exit(beamscope.app.timeline.HeadlessRecording.record(lesson.strip(),
                    beamscope.app.timeline.HeadlessRecording.resolve(record, System.getProperty("exs.dir")), System.out, System.err));
        }
        if (!lesson.isBlank()) { // -Dlesson=ID (or list): run a lesson headless and print its transcript
            System.exit(beamscope.app.lessons.Headless.run(lesson.strip(), System.out, System.err));
        }
        String exs = System.getProperty("exs", "");
        if (!exs.isBlank()) { // -Dexs=FILE.exs: run an Elixir script on an embedded node, as `elixir FILE.exs`
            System.exit(beamscope.elixir.Elixir.runFile(exs.strip(), System.getProperty("exs.dir", ""), System.out, System.err));
        }
        javafx.application.Application.launch(BeamscopeApp.class, args);
    }
}
