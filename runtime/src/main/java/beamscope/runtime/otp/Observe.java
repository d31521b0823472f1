package beamscope.runtime.otp;

import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Terms;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read-only views of the OTP processes of a node, for the GUI's tree and inspector. Every method may
 * be called from any thread, never messages a process, and works while the schedulers are paused: OTP
 * processes publish what they are in their dictionary (key {@code $beamscope}).
 */
public final class Observe {
    private Observe() {}

    /** The default bound on a rendered state. */
    public static final int STATE_LIMIT = 2000;

    /**
     * A supervisor or DynamicSupervisor, or empty if {@code pid} is not a live one. O(n) in its children
     * when it changed since the last call (the view is built here, not by the supervisor), O(1) otherwise.
     */
    public static Optional<SupervisorView> supervisor(Node node, Pid pid) {
        return node.dictionaryGet(pid, ProcLib.OBSERVED)
                .flatMap(o -> o instanceof Published.Supervisor s ? Optional.ofNullable(s.view()) : Optional.empty());
    }

    /**
     * Whether {@code pid} is a live DynamicSupervisor ({@code true}) or Supervisor ({@code false}); empty if
     * neither. O(1), where {@link #supervisor} lists every child (and builds that list again after a change).
     */
    public static Optional<Boolean> dynamicSupervisor(Node node, Pid pid) {
        return node.dictionaryGet(pid, ProcLib.OBSERVED)
                .flatMap(o -> o instanceof Published.Supervisor s ? Optional.of(s.dynamic) : Optional.empty());
    }

    /** A GenServer or Agent with its state rendered up to {@value #STATE_LIMIT} characters. */
    public static Optional<ServerView> server(Node node, Pid pid) {
        return server(node, pid, STATE_LIMIT);
    }

    public static Optional<ServerView> server(Node node, Pid pid, int limitChars) {
        return node.dictionaryGet(pid, ProcLib.OBSERVED).flatMap(o -> o instanceof Published.Server s
                ? Optional.of(new ServerView(pid, s.label, Terms.inspect(s.state, limitChars)))
                : Optional.empty());
    }

    /**
     * Whether {@code p} is a supervisor (static or dynamic), told by the initial call this layer gives every
     * supervisor it starts ({@code "Supervisor.init/1"}, {@code "DynamicSupervisor.init/1"}): one string
     * comparison, cheap enough for every process of a walk over a million. {@link #supervisor} then reads it.
     */
    public static boolean isSupervisor(ProcessSummary p) {
        String ic = p.initialCall();
        return SUPERVISOR_INIT.equals(ic) || DYNAMIC_SUPERVISOR_INIT.equals(ic);
    }

    /** As Supervisor and DynamicSupervisor start them. */
    public static final String SUPERVISOR_INIT = "Supervisor.init/1", DYNAMIC_SUPERVISOR_INIT = "DynamicSupervisor.init/1";

    /**
     * Every live supervisor of the node (static and dynamic), by pid ({@link #isSupervisor} and published);
     * a root of the tree is one whose parent is not in this list.
     */
    public static List<Pid> supervisors(Node node) {
        List<Pid> out = new ArrayList<>();
        node.forEachProcess(p -> {
            if (isSupervisor(p) && node.dictionaryGet(p.pid(), ProcLib.OBSERVED).orElse(null) instanceof Published.Supervisor)
                out.add(p.pid());
        });
        return out;
    }

    /** Every live GenServer and Agent of the node. */
    public static List<Pid> servers(Node node) {
        List<Pid> out = new ArrayList<>();
        node.forEachProcess(p -> {
            if (node.dictionaryGet(p.pid(), ProcLib.OBSERVED).orElse(null) instanceof Published.Server) out.add(p.pid());
        });
        return out;
    }
}
