package beamscope.runtime;

import java.util.List;
import java.util.Optional;

/**
 * What {@code process_info/1} tells about a live process (F19–F22), read without stopping it: each
 * field is a recent value, and the whole is not one atomic picture.
 *
 * @param messages       the first queued messages, oldest first, at most the requested number
 * @param monitors       what this process monitors: pids, or {@code {name, node}} tuples (A24)
 * @param registeredName the registered name, or empty
 * @param initialCall    where the process started, e.g. {@code "Counter.init/1"}
 * @param currentBehavior the label of its current behaviour, or a class name
 * @param parent         the process that spawned it; empty for processes spawned from outside
 * @param ancestors      parent first: registered names where the ancestor had one, pids otherwise
 * @param scheduler      the scheduler it last ran on (0-based)
 * @param memory         an estimate in bytes
 * @param dictionary     the process dictionary ({@link ProcessContext#put})
 * @param linkCount      how many links there are (more than {@code links} holds when only a page was read,
 *                       {@link Node#processInfo(Pid, int, int)}); -1 when not known (as {@code links} is null)
 * @param monitorCount   the same for {@code monitors}
 * @param monitoredByCount the same for {@code monitoredBy}
 */
public record ProcessInfo(
        Pid pid,
        ProcessStatus status,
        int messageQueueLen,
        List<Object> messages,
        long reductions,
        Priority priority,
        boolean trapExit,
        List<Pid> links,
        List<Object> monitors,
        List<Pid> monitoredBy,
        Optional<String> registeredName,
        String initialCall,
        String currentBehavior,
        Optional<Pid> parent,
        List<Object> ancestors,
        int scheduler,
        long memory,
        java.util.Map<Object, Object> dictionary,
        int linkCount,
        int monitorCount,
        int monitoredByCount) {

    /** Every link, monitor and monitor-by read: the counts are the lists' sizes (-1 for a list not known). */
    public ProcessInfo(Pid pid, ProcessStatus status, int messageQueueLen, List<Object> messages, long reductions,
                       Priority priority, boolean trapExit, List<Pid> links, List<Object> monitors, List<Pid> monitoredBy,
                       Optional<String> registeredName, String initialCall, String currentBehavior, Optional<Pid> parent,
                       List<Object> ancestors, int scheduler, long memory, java.util.Map<Object, Object> dictionary) {
        this(pid, status, messageQueueLen, messages, reductions, priority, trapExit, links, monitors, monitoredBy,
                registeredName, initialCall, currentBehavior, parent, ancestors, scheduler, memory, dictionary,
                links == null ? -1 : links.size(), monitors == null ? -1 : monitors.size(),
                monitoredBy == null ? -1 : monitoredBy.size());
    }
}
