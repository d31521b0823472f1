package beamscope.runtime;

/**
 * How a node is set up. Defaults follow OTP: one scheduler per available processor, a time slice of
 * 4000 reductions ({@code CONTEXT_REDS} since OTP 20), a process limit of 1,048,576 (OTP 27+), no mailbox
 * limit ({@code max_heap_size} 0, G1) and no memory watermark.
 *
 * @param maxHeap         the mailbox limit of every process that does not set its own ({@code +hmax})
 * @param memoryWatermark the node-wide alarm on messages queued in all mailboxes
 */
public record NodeConfig(int schedulers, int reductionBudget, int processLimit, Clock clock, String name,
                         MaxHeap maxHeap, MemoryWatermark memoryWatermark) {

    public static final int DEFAULT_REDUCTIONS = 4000;
    public static final int DEFAULT_PROCESS_LIMIT = 1 << 20;
    public static final int MAX_SCHEDULERS = 64;
    public static final int MAX_PROCESS_LIMIT = 1 << 27;

    public NodeConfig {
        if (schedulers < 1 || schedulers > MAX_SCHEDULERS)
            throw new IllegalArgumentException("schedulers must be 1.." + MAX_SCHEDULERS + ", was " + schedulers);
        if (reductionBudget < 1) throw new IllegalArgumentException("reduction budget must be positive");
        if (processLimit < 16 || processLimit > MAX_PROCESS_LIMIT)
            throw new IllegalArgumentException("process limit must be 16.." + MAX_PROCESS_LIMIT);
        if (clock == null) clock = Clock.SYSTEM;
        if (name == null) name = "nonode@nohost";
        if (maxHeap == null) maxHeap = MaxHeap.OFF;
        if (memoryWatermark == null) memoryWatermark = MemoryWatermark.OFF;
    }

    public static NodeConfig defaults() {
        return new NodeConfig(Math.min(MAX_SCHEDULERS, Runtime.getRuntime().availableProcessors()),
                DEFAULT_REDUCTIONS, DEFAULT_PROCESS_LIMIT, Clock.SYSTEM, "nonode@nohost", MaxHeap.OFF, MemoryWatermark.OFF);
    }

    public NodeConfig withSchedulers(int n) {
        return new NodeConfig(n, reductionBudget, processLimit, clock, name, maxHeap, memoryWatermark);
    }

    public NodeConfig withReductionBudget(int reds) {
        return new NodeConfig(schedulers, reds, processLimit, clock, name, maxHeap, memoryWatermark);
    }

    public NodeConfig withProcessLimit(int limit) {
        return new NodeConfig(schedulers, reductionBudget, limit, clock, name, maxHeap, memoryWatermark);
    }

    public NodeConfig withClock(Clock c) {
        return new NodeConfig(schedulers, reductionBudget, processLimit, c, name, maxHeap, memoryWatermark);
    }

    public NodeConfig withName(String n) {
        return new NodeConfig(schedulers, reductionBudget, processLimit, clock, n, maxHeap, memoryWatermark);
    }

    /** The default mailbox limit for processes spawned without their own ({@link SpawnOptions#withMaxHeap}). */
    public NodeConfig withMaxHeap(MaxHeap m) {
        return new NodeConfig(schedulers, reductionBudget, processLimit, clock, name, m, memoryWatermark);
    }

    public NodeConfig withMemoryWatermark(MemoryWatermark w) {
        return new NodeConfig(schedulers, reductionBudget, processLimit, clock, name, maxHeap, w);
    }
}
