package beamscope.app.grid;

import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every live process of one sampler walk, in pid order, with what the grid shows of each: its status and
 * mailbox length. One {@code long} per process (the pid's id, the status and the queue length packed
 * together), so a million processes cost 8 MB and sort in one {@link Arrays#sort(long[])}. Queues longer
 * than the packed field holds are kept exactly on the side; registered names are kept by pid. Immutable:
 * the sampler builds one per walk and frames between walks carry the same instance.
 */
public final class ProcessStrip {
    private static final int QUEUE_BITS = 21, STATUS_SHIFT = QUEUE_BITS, ID_SHIFT = QUEUE_BITS + 3;
    private static final int QUEUE_MASK = (1 << QUEUE_BITS) - 1;
    /** The packed status of a process whose status is not known (a recording's past): {@link #status} is null. */
    static final int UNKNOWN = ProcessStatus.values().length;
    private static final ProcessStatus[] STATUSES = java.util.Arrays.copyOf(ProcessStatus.values(), UNKNOWN + 1);

    public static final ProcessStrip EMPTY = new ProcessStrip(0, new long[0], 0, Map.of(), Map.of());

    private final int node;
    private final long[] keys;
    private final int size;
    private final Map<Long, Integer> longQueues;
    private final Map<Pid, String> names;

    private ProcessStrip(int node, long[] keys, int size, Map<Long, Integer> longQueues, Map<Pid, String> names) {
        this.node = node;
        this.keys = keys;
        this.size = size;
        this.longQueues = longQueues;
        this.names = names;
    }

    public int size() {
        return size;
    }

    public long id(int i) {
        return keys[check(i)] >>> ID_SHIFT;
    }

    public Pid pid(int i) {
        return new Pid(node, id(i));
    }

    /** Its status, or null when not known (a recording's past). */
    public ProcessStatus status(int i) {
        return STATUSES[(int) (keys[check(i)] >>> STATUS_SHIFT) & 7];
    }

    /** The ordinal of {@link #status(int)}, without the lookup (the painter's loop). */
    int statusOrdinal(int i) {
        return (int) (keys[i] >>> STATUS_SHIFT) & 7;
    }

    public int queue(int i) {
        int q = (int) keys[check(i)] & QUEUE_MASK;
        return q == QUEUE_MASK ? longQueues.getOrDefault(id(i), QUEUE_MASK) : q;
    }

    /** The registered name, or null. */
    public String name(int i) {
        return names.get(pid(i));
    }

    /** The position of the first process whose id is {@code id} or more ({@link #size()} if none). */
    public int firstAtOrAfter(long id) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((keys[mid] >>> ID_SHIFT) < id) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The position of {@code pid}, or -1 when it was not alive at this walk. */
    public int indexOf(Pid pid) {
        if (pid.node() != node || size == 0) return -1;
        int i = firstAtOrAfter(pid.id());
        return i < size && id(i) == pid.id() ? i : -1;
    }

    /** The pids at positions {@code from} (inclusive) to {@code to} (exclusive). Not for the FX thread when long. */
    public List<Pid> pids(int from, int to) {
        List<Pid> out = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) out.add(pid(i));
        return out;
    }

    private int check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return i;
    }

    /** Collects one walk's processes (the sampler's thread), in any order. */
    public static final class Builder {
        private long[] keys;
        private int size, node = -1;
        private boolean sorted = true;
        private final Map<Long, Integer> longQueues = new HashMap<>();

        public Builder(int expected) {
            keys = new long[Math.max(16, expected + expected / 16)];
        }

        public void add(Pid pid, ProcessStatus status, int queueLength) {
            if (node < 0) node = pid.node();
            if (pid.node() != node) return;     // every pid a node reports carries that node's number
            if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
            int q = Math.max(0, queueLength);
            if (q >= QUEUE_MASK) {
                longQueues.put(pid.id(), q);
                q = QUEUE_MASK;
            }
            long key = pid.id() << ID_SHIFT | (long) (status == null ? UNKNOWN : status.ordinal()) << STATUS_SHIFT | q;
            if (size > 0 && key < keys[size - 1]) sorted = false;
            keys[size++] = key;
        }

        /** @param names registered names by pid (the walk collects them anyway) */
        public ProcessStrip build(Map<Pid, String> names) {
            if (!sorted) Arrays.sort(keys, 0, size);
            return new ProcessStrip(Math.max(node, 0), keys, size, Map.copyOf(longQueues), Map.copyOf(names));
        }
    }
}
