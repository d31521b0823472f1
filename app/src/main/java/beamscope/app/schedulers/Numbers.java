package beamscope.app.schedulers;

import java.util.Locale;

/** How the schedulers view prints numbers. */
final class Numbers {
    private Numbers() {}

    /** 950, 12.3k, 4.56M, 1.2G. */
    static String compact(double n) {
        if (Double.isNaN(n)) return "—"; // a figure the node does not give
        double a = Math.abs(n);
        if (a < 1_000) return String.format(Locale.ROOT, "%.0f", n);
        if (a < 1_000_000) return String.format(Locale.ROOT, a < 10_000 ? "%.2fk" : a < 100_000 ? "%.1fk" : "%.0fk", n / 1e3);
        if (a < 1_000_000_000) return String.format(Locale.ROOT, a < 1e7 ? "%.2fM" : a < 1e8 ? "%.1fM" : "%.0fM", n / 1e6);
        return String.format(Locale.ROOT, "%.2fG", n / 1e9);
    }

    /** 512 B, 2.6 KB, 12.4 MB, 1.35 GB (powers of 1024). */
    static String bytes(long b) {
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

    /** The smallest of 1, 2, 5, 10, 20, 50… that is at least {@code n}. */
    static int niceCeiling(int n) {
        int step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) if ((long) m * step >= n) return m * step;
            if (step > Integer.MAX_VALUE / 10) return Integer.MAX_VALUE;
            step *= 10;
        }
    }
}
