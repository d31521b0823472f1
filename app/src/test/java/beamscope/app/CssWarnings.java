package beamscope.app;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what JavaFX's CSS engine warns about ("Could not resolve '-bs-fg' …", "Caught
 * ClassCastException … String cannot be cast to Paint …") while it is open. JavaFX logs those through
 * {@code System.Logger} "javafx.css", which lands in java.util.logging unless a test set up another backend.
 */
final class CssWarnings implements AutoCloseable {
    // held strongly: java.util.logging only keeps loggers weakly, and a collected logger drops its handler
    private final Logger logger = Logger.getLogger("javafx.css");
    private final List<String> lines = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.WARNING.intValue()) return;
            synchronized (lines) {
                lines.add(r.getMessage());
            }
        }

        @Override public void flush() {}

        @Override public void close() {}
    };

    private CssWarnings() {
        logger.addHandler(handler);
    }

    static CssWarnings record() {
        return new CssWarnings();
    }

    /** The warnings so far, oldest first. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
