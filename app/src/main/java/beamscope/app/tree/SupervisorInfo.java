package beamscope.app.tree;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.util.List;

/**
 * What the tree needs to know about one supervisor: the strategy, the restart intensity (at most
 * {@code intensity} restarts in {@code period} seconds) and the children in start order. The sampler
 * makes it from the OTP layer's {@link SupervisorView} ({@link #of}); tests may build it directly. Without it the tree still
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

    /** The tree's view of an OTP supervisor. */
    public static SupervisorInfo of(SupervisorView v) {
        List<Child> children = new java.util.ArrayList<>(v.children().size());
        for (ChildView c : v.children()) {
            Object id = c.id() == Atom.UNDEFINED ? null : c.id();
            children.add(new Child(id, c.pid().orElse(null), c.type() == ChildType.SUPERVISOR, c.restart(), c.restartCount()));
        }
        return new SupervisorInfo(v.strategy(), v.intensity(), v.period(), v.dynamic(), children);
    }

    /** How the tree prints it: {@code one_for_all 3/5s}, or {@code dynamic 3/5s} (always one_for_one). */
    public String label() {
        return (dynamic ? "dynamic" : strategy.atomName()) + " " + intensity + "/" + period + "s";
    }
}
