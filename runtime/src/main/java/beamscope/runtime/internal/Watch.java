package beamscope.runtime.internal;

import beamscope.runtime.Pid;
import beamscope.runtime.Ref;

/**
 * One monitor, seen from one side: {@code pid} is the other process (the target for a monitor this
 * process holds, the watcher for one held on it); {@code object} is what a DOWN message names.
 * A process keeps these in an {@link OwnedSet}, found by {@code ref}.
 */
record Watch(Ref ref, Pid pid, Object object) {}
