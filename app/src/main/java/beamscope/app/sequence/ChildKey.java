package beamscope.app.sequence;

import beamscope.runtime.Pid;

/**
 * Who a lifeline follows across restarts: a child of a supervisor, by its child id. A restarted child is
 * a new process with the same key, so it continues the same lifeline.
 */
public record ChildKey(Pid supervisor, Object id) {}
