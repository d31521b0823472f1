package beamscope.runtime;

/** A process's status as {@code process_info(P, status)} reports it (F20). */
public enum ProcessStatus {
    RUNNING, RUNNABLE, WAITING, EXITING, SUSPENDED;

    public Atom atom() {
        return Atom.of(name().toLowerCase(java.util.Locale.ROOT));
    }
}
