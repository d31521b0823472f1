package beamscope.app;

import java.util.Locale;

/** Numbers as a person reads them at a glance: 950, 12.3k, 4.56M, 7.89G. */
public final class Numbers {
    private Numbers() {}

    public static String compact(double v) {
        if (Double.isNaN(v)) return "—"; // a figure the node does not give
        double a = Math.abs(v);
        if (a < 10_000) return String.format(Locale.ROOT, "%.0f", v);
        if (a < 1e6) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (a < 1e9) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        return String.format(Locale.ROOT, "%.2fG", v / 1e9);
    }
}
