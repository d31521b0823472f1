package beamscope.app;

/**
 * Something the window tells the user in a pop-up notification (ControlsFX Notifications), besides the
 * event log: a supervisor gave up, a stress test ended.
 */
public record Notice(Level level, String title, String text) {
    public enum Level { INFORMATION, WARNING }
}
