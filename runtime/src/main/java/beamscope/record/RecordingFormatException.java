package beamscope.record;

/** A recording file that cannot be read: not a recording, a version this build does not know, or cut short/corrupt. */
public final class RecordingFormatException extends Exception {
    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
