package beamscope.app.sampler;

import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;

/** One process as the table shows it: the runtime's summary plus rates the sampler computed. */
public record ProcessRow(
        Pid pid,
        String name,
        String initialCall,
        ProcessStatus status,
        Priority priority,
        long reductions,
        double reductionsPerSecond,
        int messageQueueLen,
        long memory,
        int scheduler,
        Pid parent,
        String parentName,
        int restarts) {

    static ProcessRow of(ProcessSummary s, double reductionsPerSecond, int restarts) {
        return new ProcessRow(s.pid(), s.registeredName(), s.initialCall(), s.status(), s.priority(),
                s.reductions(), reductionsPerSecond, s.messageQueueLen(), s.memory(), s.scheduler(), s.parent(), null,
                restarts);
    }

    ProcessRow withParentName(String n) {
        return new ProcessRow(pid, name, initialCall, status, priority, reductions, reductionsPerSecond,
                messageQueueLen, memory, scheduler, parent, n, restarts);
    }

    /**
     * Whether the lower-cased filter text occurs in the pid, name, initial call or status. Called for every
     * process on every sample, so it allocates only when the text could be part of a pid.
     */
    boolean matches(String needle) {
        return contains(name, needle) || contains(initialCall, needle) || contains(status.name(), needle)
                || (couldBePid(needle) && contains(pid.toString(), needle));
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
}
