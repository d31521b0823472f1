package beamscope.app.tree;

import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import java.util.List;
import java.util.Map;

/**
 * Asks the OTP layer about supervisors. Called on the sampler thread with the processes of one sample;
 * it should only look at the few processes that are supervisors.
 */
@FunctionalInterface
public interface SupervisorProbe {

    /** Without the OTP layer: the tree is drawn from parent links alone. */
    SupervisorProbe NONE = processes -> Map.of();

    Map<Pid, SupervisorInfo> supervisors(List<ProcessSummary> processes);
}
