package beamscope.record;

import beamscope.runtime.Pid;

/**
 * One child of a recorded supervisor.
 *
 * @param id      the child spec id as text
 * @param pid     the running process, or null when it is not running
 * @param restart "permanent", "transient" or "temporary"
 */
public record RecordedChild(String id, Pid pid, String restart) {}
