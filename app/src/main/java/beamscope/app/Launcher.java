package beamscope.app;

/** Plain main class so the app runs from a classpath without the JavaFX launcher checks. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        String attach = System.getProperty("attach", "");
        if (!attach.isBlank()) { // -Dattach=NODE: print a real node's trees or processes, no window
            System.exit(beamscope.app.remote.Headless.run(attach, System.getProperty("cookie"), System.getProperty("print"),
                    System.out, System.err));
        }
        String lesson = System.getProperty("lesson", "");
        if (!lesson.isBlank()) { // -Dlesson=ID (or list): run a lesson headless and print its transcript
            System.exit(beamscope.app.lessons.Headless.run(lesson.strip(), System.out, System.err));
        }
        javafx.application.Application.launch(BeamscopeApp.class, args);
    }
}
