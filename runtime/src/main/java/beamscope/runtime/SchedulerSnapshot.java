package beamscope.runtime;

/**
 * One scheduler at a moment.
 *
 * @param running        the process in a slice now, or null
 * @param utilisation    busy fraction (0..1) since the node's previous snapshot
 * @param contextSwitches slices dispatched so far
 * @param reductions     reductions spent by its slices so far
 */
public record SchedulerSnapshot(
        int id,
        Pid running,
        int maxQueue,
        int highQueue,
        int normalQueue,
        int lowQueue,
        double utilisation,
        long contextSwitches,
        long reductions) {

    public int runQueueLength() {
        return maxQueue + highQueue + normalQueue + lowQueue;
    }
}
