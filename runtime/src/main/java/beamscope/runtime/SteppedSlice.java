package beamscope.runtime;

/**
 * What the last single step ({@link Node#stepSlice()}) ran: the process, the scheduler it ran on, and the
 * reductions it used in that slice.
 */
public record SteppedSlice(Pid pid, int scheduler, long reductions) {}
