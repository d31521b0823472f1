package beamscope.app.stress;

import beamscope.runtime.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stress scenario: work that loads a node to one of its limits and measures what happens. The same
 * object runs headless ({@code -Dstress=ID}, see {@link StressMain}) and from the window's Stress menu
 * ({@link StressViewModel}), always off the FX thread; it reports progress through a {@link Run} and
 * stops early when that run is cancelled, leaving no process of its own behind.
 */
public interface Scenario {

    /** The id used on the command line ({@code -Dstress=ID}). */
    String id();

    /** A short title for the menu. */
    String title();

    /** One or two sentences: what it does and what to look at. */
    String description();

    /** Its parameters with their defaults (the real sizes). */
    List<Parameter> parameters();

    /**
     * Runs the scenario on {@code node}. Blocks until done or cancelled; never called on the FX thread.
     *
     * @param values a value for every parameter (see {@link #defaults()})
     */
    Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException;

    /** The default value of every parameter, by key. */
    default Map<String, Long> defaults() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Parameter p : parameters()) m.put(p.key(), p.defaultValue());
        return m;
    }

    /** One whole-number parameter: its key, label, default and bounds. */
    record Parameter(String key, String label, long defaultValue, long min, long max) {
        public Parameter {
            if (defaultValue < min || defaultValue > max) throw new IllegalArgumentException(key + ": default out of bounds");
        }

        public long clamp(long v) {
            return Math.max(min, Math.min(max, v));
        }
    }

    /** One measured figure: what it is, its value in words (with its unit). */
    record Figure(String name, String value) {}

    /**
     * What a run measured. {@code cancelled}: the run stopped early (the figures cover what it did).
     *
     * @param numbers the figures as numbers too, by key, for tests and scripts
     */
    record Result(String scenario, boolean cancelled, List<Figure> figures, Map<String, Double> numbers) {
        public Result {
            figures = List.copyOf(figures);
            numbers = Map.copyOf(numbers);
        }

        public double number(String key) {
            Double v = numbers.get(key);
            if (v == null) throw new IllegalArgumentException("no figure " + key + " in " + numbers.keySet());
            return v;
        }

        /** The figures one per line, "name: value". */
        public String text() {
            StringBuilder b = new StringBuilder(scenario).append(cancelled ? " (cancelled)" : "").append('\n');
            for (Figure f : figures) b.append("  ").append(f.name()).append(": ").append(f.value()).append('\n');
            return b.toString();
        }
    }

    /**
     * The channel between a running scenario and whoever started it: progress out (any thread, cheap:
     * the window coalesces it), cancellation in.
     */
    interface Run {
        /** Where the run is: a fraction from 0 to 1 (negative: unknown) and what happens now. */
        void progress(double fraction, String now);

        boolean cancelled();
    }
}
