package beamscope.app.tree;

import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.SupervisorView;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link TreeSource} reads, as functions, so the app can route it through its own observation
 * interface: {@code new TreeInputs(name, observed::processes, observed::supervisor, observed::exitReason,
 * observed::subscribe)}. Every function is called on the sampler thread and must not block.
 */
public record TreeInputs(
        String nodeName,
        Supplier<List<ProcessSummary>> processes,
        Function<Pid, Optional<SupervisorView>> supervisor,
        Function<Pid, Optional<Object>> exitReason,
        BiFunction<EventFilter, Integer, EventSubscription> subscribe) {

    /** Straight from a node. */
    public static TreeInputs of(Node node) {
        return new TreeInputs(node.config().name(), node::processes, pid -> Observe.supervisor(node, pid),
                node::exitReason, node::subscribe);
    }
}
