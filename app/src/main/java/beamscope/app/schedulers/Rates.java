package beamscope.app.schedulers;

import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.SchedulerSnapshot;

/**
 * Per-second rates between two snapshots of the same node. A counter that went backwards (a new node)
 * or a non-positive interval gives zero rather than a negative or infinite rate.
 */
public record Rates(double reductionsPerSecond, double messagesPerSecond, double slicesPerSecond,
        double spawnsPerSecond, double exitsPerSecond) {

    public static final Rates ZERO = new Rates(0, 0, 0, 0, 0);

    public static Rates between(NodeSnapshot before, NodeSnapshot after) {
        if (before == null || after == null) return ZERO;
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        if (seconds <= 0) return ZERO;
        return new Rates(
                rate(before.reductions(), after.reductions(), seconds),
                rate(before.messagesSent(), after.messagesSent(), seconds),
                rate(slices(before), slices(after), seconds),
                rate(before.spawns(), after.spawns(), seconds),
                rate(before.exits(), after.exits(), seconds));
    }

    /**
     * A counter's rate per second: NaN ("—") when the node does not count it (-1, a real BEAM node) and when the
     * counter went down (a recording's timeline moved back, a node replaced: no rate can be told from that); 0 over
     * no time.
     */
    public static double rate(long before, long after, double seconds) {
        if (before < 0 || after < 0 || after < before) return Double.NaN;
        return seconds > 0 ? (after - before) / seconds : 0;
    }

    static long slices(NodeSnapshot s) {
        long n = 0;
        for (SchedulerSnapshot x : s.schedulers()) {
            if (x.contextSwitches() < 0) return -1;
            n += x.contextSwitches();
        }
        return n;
    }
}
