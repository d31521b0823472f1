package beamscope.app.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects a run's figures: each in words for people and as a number for tests. */
final class Figures {
    private final List<Scenario.Figure> figures = new ArrayList<>();
    private final Map<String, Double> numbers = new LinkedHashMap<>();

    /** A figure printed with {@code format} (String.format, one argument: the value). */
    Figures add(String key, String name, double value, String format) {
        figures.add(new Scenario.Figure(name, String.format(Locale.ROOT, format, value)));
        numbers.put(key, value);
        return this;
    }

    /** A count, printed with thousands separators. */
    Figures count(String key, String name, long value) {
        return add(key, name, value, "%,.0f");
    }

    /** A figure in words only. */
    Figures note(String name, String text) {
        figures.add(new Scenario.Figure(name, text));
        return this;
    }

    Scenario.Result result(String scenario, boolean cancelled) {
        return new Scenario.Result(scenario, cancelled, figures, numbers);
    }

    /** The JVM heap in use now, in bytes. */
    static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The heap in use after asking for a full collection (the figure per process needs a settled heap). */
    static long settledHeap() {
        for (int i = 0; i < 2; i++) System.gc();
        return heapUsed();
    }

    /** The q-quantile (0..1) of sorted values. */
    static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
