package beamscope.app.charts;

import java.util.List;

/**
 * The node over one second, as the load charts plot it.
 *
 * @param epochMillis        when the sample was taken
 * @param processes          live processes
 * @param heapUsed           this JVM's heap in use (the node and the window share it)
 * @param heapCommitted      the heap the JVM has reserved from the system
 * @param processMemory      the runtime's estimate of what its processes hold (mailboxes and state, without the
 *                           JVM's own overhead); -1 when the node gives none
 * @param messagesPerSecond  messages sent per second
 * @param reductionsPerSecond reductions per second
 * @param runQueues          processes waiting in each scheduler's run queues, by scheduler
 * @param utilisation        each scheduler's busy fraction (0..1) since the previous sample
 * @param watermark          whether the node's memory watermark alarm was set
 */
public record LoadSample(long epochMillis, int processes, long heapUsed, long heapCommitted, long processMemory,
        double messagesPerSecond, double reductionsPerSecond, List<Integer> runQueues, List<Double> utilisation,
        boolean watermark) {

    public LoadSample {
        runQueues = List.copyOf(runQueues);
        utilisation = List.copyOf(utilisation);
    }
}
