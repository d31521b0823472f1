package beamscope.app.tree;

import beamscope.runtime.Pid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the user folded and unfolded: collapsed nodes, and the aggregate groups opened at some page
 * (keyed by the pid of the process whose children they are; {@link #NODE} for the node itself), and
 * a process to bring into view ({@code reveal}, or null). Immutable: the sampler thread reads it while
 * the FX thread replaces it. Folding or paging clears {@code reveal}.
 */
public record TreeShape(Set<Pid> collapsed, Set<Pid> expanded, Map<Pid, Integer> pages, Pid reveal,
        Map<Fold, Integer> groupPages) {

    /** One of several aggregates under {@code owner}: the one of processes sharing {@code group}. */
    public record Fold(Pid owner, String group) {}

    /** The key used for the node's own children (processes with no parent). */
    public static final Pid NODE = Pid.of(0);

    public static final TreeShape INITIAL = new TreeShape(Set.of(), Set.of(), Map.of(), null, Map.of());

    public TreeShape {
        collapsed = Set.copyOf(collapsed);
        expanded = Set.copyOf(expanded);
        pages = Map.copyOf(pages);
        groupPages = Map.copyOf(groupPages);
    }

    public TreeShape(Set<Pid> collapsed, Set<Pid> expanded, Map<Pid, Integer> pages, Pid reveal) {
        this(collapsed, expanded, pages, reveal, Map.of());
    }

    /** The page asked for the aggregate of {@code group} under {@code owner} (null group: its only one), or null. */
    public Integer pageOf(Pid owner, String group) {
        return group == null ? pages.get(owner) : groupPages.get(new Fold(owner, group));
    }

    /** Opens the aggregate of {@code group} under {@code owner} at {@code page}, or closes it for a negative page. */
    public TreeShape page(Pid owner, String group, int page) {
        if (group == null) return page(owner, page);
        Map<Fold, Integer> g = new HashMap<>(groupPages);
        if (page < 0) g.remove(new Fold(owner, group));
        else g.put(new Fold(owner, group), page);
        return new TreeShape(collapsed, expanded, pages, null, g);
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
        return new TreeShape(c, e, pages, null, groupPages);
    }

    /** Opens the aggregate under {@code owner} at {@code page}, or closes it for a negative page. */
    public TreeShape page(Pid owner, int page) {
        Map<Pid, Integer> p = new HashMap<>(pages);
        if (page < 0) p.remove(owner);
        else p.put(owner, page);
        return new TreeShape(collapsed, expanded, p, null, groupPages);
    }

    /**
     * Shows this process even if it is folded away or on another page of an aggregate: its ancestors
     * are unfolded and the pages holding it opened, until the user folds or pages again.
     */
    public TreeShape reveal(Pid pid) {
        return new TreeShape(collapsed, expanded, pages, pid, groupPages);
    }
}
