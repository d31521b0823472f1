package beamscope.runtime.internal;

import beamscope.runtime.Pid;

/**
 * Who spawned a process, and who spawned that one: a shared linked list, so a million children of one
 * parent share one node. {@code name} is the parent's registered name at spawn time, if any (F22).
 */
record Lineage(Pid parent, String name, Lineage rest) {}
