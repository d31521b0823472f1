package beamscope.app.sampler;

import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;

/**
 * The table's columns of one process, as sorting and filtering see them: a finished {@link ProcessRow},
 * or the process the sampler's walk is visiting ({@link Visit}), so that a process that neither matches
 * the filter nor makes the top rows costs no row.
 */
sealed interface ProcessColumns permits ProcessRow, ProcessColumns.Visit {
    Pid pid();
    String name();
    String initialCall();
    ProcessStatus status();
    Priority priority();
    long reductions();
    double reductionsPerSecond();
    int messageQueueLen();
    long memory();
    int scheduler();
    Pid parent();
    int restarts();

    /**
     * Whether the lower-cased filter text occurs in the pid, name, initial call or status. Called for every
     * process on every walk, so it allocates only when the text could be part of a pid.
     */
    default boolean matches(String needle) {
        return contains(name(), needle) || contains(initialCall(), needle) || (status() != null && contains(status().name(), needle))
                || (couldBePid(needle) && contains(pid().toString(), needle));
    }

    private static boolean couldBePid(String needle) {
        for (int i = 0; i < needle.length(); i++)
            if ("#pid<.>0123456789".indexOf(needle.charAt(i)) < 0) return false;
        return true;
    }

    /** Case-insensitive {@code hay.contains(needle)} for a lower-case needle, without allocating. */
    static boolean contains(String hay, String needle) {
        if (hay == null) return false;
        for (int i = 0, last = hay.length() - needle.length(); i <= last; i++)
            if (hay.regionMatches(true, i, needle, 0, needle.length())) return true;
        return false;
    }

    /** The process being visited: one reusable view over its summary (the walk's thread only). */
    final class Visit implements ProcessColumns {
        private ProcessSummary s;
        private double rate;
        private int restarts;

        Visit at(ProcessSummary summary, double reductionsPerSecond, int restartCount) {
            s = summary;
            rate = reductionsPerSecond;
            restarts = restartCount;
            return this;
        }

        /** The row this process would be. */
        ProcessRow row() {
            return ProcessRow.of(s, rate, restarts);
        }

        @Override public Pid pid() { return s.pid(); }
        @Override public String name() { return s.registeredName(); }
        @Override public String initialCall() { return s.initialCall(); }
        @Override public ProcessStatus status() { return s.status(); }
        @Override public Priority priority() { return s.priority(); }
        @Override public long reductions() { return s.reductions(); }
        @Override public double reductionsPerSecond() { return rate; }
        @Override public int messageQueueLen() { return s.messageQueueLen(); }
        @Override public long memory() { return s.memory(); }
        @Override public int scheduler() { return s.scheduler(); }
        @Override public Pid parent() { return s.parent(); }
        @Override public int restarts() { return restarts; }
    }
}
