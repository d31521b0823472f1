package beamscope.app.tree;

import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.SupervisorView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads supervisors from the OTP layer ({@link Observe#supervisor}), for {@link TreeSource} (tests and
 * screenshots). Only processes {@link Observe#isSupervisor} names are asked, so a sample of a million
 * processes costs one string test each.
 */
public final class OtpProbe implements SupervisorProbe {

    private final Function<Pid, Optional<SupervisorView>> supervisor;

    public OtpProbe(Node node) {
        this(pid -> Observe.supervisor(node, pid));
    }

    /** Over any source of supervisor views (e.g. the app's observation interface). */
    public OtpProbe(Function<Pid, Optional<SupervisorView>> supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public Map<Pid, SupervisorInfo> supervisors(List<ProcessSummary> processes) {
        Map<Pid, SupervisorInfo> out = new HashMap<>();
        for (ProcessSummary p : processes) {
            if (!Observe.isSupervisor(p)) continue;
            supervisor.apply(p.pid()).ifPresent(v -> out.put(p.pid(), SupervisorInfo.of(v)));
        }
        return out;
    }

}
