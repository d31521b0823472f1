package beamscope.record;

import beamscope.runtime.Pid;
import java.util.List;

/** A supervisor in a recorded state: its children in start order. */
public record RecordedSupervisor(Pid pid, boolean dynamic, List<RecordedChild> children) {
    public RecordedSupervisor {
        children = List.copyOf(children);
    }
}
