package beamscope.app.tree;

import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;

/**
 * One box of the laid-out tree. Position is in layout units: {@code depth} is the column (0 is the
 * node), {@code row} the vertical slot (a parent sits halfway between its first and last child).
 *
 * @param parent     index of the parent item in the frame, -1 for the node
 * @param pid        the process; null for the node item; the owner's pid for an aggregate
 * @param childId    the child spec id under an OTP supervisor, or null
 * @param restarts   restarts of this child counted by its supervisor, -1 when unknown
 * @param children   how many processes hang directly under this one (shown or not)
 * @param collapsed  true when it has children and they are folded away
 * @param supervisor strategy and intensity, for supervisors the OTP layer described, else null
 * @param aggregate  for {@link Kind#AGGREGATE}: the summary of the group, else null
 */
public record TreeItem(
        int index,
        int parent,
        Kind kind,
        Pid pid,
        String name,
        int depth,
        double row,
        ProcessStatus status,
        int queue,
        Object childId,
        int restarts,
        int children,
        boolean collapsed,
        SupervisorInfo supervisor,
        Aggregate aggregate) {

    public enum Kind { NODE, SUPERVISOR, WORKER, AGGREGATE }

    /**
     * Many siblings drawn as one box: how many, their statuses, their queued messages, and which page
     * of them is unfolded (page -1: closed).
     *
     * @param group null when the box holds all its owner's folded children; else the initial call its
     *              processes share (or {@link TreeFrame#OTHER_GROUP}), one box per group beside the
     *              owner's supervisors and parents, which stay visible
     */
    public record Aggregate(int count, StatusCounts statuses, long totalQueue, int page, int pages, String group) {
        public Aggregate(int count, StatusCounts statuses, long totalQueue, int page, int pages) {
            this(count, statuses, totalQueue, page, pages, null);
        }

        public boolean open() {
            return page >= 0;
        }
    }

    /** Processes per status. */
    public record StatusCounts(int running, int runnable, int waiting, int suspended, int exiting) {
        public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0);
    }

    public boolean isProcess() {
        return kind == Kind.SUPERVISOR || kind == Kind.WORKER;
    }
}
