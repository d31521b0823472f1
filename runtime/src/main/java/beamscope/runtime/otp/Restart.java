package beamscope.runtime.otp;

/** A child's restart type (D12). */
public enum Restart {
    /** Always restarted, even after a {@code normal} exit. */
    PERMANENT,
    /** Restarted only after an abnormal exit (not normal, shutdown or {shutdown, _}). */
    TRANSIENT,
    /** Never restarted; its spec is removed when it exits. */
    TEMPORARY;

    public String atomName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** D12: should a child of this type be restarted after exiting with {@code reason}? */
    public boolean restartsAfter(Object reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !ProcLib.isNormalExit(reason);
            case TEMPORARY -> false;
        };
    }
}
