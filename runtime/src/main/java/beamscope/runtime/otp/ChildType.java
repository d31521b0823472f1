package beamscope.runtime.otp;

/** {@code :worker} or {@code :supervisor}. */
public enum ChildType {
    WORKER,
    SUPERVISOR;

    public String atomName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
