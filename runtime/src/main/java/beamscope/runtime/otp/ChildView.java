package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import java.util.Optional;

/**
 * One child of a supervisor, as {@code which_children} and observers see it.
 *
 * @param id           the child spec id ({@code :undefined} under a DynamicSupervisor)
 * @param pid          the running process, or empty
 * @param status       running, restarting (a restart failed and is retried, D19) or undefined (not running)
 * @param restart      its restart type; null when not known (an observer of a real node could not read it)
 * @param restartCount how many times the supervisor has restarted this child (restart_child included); -1 when
 *                     not known (a real BEAM node's supervisor does not count per child)
 */
public record ChildView(Object id, Optional<Pid> pid, Status status, ChildType type, Restart restart, int restartCount) {

    public enum Status { RUNNING, RESTARTING, UNDEFINED }

    /** What Erlang's which_children shows: the pid, {@code :restarting} or {@code :undefined}. */
    public Object child() {
        return switch (status) {
            case RUNNING -> pid.orElseThrow();
            case RESTARTING -> Atom.of("restarting");
            case UNDEFINED -> Atom.UNDEFINED;
        };
    }
}
