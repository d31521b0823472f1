package beamscope.app.grid;

/**
 * The grid's colours as ARGB words, read from the stylesheet on the FX thread ({@link GridCanvas}) and
 * handed to the painter, which runs elsewhere.
 *
 * @param byStatus one colour per {@link beamscope.runtime.ProcessStatus}, by ordinal
 * @param heat     the mailbox mark
 * @param gap      between cells
 */
public record GridPalette(int[] byStatus, int heat, int gap) {
    public GridPalette {
        byStatus = byStatus.clone();
    }

    public int status(int ordinal) {
        return byStatus[ordinal];
    }

    /** An opaque colour as an ARGB word. */
    public static int argb(javafx.scene.paint.Color c) {
        return (int) Math.round(c.getOpacity() * 255) << 24 | (int) Math.round(c.getRed() * 255) << 16
                | (int) Math.round(c.getGreen() * 255) << 8 | (int) Math.round(c.getBlue() * 255);
    }
}
