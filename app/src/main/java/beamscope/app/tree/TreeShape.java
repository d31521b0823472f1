package beamscope.app.tree;

import beamscope.runtime.Pid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the user folded and unfolded: collapsed nodes, and the aggregate groups opened at some page
 * (keyed by the pid of the process whose children they are; null is the node itself). Immutable: the
 * sampler thread reads it while the FX thread replaces it.
 */
public record TreeShape(Set<Pid> collapsed, Set<Pid> expanded, Map<Pid, Integer> pages) {

    /** The key used for the node's own children (processes with no parent). */
    public static final Pid NODE = Pid.of(0);

    public static final TreeShape INITIAL = new TreeShape(Set.of(), Set.of(), Map.of());

    public TreeShape {
        collapsed = Set.copyOf(collapsed);
        expanded = Set.copyOf(expanded);
        pages = Map.copyOf(pages);
    }

    /** Folds an unfolded node, unfolds a folded one (also one folded automatically, see {@code autoCollapsed}). */
    public TreeShape toggle(Pid pid, boolean collapsedNow) {
        Set<Pid> c = new HashSet<>(collapsed), e = new HashSet<>(expanded);
        if (collapsedNow) {
            c.remove(pid);
            e.add(pid);
        } else {
            c.add(pid);
            e.remove(pid);
        }
        return new TreeShape(c, e, pages);
    }

    /** Opens the aggregate under {@code owner} at {@code page}, or closes it for a negative page. */
    public TreeShape page(Pid owner, int page) {
        Map<Pid, Integer> p = new HashMap<>(pages);
        if (page < 0) p.remove(owner);
        else p.put(owner, page);
        return new TreeShape(collapsed, expanded, p);
    }
}
