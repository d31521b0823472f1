package beamscope.app.tree;

import beamscope.runtime.Pid;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import java.util.List;

/**
 * What the tree needs to know about one supervisor: the strategy, the restart intensity (at most
 * {@code intensity} restarts in {@code period} seconds) and the children in start order. The
 * {@link OtpProbe} reads it from the OTP layer; tests may build it directly. Without it the tree still
 * draws every process from its parent link.
 *
 * @param dynamic whether it is a DynamicSupervisor
 */
public record SupervisorInfo(Strategy strategy, int intensity, int period, boolean dynamic, List<Child> children) {

    public SupervisorInfo {
        children = List.copyOf(children);
    }

    /**
     * One child as {@code which_children} sees it, plus how often it was restarted.
     *
     * @param id         the child spec's id (a term), or null for dynamic children
     * @param pid        the running child, or null while it is not running
     * @param supervisor whether the child is itself a supervisor
     */
    public record Child(Object id, Pid pid, boolean supervisor, Restart restart, int restartCount) {}

    /** How the tree prints it: {@code one_for_all 3/5s}, or {@code dynamic 3/5s} (always one_for_one). */
    public String label() {
        return (dynamic ? "dynamic" : strategy.atomName()) + " " + intensity + "/" + period + "s";
    }
}
