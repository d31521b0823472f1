package beamscope.app.grid;

import beamscope.runtime.ProcessStatus;

/**
 * One strip painted into a layout: an ARGB pixel buffer the size of the layout (bounded by the canvas,
 * whatever the number of processes) and each cell's summary. Made off the FX thread by {@link #paint};
 * the FX thread only copies the pixels into an image and reads one cell's summary on hover.
 *
 * <p>A cell is the colour of the status most of its processes are in; a square in its middle, of the
 * heat colour, grows with its longest mailbox on a log scale (full at {@link #HEAT_FULL} messages).
 */
public final class GridPicture {
    /** A mailbox this long fills its cell with the heat colour. */
    public static final int HEAT_FULL = 10_000;
    /** Status ordinals in the order a tie or a tooltip lists them: the ones worth noticing first. */
    static final int[] NOTABLE_FIRST = {ProcessStatus.EXITING.ordinal(), ProcessStatus.SUSPENDED.ordinal(),
            ProcessStatus.RUNNING.ordinal(), ProcessStatus.RUNNABLE.ordinal(), ProcessStatus.WAITING.ordinal(),
            ProcessStrip.UNKNOWN};
    /** The statuses and "unknown" (a recording's past that does not know a process's status). */
    static final int STATUSES = ProcessStrip.UNKNOWN + 1;

    private final ProcessStrip strip;
    private final GridLayout layout;
    private final int[] pixels, byStatus, longest;
    private final long[] queued;
    private final boolean unknown;

    private GridPicture(ProcessStrip strip, GridLayout layout, int[] pixels, int[] byStatus, long[] queued, int[] longest,
            boolean unknown) {
        this.unknown = unknown;
        this.strip = strip;
        this.layout = layout;
        this.pixels = pixels;
        this.byStatus = byStatus;
        this.queued = queued;
        this.longest = longest;
    }

    /** Visits every process of the strip once. Not for the FX thread. */
    public static GridPicture paint(ProcessStrip strip, GridLayout layout, GridPalette palette) {
        int cells = layout.cells(), w = layout.width(), h = layout.height();
        int[] byStatus = new int[cells * STATUSES], longest = new int[cells];
        long[] queued = new long[cells];
        int[] pixels = new int[w * h];
        java.util.Arrays.fill(pixels, palette.gap());
        int side = layout.cell() - layout.gap();
        double heatScale = Math.log1p(HEAT_FULL);
        int[] counts = new int[STATUSES];
        boolean unknown = false;
        for (int c = 0; c < cells; c++) {
            java.util.Arrays.fill(counts, 0);
            long sum = 0;
            int max = 0;
            for (int i = layout.from(c), end = layout.to(c); i < end; i++) {
                counts[strip.statusOrdinal(i)]++;
                int q = strip.queue(i);
                sum += q;
                max = Math.max(max, q);
            }
            System.arraycopy(counts, 0, byStatus, c * STATUSES, STATUSES);
            unknown |= counts[ProcessStrip.UNKNOWN] > 0;
            queued[c] = sum;
            longest[c] = max;
            int x0 = layout.x(c), y0 = layout.y(c);
            fill(pixels, w, x0, y0, side, side, palette.status(dominant(counts)));
            if (max > 0) {
                double heat = Math.min(1, Math.log1p(max) / heatScale);
                int mark = Math.max(1, (int) Math.round(side * Math.sqrt(heat)));
                int inset = (side - mark) / 2;
                fill(pixels, w, x0 + inset, y0 + inset, mark, mark, palette.heat());
            }
        }
        return new GridPicture(strip, layout, pixels, byStatus, queued, longest, unknown);
    }

    /** Whether some process's status is unknown (a recording's past): the legend then says what that colour is. */
    public boolean hasUnknown() {
        return unknown;
    }

    private static void fill(int[] pixels, int stride, int x, int y, int w, int h, int argb) {
        for (int row = y; row < y + h; row++) java.util.Arrays.fill(pixels, row * stride + x, row * stride + x + w, argb);
    }

    /** The status ordinal with the most processes; on a tie the more notable one. */
    static int dominant(int[] counts) {
        int best = NOTABLE_FIRST[0];
        for (int s : NOTABLE_FIRST) if (counts[s] > counts[best]) best = s;
        return best;
    }

    public ProcessStrip strip() {
        return strip;
    }

    public GridLayout layout() {
        return layout;
    }

    /** Row-major ARGB, {@code layout().width()} wide. Do not change it. */
    int[] pixels() {
        return pixels;
    }

    /** The pixel at a point of the picture (tests). */
    public int pixel(int x, int y) {
        return pixels[y * layout.width() + x];
    }

    public CellSummary summary(int cell) {
        int from = layout.from(cell), to = layout.to(cell);
        int[] counts = java.util.Arrays.copyOfRange(byStatus, cell * STATUSES, (cell + 1) * STATUSES);
        return new CellSummary(from, to, strip.pid(from), strip.pid(to - 1), to - from == 1 ? strip.name(from) : null,
                counts, queued[cell], longest[cell]);
    }
}
