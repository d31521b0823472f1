package beamscope.app.remote;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.Restart;
import java.util.List;
import java.util.Optional;

/** Supervision trees of a real node, as {@code which_children} shows them, recursively. */
public final class Supervision {
    private Supervision() {}

    /**
     * A supervisor.
     *
     * @param module    the callback module ({@code Elixir.Supervisor.Default} for a supervisor started without one)
     * @param strategy  {@code one_for_one}, {@code one_for_all}, {@code rest_for_one}, {@code simple_one_for_one},
     *                  or {@code unknown} when its state could not be read
     * @param intensity max restarts, or -1 when unknown
     * @param period    in seconds, or -1 when unknown
     * @param dynamic   an Elixir DynamicSupervisor or a simple_one_for_one: children come from start_child
     */
    public record Supervisor(Pid pid, Optional<String> name, String module, String strategy, int intensity, int period,
            boolean dynamic, List<Child> children) {

        /** Every supervisor and worker below, depth first, this one not included. */
        public int size() {
            int n = 0;
            for (Child c : children) n += 1 + c.subtree().map(Supervisor::size).orElse(0);
            return n;
        }
    }

    /**
     * One child as {@code which_children} gives it.
     *
     * @param id      the child spec id ({@code undefined} under a DynamicSupervisor)
     * @param pid     the running process; empty when it is {@code undefined} or {@code restarting}
     * @param state   {@code running}, {@code restarting} or {@code undefined}
     * @param subtree for a running child that is itself a supervisor, what is under it
     * @param restart its restart type, from the supervisor's state; empty when that could not be read
     */
    public record Child(Object id, Optional<Pid> pid, Atom state, ChildType type, Object modules,
            Optional<Supervisor> subtree, Optional<Restart> restart) {}

    /**
     * An application that {@code application:which_applications()} lists.
     *
     * @param master the application master (empty for a library application, which has no processes)
     * @param tree   its top supervisor and everything below
     */
    public record Application(Atom name, String description, String version, Optional<Pid> master,
            Optional<Supervisor> tree) {}
}
