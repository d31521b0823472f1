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
        int restarts) implements ProcessColumns {

    static ProcessRow of(ProcessSummary s, double reductionsPerSecond, int restarts) {
        return new ProcessRow(s.pid(), s.registeredName(), s.initialCall(), s.status(), s.priority(),
                s.reductions(), reductionsPerSecond, s.messageQueueLen(), s.memory(), s.scheduler(), s.parent(), null,
                restarts);
    }

    ProcessRow withParentName(String n) {
        return new ProcessRow(pid, name, initialCall, status, priority, reductions, reductionsPerSecond,
                messageQueueLen, memory, scheduler, parent, n, restarts);
    }
}
