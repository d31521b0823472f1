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
        javafx.application.Application.launch(BeamscopeApp.class, args);
    }
}
