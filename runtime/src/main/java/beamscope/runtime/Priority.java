package beamscope.runtime;

/**
 * Process priority (F12–F15). {@code MAX} is meant for the runtime itself. Between queues the order
 * is strict; {@code NORMAL} and {@code LOW} share one queue where a low process runs on every
 * eighth turn at the head ({@code RESCHEDULE_LOW = 8}).
 */
public enum Priority {
    LOW, NORMAL, HIGH, MAX;

    private static final Priority[] BY_ORDINAL = values();

    /** The priority with this ordinal, without the array copy {@code values()} makes. */
    public static Priority ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }

    public Atom atom() {
        return Atom.of(name().toLowerCase(java.util.Locale.ROOT));
    }
}
