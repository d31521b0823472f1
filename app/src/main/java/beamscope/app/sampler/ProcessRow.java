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
        int restarts) {

    static ProcessRow of(ProcessSummary s, double reductionsPerSecond, int restarts) {
        return new ProcessRow(s.pid(), s.registeredName(), s.initialCall(), s.status(), s.priority(),
                s.reductions(), reductionsPerSecond, s.messageQueueLen(), s.memory(), s.scheduler(), s.parent(),
                restarts);
    }

    /** Whether the lower-cased filter text occurs in the pid, name, initial call or status. */
    boolean matches(String needle) {
        return pid.toString().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || (name != null && name.toLowerCase(java.util.Locale.ROOT).contains(needle))
                || (initialCall != null && initialCall.toLowerCase(java.util.Locale.ROOT).contains(needle))
                || status.name().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
