package beamscope.app.tree;

import beamscope.app.tree.TreeItem.Aggregate;
import beamscope.app.tree.TreeItem.Kind;
import beamscope.app.tree.TreeItem.StatusCounts;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The supervision tree at one moment, laid out left to right and ready to draw. Built off the FX
 * thread by {@link #from}, a pure function, and never changed afterwards.
 *
 * <p>Processes hang under their supervisor when the OTP layer names one, else under the process that
 * spawned them; processes without a live parent hang under the node. A group of more than
 * {@link #AGGREGATE_ABOVE} siblings is one {@link Kind#AGGREGATE} item that opens {@link #PAGE_SIZE}
 * at a time, so the cost of a frame is one pass over the processes plus the items shown.
 *
 * @param items      every item shown, parents before their children; item 0 is the node
 * @param rows       how many rows the layout uses
 * @param columns    how many columns (depth + 1 of the deepest item)
 * @param processes  how many processes the frame was built from
 * @param gone       the watched pids (usually those shown before) that are no longer alive
 */
public record TreeFrame(List<TreeItem> items, int rows, int columns, int processes, Set<Pid> gone,
        Map<Pid, Integer> indexByPid) {

    /** Sibling groups larger than this are drawn as one aggregate item. */
    public static final int AGGREGATE_ABOVE = 100;
    /** Processes per page of an opened aggregate. */
    public static final int PAGE_SIZE = 50;
    /** Past this many items, nodes with children are folded unless the user unfolded them. */
    public static final int MAX_ITEMS = 4000;
    /** Deeper than this, nodes with children are folded unless the user unfolded them. */
    public static final int MAX_DEPTH = 40;

    public static final TreeFrame EMPTY = new TreeFrame(List.of(), 0, 0, 0, Set.of(), Map.of());

    public TreeFrame {
        items = List.copyOf(items);
        gone = Set.copyOf(gone);
        indexByPid = Map.copyOf(indexByPid);
    }

    public static TreeFrame from(String nodeName, List<ProcessSummary> processes,
            Map<Pid, SupervisorInfo> supervisors, TreeShape shape) {
        return from(nodeName, processes, supervisors, shape, Set.of());
    }

    /**
     * Builds a frame. Runs on the sampler thread: one pass to group processes by parent, one to find
     * which parents are alive, then a walk over the items shown.
     *
     * @param watched pids whose death the caller wants to know about (reported in {@link #gone()})
     */
    public static TreeFrame from(String nodeName, List<ProcessSummary> processes,
            Map<Pid, SupervisorInfo> supervisors, TreeShape shape, Set<Pid> watched) {
        Map<Pid, Pid> supervisedBy = new HashMap<>();
        supervisors.forEach((sup, info) -> {
            for (SupervisorInfo.Child c : info.children()) if (c.pid() != null) supervisedBy.put(c.pid(), sup);
        });
        Map<Pid, Group> groups = new HashMap<>();
        Group roots = new Group();
        Set<Pid> alive = new HashSet<>();
        for (ProcessSummary p : processes) {
            Pid parent = supervisedBy.isEmpty() ? p.parent() : supervisedBy.getOrDefault(p.pid(), p.parent());
            Group g = parent == null ? roots : groups.computeIfAbsent(parent, k -> new Group());
            g.members.add(p);
            if (!watched.isEmpty() && watched.contains(p.pid())) alive.add(p.pid());
        }
        for (ProcessSummary p : processes) {
            Group g = groups.get(p.pid());
            if (g != null) g.owned = true;
        }
        for (Group g : groups.values()) if (!g.owned) roots.members.addAll(g.members);

        Set<Pid> gone = new HashSet<>(watched);
        gone.removeAll(alive);
        Layout layout = new Layout(groups, supervisors, shape);
        layout.placeNode(nodeName, roots);
        Map<Pid, Integer> index = new HashMap<>();
        for (TreeItem it : layout.items) if (it.isProcess()) index.put(it.pid(), it.index());
        return new TreeFrame(layout.items, (int) Math.ceil(layout.nextRow), layout.maxDepth + 1, processes.size(),
                gone, index);
    }

    /** The item showing this process, or null when it is not shown. */
    public TreeItem item(Pid pid) {
        Integer i = indexByPid.get(pid);
        return i == null ? null : items.get(i);
    }

    /** The items drawn directly under {@code item}, in order. */
    public List<TreeItem> childrenOf(TreeItem item) {
        List<TreeItem> out = new ArrayList<>();
        for (int i = item.index() + 1; i < items.size(); i++) if (items.get(i).parent() == item.index()) out.add(items.get(i));
        return out;
    }

    /** The parent item, or null for the node. */
    public TreeItem parentOf(TreeItem item) {
        return item.parent() < 0 ? null : items.get(item.parent());
    }

    /** Pids of every process shown: what the next frame should watch. */
    public Set<Pid> shownPids() {
        return indexByPid.keySet();
    }

    private static final class Group {
        final List<ProcessSummary> members = new ArrayList<>();
        boolean owned;
    }

    private static final class Layout {
        final Map<Pid, Group> groups;
        final Map<Pid, SupervisorInfo> supervisors;
        final TreeShape shape;
        final List<TreeItem> items = new ArrayList<>();
        double nextRow;
        int maxDepth;

        Layout(Map<Pid, Group> groups, Map<Pid, SupervisorInfo> supervisors, TreeShape shape) {
            this.groups = groups;
            this.supervisors = supervisors;
            this.shape = shape;
        }

        int reserve() {
            items.add(null);
            return items.size() - 1;
        }

        void placeNode(String name, Group roots) {
            int idx = reserve();
            double row = roots.members.isEmpty() ? nextRow++ : placeChildren(idx, TreeShape.NODE, roots.members, null, 1);
            items.set(idx, new TreeItem(idx, -1, Kind.NODE, null, name, 0, row, null, 0, null, -1,
                    roots.members.size(), false, null, null));
        }

        /** Places one process and what hangs under it; returns its row. */
        double placeProcess(ProcessSummary p, int parentIdx, int depth, SupervisorInfo.Child child) {
            int idx = reserve();
            maxDepth = Math.max(maxDepth, depth);
            Group g = groups.get(p.pid());
            SupervisorInfo info = supervisors.get(p.pid());
            int n = g == null ? 0 : g.members.size();
            boolean folded = n > 0 && (shape.collapsed().contains(p.pid())
                    || (!shape.expanded().contains(p.pid())
                        && (depth >= MAX_DEPTH || items.size() + Math.min(n, PAGE_SIZE) > MAX_ITEMS)));
            double row = n == 0 || folded ? nextRow++ : placeChildren(idx, p.pid(), g.members, info, depth + 1);
            Kind kind = info != null || (child != null && child.supervisor()) || looksLikeSupervisor(p)
                    ? Kind.SUPERVISOR : Kind.WORKER;
            items.set(idx, new TreeItem(idx, parentIdx, kind, p.pid(), name(p, child), depth, row, p.status(),
                    p.messageQueueLen(), child == null ? null : child.id(), child == null ? -1 : child.restartCount(),
                    n, folded, info, null));
            return row;
        }

        double placeChildren(int ownerIdx, Pid owner, List<ProcessSummary> members, SupervisorInfo info, int depth) {
            if (members.size() > AGGREGATE_ABOVE) return placeAggregate(ownerIdx, owner, members, info, depth);
            return placeAll(ownerIdx, ordered(members, info), info, depth);
        }

        double placeAll(int parentIdx, List<ProcessSummary> ordered, SupervisorInfo info, int depth) {
            Map<Pid, SupervisorInfo.Child> specs = specs(info);
            double first = -1, last = -1;
            for (ProcessSummary p : ordered) {
                double r = placeProcess(p, parentIdx, depth, specs.get(p.pid()));
                if (first < 0) first = r;
                last = r;
            }
            return (first + last) / 2;
        }

        double placeAggregate(int ownerIdx, Pid owner, List<ProcessSummary> members, SupervisorInfo info, int depth) {
            int idx = reserve();
            maxDepth = Math.max(maxDepth, depth);
            int[] byStatus = new int[ProcessStatus.values().length];
            long queue = 0;
            for (ProcessSummary p : members) {
                byStatus[p.status().ordinal()]++;
                queue += p.messageQueueLen();
            }
            int pages = (members.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            Integer asked = shape.pages().get(owner);
            int page = asked == null ? -1 : Math.min(asked, pages - 1);
            double row;
            if (page < 0) {
                row = nextRow++;
            } else {
                List<ProcessSummary> slice = new ArrayList<>(
                        members.subList(page * PAGE_SIZE, Math.min(members.size(), (page + 1) * PAGE_SIZE)));
                row = placeAll(idx, ordered(slice, info), info, depth + 1);
            }
            StatusCounts counts = new StatusCounts(byStatus[ProcessStatus.RUNNING.ordinal()],
                    byStatus[ProcessStatus.RUNNABLE.ordinal()], byStatus[ProcessStatus.WAITING.ordinal()],
                    byStatus[ProcessStatus.SUSPENDED.ordinal()], byStatus[ProcessStatus.EXITING.ordinal()]);
            items.set(idx, new TreeItem(idx, ownerIdx, Kind.AGGREGATE, owner,
                    String.format(Locale.ROOT, "%,d processes", members.size()), depth, row, null, (int) Math.min(queue,
                    Integer.MAX_VALUE), null, -1, members.size(), page < 0, null,
                    new Aggregate(members.size(), counts, queue, page, pages)));
            return row;
        }

        static Map<Pid, SupervisorInfo.Child> specs(SupervisorInfo info) {
            if (info == null) return Map.of();
            Map<Pid, SupervisorInfo.Child> m = new HashMap<>();
            for (SupervisorInfo.Child c : info.children()) if (c.pid() != null) m.put(c.pid(), c);
            return m;
        }

        /** Start order when the supervisor told it, else spawn order (pid order). */
        static List<ProcessSummary> ordered(List<ProcessSummary> members, SupervisorInfo info) {
            List<ProcessSummary> out = new ArrayList<>(members);
            Map<Pid, Integer> position = new HashMap<>();
            if (info != null) {
                List<SupervisorInfo.Child> cs = info.children();
                for (int i = 0; i < cs.size(); i++) if (cs.get(i).pid() != null) position.put(cs.get(i).pid(), i);
            }
            out.sort(Comparator.<ProcessSummary>comparingInt(p -> position.getOrDefault(p.pid(), Integer.MAX_VALUE))
                    .thenComparing(ProcessSummary::pid));
            return out;
        }

        static boolean looksLikeSupervisor(ProcessSummary p) {
            return p.initialCall() != null && p.initialCall().toLowerCase(Locale.ROOT).contains("supervisor");
        }

        static String name(ProcessSummary p, SupervisorInfo.Child child) {
            if (p.registeredName() != null) return p.registeredName();
            if (child != null && child.id() != null) return String.valueOf(child.id());
            if (p.initialCall() != null && !p.initialCall().isBlank()) return p.initialCall();
            return "process";
        }
    }
}
