package beamscope.app.tree;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.SupervisorView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads supervisors from the OTP layer ({@link Observe#supervisor}). Only processes whose initial call
 * names a supervisor ({@code Supervisor.init/1}, {@code DynamicSupervisor.init/1}) are asked, so a
 * sample of a million processes costs one string test each.
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
            String call = p.initialCall();
            if (call == null || !call.contains("Supervisor")) continue;
            supervisor.apply(p.pid()).ifPresent(v -> out.put(p.pid(), info(v)));
        }
        return out;
    }

    /** The tree's view of an OTP supervisor. */
    public static SupervisorInfo info(SupervisorView v) {
        List<SupervisorInfo.Child> children = new ArrayList<>(v.children().size());
        for (ChildView c : v.children()) {
            Object id = c.id() == Atom.UNDEFINED ? null : c.id();
            children.add(new SupervisorInfo.Child(id, c.pid().orElse(null), c.type() == ChildType.SUPERVISOR,
                    c.restart(), c.restartCount()));
        }
        return new SupervisorInfo(v.strategy(), v.intensity(), v.period(), v.dynamic(), children);
    }
}
