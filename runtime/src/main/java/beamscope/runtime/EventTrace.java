package beamscope.runtime;

/**
 * Every event of a node but scheduling, kept in bounded rings for a recorder that must keep up with the node at
 * full rate ({@link Node#trace}). Unlike an {@link EventSubscription}, a send or a receive becomes no object,
 * crosses to no other thread and waits for no one: each scheduler writes it into its own preallocated ring (the
 * node's other threads share one more), over its oldest event once the ring is full. Rare events (spawns, exits,
 * links, DOWNs…) go as {@link Event}s into the same rings, so that every event of a process keeps its place.
 * Nothing is read until {@link #read} copies the rings.
 *
 * <p>Times ({@code nanos}) are the node clock read when a scheduler starts a run of slices, moved forward so that
 * a receive comes after its send and a process's events after those it had on another scheduler: coarse (a run
 * of slices shares one time) but causal.
 */
public interface EventTrace extends AutoCloseable {

    /** Where {@link #read} puts events. Pids are local (node 0) pid numbers; 0 is {@link Node#SYSTEM}. */
    interface Sink {
        void send(long nanos, long from, long to, Object message);

        void receive(long nanos, long pid, Object message);

        void event(Event e);
    }

    /**
     * Copies what the rings hold now into {@code sink}, each ring oldest first (sort by time to merge them); every
     * receive comes with its send, unless that was written over. Returns the horizon: the time before which a ring
     * has written over events ({@code Long.MIN_VALUE} when none has), so that events before it are incomplete.
     */
    long read(Sink sink);

    /** Events written so far are not {@link #read} again (a recorder that moves to a new trace has them). */
    void forget();

    /** The horizon {@link #read} would return now, about; never waits. */
    long horizon();

    /** Events the rings hold now (never more than their capacities); never waits. */
    long held();

    /** The time of the latest event, or {@code Long.MIN_VALUE}; never waits. */
    long newest();

    /** Events each ring holds at most. */
    int capacity();

    /** Stops tracing. */
    @Override
    void close();
}
