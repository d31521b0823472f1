package beamscope.app;

import java.util.Locale;

/** Numbers as a person reads them at a glance: 950, 12.3k, 4.56M, 7.89G. */
public final class Numbers {
    private Numbers() {}

    /** A process's status as the views print it ("waiting"), or "—" when it is not known (a recording's past moment). */
    public static String status(beamscope.runtime.ProcessStatus s) {
        return s == null ? "—" : s.name().toLowerCase(Locale.ROOT);
    }

    /** {@link #compact(double)}, or "—" for a count that is not known (negative). */
    public static String compactCount(long v) {
        return v < 0 ? "—" : compact(v);
    }

    public static String compact(double v) {
        if (Double.isNaN(v)) return "—"; // a figure the node does not give
        double a = Math.abs(v);
        if (a < 10_000) return String.format(Locale.ROOT, "%.0f", v);
        if (a < 1e6) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (a < 1e9) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        return String.format(Locale.ROOT, "%.2fG", v / 1e9);
    }

    /** 512 B, 2.6 KB, 12.4 MB, 1.35 GB (powers of 1024), or "—" when not known (negative). */
    public static String bytes(long b) {
        if (b < 0) return "—"; // not known (a recording's past)
        if (b < 1024) return b + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
