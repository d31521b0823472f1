package beamscope.runtime;

/**
 * Options for a spawn, like {@code spawn_opt}: priority, a registered name taken atomically with the
 * spawn, the label observers show as the initial call (e.g. {@code "Counter.init/1"}), and the mailbox
 * limit ({@code {max_heap_size, …}}; null takes the node's default, {@link NodeConfig#maxHeap()}).
 */
public record SpawnOptions(Priority priority, String name, String initialCall, MaxHeap maxHeap) {

    private static final SpawnOptions DEFAULTS = new SpawnOptions(Priority.NORMAL, null, null, null);

    public SpawnOptions {
        if (priority == null) priority = Priority.NORMAL;
    }

    public SpawnOptions(Priority priority, String name, String initialCall) {
        this(priority, name, initialCall, null);
    }

    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    public SpawnOptions withPriority(Priority p) {
        return new SpawnOptions(p, name, initialCall, maxHeap);
    }

    public SpawnOptions withName(String n) {
        return new SpawnOptions(priority, n, initialCall, maxHeap);
    }

    public SpawnOptions withInitialCall(String label) {
        return new SpawnOptions(priority, name, label, maxHeap);
    }

    /** This process's own mailbox limit, overriding the node's default ({@link MaxHeap#OFF}: none). */
    public SpawnOptions withMaxHeap(MaxHeap m) {
        return new SpawnOptions(priority, name, initialCall, m);
    }
}
