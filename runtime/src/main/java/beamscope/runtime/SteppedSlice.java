package beamscope.runtime;

/**
 * One time slice that ran: the process, the scheduler it ran on, the run queue it was taken from (its
 * priority when the slice began) and the reductions it used in that slice. {@link Node#lastStep()} gives
 * the slice the last single step ran; while the node is paused or in slow motion, each
 * {@link SchedulerSnapshot#lastSlice()} gives the last slice its scheduler ran, so a view can say what just
 * ran where.
 */
public record SteppedSlice(Pid pid, int scheduler, Priority queue, long reductions) {

    /** Lower-case name of the queue, as the views print it ("normal"). */
    public String queueName() {
        return queue.name().toLowerCase(java.util.Locale.ROOT);
    }
}
