package beamscope.app.sequence;

/**
 * Where things go, in pixels, for one type size: lifelines are columns {@code lane} wide, steps are rows
 * {@code row} high under a header {@code header} high. The canvas and the SVG export share it.
 */
public record Layout(double lane, double row, double header, double margin) {

    /** The layout for a font of {@code em} pixels. */
    public static Layout forEm(double em) {
        return new Layout(em * 13, em * 1.9, em * 3.4, em);
    }

    /** The centre of lifeline {@code index}. */
    public double x(int index) {
        return margin + lane * (index + 0.5);
    }

    /** The middle of the row {@code index} rows below the first one drawn. */
    public double y(double rowIndex) {
        return header + row * (rowIndex + 0.5);
    }

    public double width(int lanes) {
        return margin * 2 + lane * lanes;
    }
}
