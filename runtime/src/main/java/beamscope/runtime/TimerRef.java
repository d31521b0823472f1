package beamscope.runtime;

/** A timer started by {@code sendAfter}; cancel it with {@code cancelTimer}. */
public record TimerRef(long id) {
    @Override
    public String toString() {
        return "#Reference<0.0.1." + id + ">";
    }
}
