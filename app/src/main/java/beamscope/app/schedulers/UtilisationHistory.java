package beamscope.app.schedulers;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The utilisation of each scheduler over the last {@code window} nanoseconds, for the sparklines.
 * Confined to one thread (the FX thread).
 */
public final class UtilisationHistory {

    /** One sample: when, and each scheduler's busy fraction (0..1). */
    public record Sample(long nanos, double[] utilisation) {}

    private final long window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public UtilisationHistory(long windowNanos) {
        this.window = windowNanos;
    }

    public void add(long nanos, double[] utilisation) {
        samples.addLast(new Sample(nanos, utilisation.clone()));
        while (!samples.isEmpty() && samples.peekFirst().nanos() < nanos - window) samples.removeFirst();
    }

    public Iterable<Sample> samples() {
        return samples;
    }

    public int size() {
        return samples.size();
    }

    public long window() {
        return window;
    }

    /** Time of the newest sample, or 0. */
    public long newest() {
        return samples.isEmpty() ? 0 : samples.peekLast().nanos();
    }

    /** The mean utilisation of one scheduler over the window. */
    public double mean(int scheduler) {
        double sum = 0;
        int n = 0;
        for (Sample s : samples) {
            if (scheduler < s.utilisation().length) {
                sum += s.utilisation()[scheduler];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
