package beamscope.app.schedulers;

/** The schedulers view's scale steps (numbers as text come from {@link beamscope.app.Numbers}). */
final class QueueScale {
    private QueueScale() {}

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
