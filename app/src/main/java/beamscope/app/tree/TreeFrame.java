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
 * at a time (or, when some of the siblings are supervisors or parents, those stay in view and the others
 * fold by initial call), so the cost of a frame is one pass over the processes plus the items shown.
 *
 * @param items      every item shown, parents before their children; item 0 is the node
 * @param rows       how many rows the layout uses
 * @param columns    how many columns (depth + 1 of the deepest item)
 * @param processes  how many processes the frame was built from
 * @param gone       the watched pids (usually those shown before) that are no longer alive
 */
public record TreeFrame(List<TreeItem> items, int rows, int columns, int processes, Set<Pid> gone,
        Map<Pid, Integer> indexByPid, Map<Pid, String> exitReasons) {

    /** Sibling groups larger than this are drawn as one aggregate item. */
    public static final int AGGREGATE_ABOVE = 100;
    /** Processes per page of an opened aggregate. */
    public static final int PAGE_SIZE = 50;
    /** At most this many aggregates under one owner, by initial call; the smaller groups share the last. */
    public static final int MAX_GROUPS = 8;
    /** The group of the processes whose initial calls were too few each for an aggregate of their own. */
    public static final String OTHER_GROUP = "other initial calls";
    /** Past this many items, nodes with children are folded unless the user unfolded them. */
    public static final int MAX_ITEMS = 4000;
    /** Deeper than this, nodes with children are folded unless the user unfolded them. */
    public static final int MAX_DEPTH = 40;

    public static final TreeFrame EMPTY = new TreeFrame(List.of(), 0, 0, 0, Set.of(), Map.of(), Map.of());

    public TreeFrame {
        items = List.copyOf(items);
        gone = Set.copyOf(gone);
        indexByPid = Map.copyOf(indexByPid);
        exitReasons = Map.copyOf(exitReasons);
    }

    /**
     * Frames compare by identity: each walk lays out a new one. Compared by value, a frame would be compared
     * item by item, down to every child of every supervisor shown (100,000 for a big DynamicSupervisor), on
     * the FX thread, each time the tree's frame property changes and tells its listeners.
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /**
     * The same frame with why the {@link #gone()} processes exited ({@code killed}, {@code shutdown},
     * {@code gave up: too many restarts}…), as the sampler learnt it from the node.
     */
    public TreeFrame withExitReasons(Map<Pid, String> reasons) {
        return new TreeFrame(items, rows, columns, processes, gone, indexByPid, reasons);
    }

    public static TreeFrame from(String nodeName, List<ProcessSummary> processes,
            Map<Pid, SupervisorInfo> supervisors, TreeShape shape) {
        return from(nodeName, processes, supervisors, shape, Set.of());
    }

    /**
     * Builds a frame. Runs on the sampler thread: one pass over the processes to group them by parent
     * (a primitive pid index, no per-process objects), two passes over int/long arrays to find which
     * parents are alive and to lay the groups out in one member array, then a walk over the items
     * shown. The pages of an aggregate follow the order the processes were listed in (the node's
     * process table order, stable while they live); each page is shown in start (pid) order.
     *
     * @param watched pids whose death the caller wants to know about (reported in {@link #gone()})
     */
    public static TreeFrame from(String nodeName, List<ProcessSummary> processes,
            Map<Pid, SupervisorInfo> supervisors, TreeShape shape, Set<Pid> watched) {
        return from(nodeName, processes, supervisors, shape, watched, List.of());
    }

    /**
     * Builds a frame that also keeps {@code phantoms} in place: processes that died a moment ago and
     * were not restarted, so the layout holds their slot while they fade out instead of jumping.
     */
    public static TreeFrame from(String nodeName, List<ProcessSummary> live,
            Map<Pid, SupervisorInfo> supervisors, TreeShape shape, Set<Pid> watched, List<ProcessSummary> phantoms) {
        List<ProcessSummary> processes = phantoms.isEmpty() ? live : new java.util.AbstractList<>() {
            final int n = live.size();
            @Override public ProcessSummary get(int i) { return i < n ? live.get(i) : phantoms.get(i - n); }
            @Override public int size() { return n + phantoms.size(); }
        };
        // supervisors' children hang under their supervisor whoever spawned them
        List<Pid> supervisorPids = new ArrayList<>();
        PidIndex supervisedBy = new PidIndex(16);
        supervisors.forEach((sup, info) -> {
            for (SupervisorInfo.Child c : info.children())
                if (c.pid() != null && supervisedBy.putIfAbsent(c.pid(), supervisorPids.size()) == supervisorPids.size())
                    supervisorPids.add(sup);
        });
        PidIndex watch = new PidIndex(watched.size());
        for (Pid p : watched) watch.putIfAbsent(p, 0);

        // pass 1: a group per parent, counted; pass 2: which groups have a live owner
        int n = processes.size();
        PidIndex groupOf = new PidIndex(1024);
        int[] groupOfProcess = new int[n];
        long[] keys = new long[n];                 // each process read once; later passes use arrays
        int[] counts = new int[1024];
        List<Pid> owners = new ArrayList<>();
        Set<Pid> alive = new HashSet<>();
        boolean supervised = supervisedBy.size() > 0, watching = watch.size() > 0;
        for (int i = 0; i < n; i++) {
            ProcessSummary p = processes.get(i);
            long key = PidIndex.key(p.pid());
            keys[i] = key;
            Pid parent = p.parent();
            if (supervised) {
                int s = supervisedBy.get(key);
                if (s >= 0) parent = supervisorPids.get(s);
            }
            int g = -1;
            if (parent != null) {
                g = groupOf.putIfAbsent(parent, groupOf.size());
                if (g == owners.size()) owners.add(parent);
                if (g == counts.length) counts = java.util.Arrays.copyOf(counts, counts.length * 2);
                counts[g]++;
            }
            groupOfProcess[i] = g;
            if (watching && watch.get(key) >= 0) alive.add(p.pid());
        }
        int groups = groupOf.size();
        boolean[] owned = new boolean[groups];
        int[] ownerIndex = new int[groups];
        for (int i = 0; i < n; i++) {
            int g = groupOf.get(keys[i]);
            if (g >= 0) {
                owned[g] = true;
                ownerIndex[g] = i;
            }
        }
        // members of each group, contiguous (a counting sort); roots and orphans hang under the node
        int[] offsets = new int[groups + 1];
        for (int g = 0; g < groups; g++) offsets[g + 1] = offsets[g] + counts[g];
        int[] members = new int[offsets[groups]];
        int[] fill = java.util.Arrays.copyOf(offsets, groups);
        List<ProcessSummary> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int g = groupOfProcess[i];
            if (g >= 0 && owned[g]) members[fill[g]++] = i;
            else roots.add(processes.get(i));
        }
        Children children = new Children(processes, groupOf, offsets, members);

        // bring one process into view: unfold its ancestors (the aggregate holding it opens at its page)
        Set<Pid> forceOpen = new HashSet<>(), revealPath = new HashSet<>();
        if (shape.reveal() != null) {
            long want = PidIndex.key(shape.reveal());
            int c = -1;
            for (int i = 0; i < n && c < 0; i++) if (keys[i] == want) c = i;
            for (int guard = 0; c >= 0 && guard < MAX_DEPTH; guard++) {
                revealPath.add(processes.get(c).pid());
                int g = groupOfProcess[c];
                if (g < 0 || !owned[g]) break;
                forceOpen.add(owners.get(g));
                c = ownerIndex[g];
            }
        }

        Set<Pid> gone = new HashSet<>(watched);
        gone.removeAll(alive);
        Layout layout = new Layout(children, supervisors, shape, forceOpen, revealPath);
        layout.placeNode(nodeName, roots);
        Map<Pid, Integer> index = new HashMap<>();
        for (TreeItem it : layout.items) if (it.isProcess()) index.put(it.pid(), it.index());
        return new TreeFrame(layout.items, (int) Math.ceil(layout.nextRow), layout.maxDepth + 1, live.size(),
                gone, index, Map.of());
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

    /** The processes under each parent: slices of one index array, seen as lists without copying. */
    private record Children(List<ProcessSummary> processes, PidIndex groupOf, int[] offsets, int[] members) {
        List<ProcessSummary> of(Pid parent) {
            int g = groupOf.get(parent);
            if (g < 0 || offsets[g] == offsets[g + 1]) return List.of();
            int from = offsets[g], to = offsets[g + 1];
            return new java.util.AbstractList<>() {
                @Override public ProcessSummary get(int i) { return processes.get(members[from + i]); }
                @Override public int size() { return to - from; }
            };
        }
    }

    private static final class Layout {
        final Children children;
        final Map<Pid, SupervisorInfo> supervisors;
        final TreeShape shape;
        final List<TreeItem> items = new ArrayList<>();
        double nextRow;
        int maxDepth;

        final Set<Pid> forceOpen;
        /** The process to bring into view and its ancestors: an aggregate holding one opens at its page. */
        final Set<Pid> revealPath;

        Layout(Children children, Map<Pid, SupervisorInfo> supervisors, TreeShape shape, Set<Pid> forceOpen,
                Set<Pid> revealPath) {
            this.forceOpen = forceOpen;
            this.revealPath = revealPath;
            this.children = children;
            this.supervisors = supervisors;
            this.shape = shape;
        }

        int reserve() {
            items.add(null);
            return items.size() - 1;
        }

        void placeNode(String name, List<ProcessSummary> roots) {
            int idx = reserve();
            double row = roots.isEmpty() ? nextRow++ : placeChildren(idx, TreeShape.NODE, roots, null, 1);
            items.set(idx, new TreeItem(idx, -1, Kind.NODE, null, name, 0, row, null, 0, null, -1,
                    roots.size(), false, null, null));
        }

        /** Places one process and what hangs under it; returns its row. */
        double placeProcess(ProcessSummary p, int parentIdx, int depth, SupervisorInfo.Child child) {
            int idx = reserve();
            maxDepth = Math.max(maxDepth, depth);
            List<ProcessSummary> kids = children.of(p.pid());
            SupervisorInfo info = supervisors.get(p.pid());
            int n = kids.size();
            boolean folded = n > 0 && !forceOpen.contains(p.pid()) && (shape.collapsed().contains(p.pid())
                    || (!shape.expanded().contains(p.pid())
                        && (depth >= MAX_DEPTH || items.size() + Math.min(n, PAGE_SIZE) > MAX_ITEMS)));
            double row = n == 0 || folded ? nextRow++ : placeChildren(idx, p.pid(), kids, info, depth + 1);
            Kind kind = info != null || (child != null && child.supervisor()) ? Kind.SUPERVISOR : Kind.WORKER;
            items.set(idx, new TreeItem(idx, parentIdx, kind, p.pid(), name(p, child), depth, row, p.status(),
                    p.messageQueueLen(), child == null ? null : child.id(), child == null ? -1 : child.restartCount(),
                    n, folded, info, null));
            return row;
        }

        /**
         * Places an owner's children: each on its own, or, past {@link #AGGREGATE_ABOVE}, folded. Folding
         * keeps the owner's supervisors and the processes with children of their own in view (unless there
         * are more of those than the threshold too) and folds the others, one aggregate per initial call
         * (the {@link #MAX_GROUPS} largest; the rest together), so a hundred thousand unsupervised processes
         * under the node never hide the supervision trees beside them.
         */
        double placeChildren(int ownerIdx, Pid owner, List<ProcessSummary> members, SupervisorInfo info, int depth) {
            if (members.size() <= AGGREGATE_ABOVE) return placeAll(ownerIdx, ordered(members, info), info, depth);
            List<ProcessSummary> keep = new ArrayList<>();
            List<ProcessSummary> rest = new ArrayList<>(members.size());
            for (ProcessSummary p : members) {
                if (supervisors.containsKey(p.pid()) || !children.of(p.pid()).isEmpty()) keep.add(p);
                else rest.add(p);
            }
            if (keep.isEmpty() || keep.size() > AGGREGATE_ABOVE)
                return placeAggregate(ownerIdx, owner, members, info, depth, null);
            Map<String, List<ProcessSummary>> byCall = new java.util.LinkedHashMap<>();
            for (ProcessSummary p : rest)
                byCall.computeIfAbsent(p.initialCall() == null ? "" : p.initialCall(), k -> new ArrayList<>()).add(p);
            List<Map.Entry<String, List<ProcessSummary>>> groups = new ArrayList<>(byCall.entrySet());
            groups.sort(Comparator.comparingInt((Map.Entry<String, List<ProcessSummary>> e) -> e.getValue().size()).reversed());
            double first = placeAll(ownerIdx, ordered(keep, info), info, depth), last = first;
            List<ProcessSummary> other = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (i >= MAX_GROUPS - 1 && groups.size() > MAX_GROUPS) {
                    other.addAll(groups.get(i).getValue());
                    continue;
                }
                last = placeAggregate(ownerIdx, owner, groups.get(i).getValue(), info, depth, groups.get(i).getKey());
            }
            if (!other.isEmpty()) last = placeAggregate(ownerIdx, owner, other, info, depth, OTHER_GROUP);
            return (first + last) / 2;
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

        /** One aggregate of {@code members} ({@code group}: null for all the owner's children, else their initial call). */
        double placeAggregate(int ownerIdx, Pid owner, List<ProcessSummary> members, SupervisorInfo info, int depth,
                String group) {
            int idx = reserve();
            maxDepth = Math.max(maxDepth, depth);
            int[] byStatus = new int[ProcessStatus.values().length];
            long queue = 0;
            boolean revealing = !revealPath.isEmpty() && (forceOpen.contains(owner) || owner == TreeShape.NODE);
            int revealAt = -1;
            for (int i = 0; i < members.size(); i++) {
                ProcessSummary p = members.get(i);
                if (p.status() != null) byStatus[p.status().ordinal()]++; // unknown in a recording's past
                queue += p.messageQueueLen();
                if (revealing && revealAt < 0 && revealPath.contains(p.pid())) revealAt = i;
            }
            int pages = (members.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            Integer asked = revealAt >= 0 ? Integer.valueOf(revealAt / PAGE_SIZE) : shape.pageOf(owner, group);
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
            String name = group == null ? String.format(Locale.ROOT, "%,d processes", members.size())
                    : String.format(Locale.ROOT, "%,d × %s", members.size(), group.isEmpty() ? "process" : group);
            items.set(idx, new TreeItem(idx, ownerIdx, Kind.AGGREGATE, owner, name, depth, row, null, (int) Math.min(queue,
                    Integer.MAX_VALUE), null, -1, members.size(), page < 0, null,
                    new Aggregate(members.size(), counts, queue, page, pages, group)));
            return row;
        }

        static Map<Pid, SupervisorInfo.Child> specs(SupervisorInfo info) {
            if (info == null) return Map.of();
            Map<Pid, SupervisorInfo.Child> m = new HashMap<>();
            for (SupervisorInfo.Child c : info.children()) if (c.pid() != null) m.put(c.pid(), c);
            return m;
        }

        /**
         * Start order when the supervisor told it, else spawn order (pid order). A child the supervisor
         * has not listed yet (restarted a moment before it recorded the new pid) takes the place of a
         * listed child that is gone, so a restart shows where its predecessor was.
         */
        static List<ProcessSummary> ordered(List<ProcessSummary> members, SupervisorInfo info) {
            List<ProcessSummary> out = new ArrayList<>(members);
            Map<Pid, Integer> position = new HashMap<>();
            if (info != null) {
                List<SupervisorInfo.Child> cs = info.children();
                for (int i = 0; i < cs.size(); i++) if (cs.get(i).pid() != null) position.put(cs.get(i).pid(), i);
                if (!position.isEmpty() && position.size() < 64) {
                    java.util.Set<Pid> present = new java.util.HashSet<>();
                    List<Pid> unlisted = new ArrayList<>();
                    for (ProcessSummary p : members) {
                        present.add(p.pid());
                        if (!position.containsKey(p.pid())) unlisted.add(p.pid());
                    }
                    if (!unlisted.isEmpty()) {
                        unlisted.sort(null);
                        java.util.Iterator<Pid> next = unlisted.iterator();
                        for (int i = 0; i < cs.size() && next.hasNext(); i++)
                            if (cs.get(i).pid() != null && !present.contains(cs.get(i).pid())) position.put(next.next(), i);
                    }
                }
            }
            out.sort(Comparator.<ProcessSummary>comparingInt(p -> position.getOrDefault(p.pid(), Integer.MAX_VALUE))
                    .thenComparing(ProcessSummary::pid));
            return out;
        }

        static String name(ProcessSummary p, SupervisorInfo.Child child) {
            if (p.registeredName() != null) return p.registeredName();
            if (child != null && child.id() != null) return String.valueOf(child.id());
            if (p.initialCall() != null && !p.initialCall().isBlank()) return p.initialCall();
            return "process";
        }
    }
}
