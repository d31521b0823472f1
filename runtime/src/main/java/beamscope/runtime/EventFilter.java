package beamscope.runtime;

import java.util.Set;

/**
 * Which events a subscription wants: some kinds, some processes (empty sets mean all). Like
 * {@code erlang:trace/3}, limiting to chosen processes keeps the cost of tracing small.
 */
public record EventFilter(Set<Class<? extends Event>> kinds, Set<Pid> pids) {

    public EventFilter {
        kinds = Set.copyOf(kinds);
        pids = Set.copyOf(pids);
    }

    public static EventFilter all() {
        return new EventFilter(Set.of(), Set.of());
    }

    @SafeVarargs
    public static EventFilter kinds(Class<? extends Event>... kinds) {
        return new EventFilter(Set.of(kinds), Set.of());
    }

    public EventFilter withPids(Set<Pid> pids) {
        return new EventFilter(kinds, pids);
    }

    public boolean wantsKind(Class<? extends Event> kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    public boolean wantsPid(Pid pid) {
        return pids.isEmpty() || pids.contains(pid);
    }
}
