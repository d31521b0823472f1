package beamscope.runtime;

/** One row of the full process list ({@link Node#processes()}): cheap to take for a million processes. */
public record ProcessSummary(
        Pid pid,
        String registeredName,
        String initialCall,
        ProcessStatus status,
        Priority priority,
        long reductions,
        int messageQueueLen,
        long memory,
        int scheduler,
        Pid parent) {}
