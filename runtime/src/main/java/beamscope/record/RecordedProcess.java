package beamscope.record;

import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import java.util.List;

/**
 * One process in a recorded state. What a snapshot reads exactly but events do not carry is kept honest: a
 * status the events since the snapshot may have changed is unknown (null), and reductions are the count at the
 * last snapshot (unknown, -1, for a process spawned after it).
 *
 * @param registeredName its registered name, or "" for none
 * @param parent         the process that spawned it, or null
 * @param queueLen       messages in its mailbox
 * @param messages       the first messages of its mailbox as text (Elixir syntax), oldest first, at most the
 *                       recorder's mailbox cap
 * @param status         its status at the snapshot, kept while no recorded event touched it (a suspended process
 *                       stays suspended when a message arrives); null when unknown
 * @param reductions     its reductions at the last snapshot; -1 when unknown (spawned since, or an old file)
 * @param links          the processes it is linked to, in pid order; null when unknown (an old file, or a snapshot of
 *                       a node too big to read them)
 * @param monitors       what it monitors (a pid, or {@code {name, node}}), as text; null when unknown
 * @param priority       its priority at the last snapshot; null when unknown (spawned since, an old file, or a
 *                       snapshot of a node too big to read every process's info)
 * @param trapExit       whether it trapped exits at the last snapshot; null when unknown (as {@code priority}: the two
 *                       are read together)
 */
public record RecordedProcess(Pid pid, String registeredName, String initialCall, Pid parent, int queueLen,
        List<String> messages, ProcessStatus status, long reductions, List<Pid> links, List<String> monitors,
        Priority priority, Boolean trapExit) {
    public RecordedProcess {
        messages = List.copyOf(messages);
        links = links == null ? null : List.copyOf(ascending(links) ? links : new java.util.TreeSet<>(links)); // no copy of a kept list
        monitors = monitors == null ? null : List.copyOf(monitors);
    }

    private static boolean ascending(List<Pid> pids) {
        for (int i = 1; i < pids.size(); i++) if (pids.get(i - 1).compareTo(pids.get(i)) >= 0) return false;
        return true;
    }

    /** A process whose status, reductions, links, monitors, priority and trap exit are unknown (a version 1 file). */
    public RecordedProcess(Pid pid, String registeredName, String initialCall, Pid parent, int queueLen, List<String> messages) {
        this(pid, registeredName, initialCall, parent, queueLen, messages, null, -1, null, null);
    }

    /** A process whose priority and trap exit are unknown (a file before version 4). */
    public RecordedProcess(Pid pid, String registeredName, String initialCall, Pid parent, int queueLen, List<String> messages,
                           ProcessStatus status, long reductions, List<Pid> links, List<String> monitors) {
        this(pid, registeredName, initialCall, parent, queueLen, messages, status, reductions, links, monitors, null, null);
    }

    RecordedProcess withName(String name) {
        return new RecordedProcess(pid, name, initialCall, parent, queueLen, messages, status, reductions, links, monitors, priority, trapExit);
    }

    RecordedProcess withMailbox(int len, List<String> m) {
        return new RecordedProcess(pid, registeredName, initialCall, parent, len, m, status, reductions, links, monitors, priority, trapExit);
    }

    RecordedProcess withStatus(ProcessStatus s) {
        return s == status ? this : new RecordedProcess(pid, registeredName, initialCall, parent, queueLen, messages, s, reductions,
                links, monitors, priority, trapExit);
    }

    RecordedProcess withLinks(List<Pid> l) {
        return new RecordedProcess(pid, registeredName, initialCall, parent, queueLen, messages, status, reductions, l, monitors, priority, trapExit);
    }

    RecordedProcess withMonitors(List<String> m) {
        return new RecordedProcess(pid, registeredName, initialCall, parent, queueLen, messages, status, reductions, links, m, priority, trapExit);
    }
}
