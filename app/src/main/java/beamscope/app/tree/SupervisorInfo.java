package beamscope.app.tree;

import beamscope.runtime.Pid;
import java.util.List;

/**
 * What the tree needs to know about one supervisor, when the OTP layer can tell it: the strategy, the
 * restart intensity (at most {@code intensity} restarts in {@code period} seconds) and the children in
 * start order. Without it the tree still draws every process from its parent link.
 */
public record SupervisorInfo(Strategy strategy, int intensity, int period, List<Child> children) {

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
    public record Child(Object id, Pid pid, boolean supervisor, RestartType restart, int restartCount) {}

    public enum RestartType { PERMANENT, TRANSIENT, TEMPORARY }
}
