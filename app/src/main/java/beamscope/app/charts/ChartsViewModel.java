package beamscope.app.charts;

import beamscope.app.sampler.Frame;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.SchedulerSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The load charts' history: one {@link LoadSample} a second, the last {@link #CAPACITY} of them (15 minutes),
 * taken from the frames the window already receives (so charting costs the node nothing). The work per frame
 * and the memory are bounded whatever the node holds: a sample is a few numbers per scheduler.
 * FX thread only.
 */
public final class ChartsViewModel {
    /** Fifteen minutes at one sample a second. */
    public static final int CAPACITY = 900;
    public static final long SAMPLE_MILLIS = 1_000;
    /** Points a chart draws per series at most: older samples are averaged in buckets. */
    public static final int MAX_POINTS = 300;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ArrayDeque<LoadSample> samples = new ArrayDeque<>(CAPACITY);
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private NodeSnapshot previous;
    private long lastSample = Long.MIN_VALUE;

    /**
     * Takes a sample from {@code frame} when a second has passed since the last one.
     *
     * @param heapUsed      this JVM's heap in use now
     * @param heapCommitted the heap the JVM has reserved
     * @param watermark     whether the node's memory watermark alarm is set
     */
    public void accept(Frame frame, long nowMillis, long heapUsed, long heapCommitted, boolean watermark) {
        if (frame == null || frame.node() == null) return;
        if (lastSample != Long.MIN_VALUE && nowMillis - lastSample < SAMPLE_MILLIS) return;
        NodeSnapshot node = frame.node();
        List<Integer> queues = new ArrayList<>(node.schedulers().size());
        List<Double> util = new ArrayList<>(node.schedulers().size());
        for (SchedulerSnapshot s : node.schedulers()) {
            queues.add(s.runQueueLength());
            util.add(clamp(s.utilisationSince(earlier(s.id()))));
        }
        long estimate = frame.schedulers() == null ? -1 : frame.schedulers().memory();
        add(new LoadSample(nowMillis, node.processes(), heapUsed, heapCommitted, estimate, frame.messagesPerSecond(),
                frame.reductionsPerSecond(), queues, util, watermark));
        previous = node;
        lastSample = nowMillis;
    }

    /** Appends a sample, forgetting the oldest beyond {@link #CAPACITY}. */
    public void add(LoadSample s) {
        if (samples.size() == CAPACITY) samples.removeFirst();
        samples.addLast(s);
        version.set(version.get() + 1);
    }

    private SchedulerSnapshot earlier(int id) {
        if (previous == null) return null;
        for (SchedulerSnapshot s : previous.schedulers()) if (s.id() == id) return s;
        return null;
    }

    private static double clamp(double u) {
        return Double.isNaN(u) ? 0 : Math.max(0, Math.min(1, u));
    }

    /** Goes up by one with every sample: the view redraws when it changes (and only while it shows). */
    public ReadOnlyLongProperty versionProperty() { return version.getReadOnlyProperty(); }

    /** The samples held, oldest first. */
    public List<LoadSample> samples() { return List.copyOf(samples); }

    /** Schedulers in the newest sample. */
    public int schedulers() {
        return samples.isEmpty() ? 0 : samples.getLast().runQueues().size();
    }

    /**
     * The time the charts' x axis spans, in seconds: the shortest of 1, 2, 5, 10 and 15 minutes that holds every
     * sample, so a minute of history fills the chart instead of a sliver at its right edge.
     */
    public int spanSeconds() {
        long held = samples.isEmpty() ? 0 : (samples.getLast().epochMillis() - samples.getFirst().epochMillis()) / 1000;
        for (int span : new int[] {60, 120, 300, 600}) if (held <= span) return span;
        return CAPACITY;
    }

    /** Whether the newest sample has the memory watermark alarm set. */
    public boolean watermark() {
        return !samples.isEmpty() && samples.getLast().watermark();
    }

    /**
     * Series {@code i} of {@code chart} as at most {@link #MAX_POINTS} points (x: seconds before the newest
     * sample, so 0 is now and -900 fifteen minutes ago; y: the bucket's mean), skipping samples without a value.
     */
    public List<double[]> points(LoadChart chart, int i) {
        List<LoadSample> all = samples();
        List<double[]> out = new ArrayList<>(Math.min(all.size(), MAX_POINTS));
        if (all.isEmpty()) return out;
        long newest = all.getLast().epochMillis();
        int bucket = Math.max(1, (all.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int from = 0; from < all.size(); from += bucket) {
            int to = Math.min(all.size(), from + bucket);
            double sum = 0;
            int n = 0;
            for (int k = from; k < to; k++) {
                double v = chart.value(all.get(k), i);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            if (n > 0) out.add(new double[] {(all.get(to - 1).epochMillis() - newest) / 1000.0, sum / n});
        }
        return out;
    }

    /** The chart's data as CSV: a header of series names, then a row per sample (local time, every value). */
    public String csv(LoadChart chart) {
        List<LoadSample> all = samples();
        List<String> names = chart.series(schedulers());
        StringBuilder b = new StringBuilder("time");
        for (String n : names) b.append(',').append(Csv.field(n + " (" + chart.unit() + ")"));
        b.append('\n');
        for (LoadSample s : all) {
            b.append(TIME.format(Instant.ofEpochMilli(s.epochMillis())));
            for (int i = 0; i < names.size(); i++) {
                double v = chart.value(s, i);
                b.append(',');
                if (!Double.isNaN(v)) b.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                        : String.format(Locale.ROOT, "%.3f", v));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
