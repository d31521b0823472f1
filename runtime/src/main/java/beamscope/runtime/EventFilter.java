package beamscope.runtime;

import java.util.Set;

/**
 * Which events a subscription wants: some kinds, some processes (empty sets mean all). Like
 * {@code erlang:trace/3}, limiting to chosen processes keeps the cost of tracing small. With
 * {@code setOnSpawn} (the trace flag of that name) a process spawned by one the subscription follows is
 * followed too, from its spawn until it exits: a supervisor's restarted child is followed from its start.
 */
public record EventFilter(Set<Class<? extends Event>> kinds, Set<Pid> pids, boolean setOnSpawn) {

    public EventFilter {
        kinds = Set.copyOf(kinds);
        pids = Set.copyOf(pids);
    }

    public EventFilter(Set<Class<? extends Event>> kinds, Set<Pid> pids) {
        this(kinds, pids, false);
    }

    public static EventFilter all() {
        return new EventFilter(Set.of(), Set.of());
    }

    @SafeVarargs
    public static EventFilter kinds(Class<? extends Event>... kinds) {
        return new EventFilter(Set.of(kinds), Set.of());
    }

    public EventFilter withPids(Set<Pid> pids) {
        return new EventFilter(kinds, pids, setOnSpawn);
    }

    /** The same filter, also following the processes its processes spawn (trace flag {@code set_on_spawn}). */
    public EventFilter withSetOnSpawn() {
        return new EventFilter(kinds, pids, true);
    }

    public boolean wantsKind(Class<? extends Event> kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    public boolean wantsPid(Pid pid) {
        return pids.isEmpty() || pids.contains(pid);
    }
}
