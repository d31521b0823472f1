package beamscope.runtime.otp;

import beamscope.runtime.Pid;
import java.util.List;
import java.util.Optional;

/**
 * A supervisor as observers see it: flags and children in start order (left to right, the way a tree
 * is drawn). Immutable; read with {@link Observe#supervisor}.
 *
 * @param label       {@code "Supervisor"}, {@code "DynamicSupervisor"}, or the name it was started with
 * @param maxChildren for a DynamicSupervisor, its limit (-1 for infinity); -1 otherwise
 */
public record SupervisorView(Pid pid, Optional<String> name, String label, Strategy strategy, int intensity, int period,
        boolean dynamic, int maxChildren, List<ChildView> children) {}
