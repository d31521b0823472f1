package beamscope.app.tree;

import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What happened between two frames, for the animations: processes that died (shown before, no longer
 * alive), the restarts that replaced them, and the processes that reacted (the parents of the dead:
 * a supervisor that restarts, or the parent of a supervisor that gave up).
 *
 * <p>A restart is a new pid under the same supervisor: matched by child id when the OTP layer gives
 * ids, otherwise the dead and the new children of one parent are paired in start order. A supervisor
 * that was itself restarted counts as the same parent, so a whole restarted subtree matches.
 */
public record TreeChanges(List<TreeItem> died, List<Restart> restarted, Set<Pid> reacted, List<Death> unmatched) {

    public static final TreeChanges NONE = new TreeChanges(List.of(), List.of(), Set.of(), List.of());

    /** {@code before} died, {@code after} took its place. */
    public record Restart(TreeItem before, TreeItem after) {}

    /** A process that died under {@code parent} (null: under the node), still waiting for its replacement. */
    public record Death(TreeItem item, Pid parent) {}

    public TreeChanges {
        died = List.copyOf(died);
        restarted = List.copyOf(restarted);
        reacted = Set.copyOf(reacted);
        unmatched = List.copyOf(unmatched);
    }

    public boolean isEmpty() {
        return died.isEmpty() && restarted.isEmpty();
    }

    /** Compares two frames; {@code after.gone()} must have been built watching {@code before}'s pids. */
    public static TreeChanges between(TreeFrame before, TreeFrame after) {
        return between(before, after, List.of());
    }

    /**
     * Compares two frames, also matching new processes to {@code earlier} deaths that had no
     * replacement yet (a frame may be taken between a child's death and its restart).
     */
    public static TreeChanges between(TreeFrame before, TreeFrame after, List<Death> earlier) {
        if (after.gone().isEmpty() && earlier.isEmpty()) return NONE;
        List<TreeItem> died = new ArrayList<>();
        for (Pid pid : after.gone()) {
            TreeItem it = before.item(pid);
            if (it != null) died.add(it);
        }
        died.sort(Comparator.comparingInt(TreeItem::depth).thenComparingInt(TreeItem::index));
        List<Death> deaths = new ArrayList<>(earlier);
        for (TreeItem dead : died) {
            TreeItem parent = before.parentOf(dead);
            deaths.add(new Death(dead, parent == null ? null : parent.pid()));
        }

        Map<Pid, Pid> renamed = new HashMap<>();          // dead pid -> the pid that replaced it
        Set<Pid> taken = new HashSet<>();                 // the dead (still drawn while fading) never replace anyone
        for (Death d : deaths) taken.add(d.item().pid());
        List<Restart> restarts = new ArrayList<>();
        List<Death> unmatched = new ArrayList<>();
        Set<Pid> reacted = new LinkedHashSet<>();
        for (TreeItem dead : died) {
            TreeItem parent = before.parentOf(dead);
            if (parent != null && parent.pid() != null && !after.gone().contains(parent.pid())) reacted.add(parent.pid());
        }
        for (Death d : deaths) {
            Pid newParentPid = d.parent() == null ? null : renamed.getOrDefault(d.parent(), d.parent());
            TreeItem newParent = newParentPid == null ? null : after.item(newParentPid);
            TreeItem replacement = newParent == null ? null : replacement(d.item(), before, after, newParent, taken);
            if (replacement != null) {
                taken.add(replacement.pid());
                renamed.put(d.item().pid(), replacement.pid());
                restarts.add(new Restart(d.item(), replacement));
            } else {
                unmatched.add(new Death(d.item(), newParentPid));
            }
        }
        return new TreeChanges(died, restarts, reacted, unmatched);
    }

    private static TreeItem replacement(TreeItem dead, TreeFrame before, TreeFrame after, TreeItem newParent,
            Set<Pid> taken) {
        List<TreeItem> fresh = new ArrayList<>();
        for (TreeItem c : after.childrenOf(newParent))
            if (c.isProcess() && before.item(c.pid()) == null && !taken.contains(c.pid())) fresh.add(c);
        if (fresh.isEmpty()) return null;
        if (dead.childId() != null) {
            for (TreeItem c : fresh) if (Objects.equals(c.childId(), dead.childId())) return c;
            return null;
        }
        return fresh.get(0);
    }
}
