package beamscope.app;

/** Plain main class so the app runs from a classpath without the JavaFX launcher checks. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        javafx.application.Application.launch(BeamscopeApp.class, args);
    }
}
