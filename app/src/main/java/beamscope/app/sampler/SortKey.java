package beamscope.app.sampler;

import java.util.Comparator;

/** The columns the process list can be sorted by. */
public enum SortKey {
    PID(Comparator.comparing(ProcessRow::pid)),
    NAME(Comparator.comparing(r -> r.name() == null ? "" : r.name())),
    INITIAL_CALL(Comparator.comparing(r -> r.initialCall() == null ? "" : r.initialCall())),
    STATUS(Comparator.comparing(ProcessRow::status)),
    PRIORITY(Comparator.comparing(ProcessRow::priority)),
    REDUCTIONS(Comparator.comparingLong(ProcessRow::reductions)),
    REDUCTIONS_PER_SECOND(Comparator.comparingDouble(ProcessRow::reductionsPerSecond)),
    MESSAGE_QUEUE(Comparator.comparingInt(ProcessRow::messageQueueLen)),
    MEMORY(Comparator.comparingLong(ProcessRow::memory)),
    SCHEDULER(Comparator.comparingInt(ProcessRow::scheduler)),
    PARENT(Comparator.comparing(r -> r.parent() == null ? beamscope.runtime.Pid.of(0) : r.parent())),
    RESTARTS(Comparator.comparingInt(ProcessRow::restarts));

    private final Comparator<ProcessRow> ascending;

    SortKey(Comparator<ProcessRow> ascending) {
        this.ascending = ascending;
    }

    /** The order, ties broken by pid so the table does not flicker. */
    public Comparator<ProcessRow> order(boolean descending) {
        Comparator<ProcessRow> c = descending ? ascending.reversed() : ascending;
        return c.thenComparing(ProcessRow::pid);
    }
}
