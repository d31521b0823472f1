package beamscope.runtime;

import java.util.List;

/**
 * A bounded buffer of events from a node. The runtime never waits for a slow reader: when the buffer
 * is full new events are dropped and counted.
 */
public interface EventSubscription extends AutoCloseable {

    /** Moves up to {@code max} buffered events into {@code into}, oldest first; returns how many. */
    int drainTo(List<Event> into, int max);

    /** Events dropped so far because the buffer was full. */
    long dropped();

    EventFilter filter();

    /** Stops receiving events. */
    @Override
    void close();
}
