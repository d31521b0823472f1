package beamscope.app.observe;

import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.otp.ChildStart;
import java.util.Optional;

/**
 * The code behind each {@link ProcessKind}, which {@link LocalNode} starts on the embedded node (the demo's
 * example processes, {@code beamscope.app.demo.Examples#CATALOGUE}). Given to LocalNode, so this package
 * needs nothing from the demo.
 */
public interface Catalogue {

    /** Starts one unsupervised process of {@code kind}; waits for a GenServer's init. Throws if it fails. */
    Pid spawn(Node node, ProcessKind kind, Priority priority, Object crashOn);

    /** How a supervisor starts a process of {@code kind}. */
    ChildStart childStart(ProcessKind kind, Object crashOn);

    /** The state a plain receive loop of the catalogue keeps for the inspector, if {@code pid} is one. */
    Optional<Object> loopState(Node node, Pid pid);
}
