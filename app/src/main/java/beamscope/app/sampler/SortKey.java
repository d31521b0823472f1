package beamscope.app.sampler;

import java.util.Comparator;

/** The columns the process list can be sorted by. */
public enum SortKey {
    PID(Comparator.comparing(ProcessColumns::pid)),
    NAME(Comparator.comparing((ProcessColumns r) -> r.name() == null ? "" : r.name())),
    INITIAL_CALL(Comparator.comparing((ProcessColumns r) -> r.initialCall() == null ? "" : r.initialCall())),
    STATUS(Comparator.comparing(ProcessColumns::status, Comparator.nullsLast(Comparator.naturalOrder()))),
    PRIORITY(Comparator.comparing(ProcessColumns::priority, Comparator.nullsLast(Comparator.naturalOrder()))),
    REDUCTIONS(Comparator.comparingLong(ProcessColumns::reductions)),
    REDUCTIONS_PER_SECOND(Comparator.comparingDouble(ProcessColumns::reductionsPerSecond)),
    MESSAGE_QUEUE(Comparator.comparingInt(ProcessColumns::messageQueueLen)),
    MEMORY(Comparator.comparingLong(ProcessColumns::memory)),
    SCHEDULER(Comparator.comparingInt(ProcessColumns::scheduler)),
    PARENT(Comparator.comparing((ProcessColumns r) -> r.parent() == null ? beamscope.runtime.Pid.of(0) : r.parent())),
    RESTARTS(Comparator.comparingInt(ProcessColumns::restarts));

    private final Comparator<ProcessColumns> ascending;

    SortKey(Comparator<ProcessColumns> ascending) {
        this.ascending = ascending;
    }

    /** The order, ties broken by pid so the table does not flicker. */
    public Comparator<ProcessColumns> order(boolean descending) {
        Comparator<ProcessColumns> c = descending ? ascending.reversed() : ascending;
        return c.thenComparing(ProcessColumns::pid);
    }
}
