package beamscope.record;

import beamscope.runtime.Pid;
import java.util.List;

/**
 * One process in a recorded state.
 *
 * @param registeredName its registered name, or "" for none
 * @param parent         the process that spawned it, or null
 * @param queueLen       messages in its mailbox
 * @param messages       the first messages of its mailbox as text (Elixir syntax), oldest first, at most the
 *                       recorder's mailbox cap
 */
public record RecordedProcess(Pid pid, String registeredName, String initialCall, Pid parent, int queueLen,
        List<String> messages) {
    public RecordedProcess {
        messages = List.copyOf(messages);
    }
}
