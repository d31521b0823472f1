package beamscope.app.grid;

/**
 * How {@code count} processes pack into a canvas: square cells in rows, pid order left to right and top
 * to bottom. Cells are as large as fits (up to {@link #MAX_CELL} px); when even {@link #MIN_CELL}-pixel
 * cells cannot give every process one, each cell stands for a block of {@link #perCell()} consecutive
 * processes. The number of cells never exceeds what the canvas holds, whatever the count.
 *
 * @param cell    a cell's side in pixels (its last pixel is a gap when the cell is large enough)
 * @param perCell processes per cell (1 while they fit)
 */
public record GridLayout(int count, int columns, int rows, int cell, int perCell) {
    public static final int MAX_CELL = 24, MIN_CELL = 4;
    /** From this size on a cell keeps a one-pixel gap to its neighbours. */
    public static final int GAP_FROM = 6;

    public static GridLayout of(int count, double width, double height) {
        int w = Math.max(MIN_CELL, (int) width), h = Math.max(MIN_CELL, (int) height);
        for (int c = MAX_CELL; c >= MIN_CELL; c--) {
            int cols = w / c, rows = h / c;
            if ((long) cols * rows >= count) {
                // as few rows as the count needs: the picture starts at the top left and ends where the processes do
                return new GridLayout(count, cols, Math.max(1, (int) Math.ceil(count / (double) cols)), c, 1);
            }
        }
        int cols = w / MIN_CELL, rows = h / MIN_CELL;
        int per = (int) Math.ceil(count / (double) ((long) cols * rows));
        int cells = (int) Math.ceil(count / (double) per);
        return new GridLayout(count, cols, Math.max(1, (int) Math.ceil(cells / (double) cols)), MIN_CELL, per);
    }

    /** Cells that hold processes. */
    public int cells() {
        return count == 0 ? 0 : (int) Math.ceil(count / (double) perCell);
    }

    public int gap() {
        return cell >= GAP_FROM ? 1 : 0;
    }

    /** The cell under a point, or -1 (outside, or past the last process). */
    public int cellAt(double x, double y) {
        if (x < 0 || y < 0) return -1;
        int col = (int) (x / cell), row = (int) (y / cell);
        if (col >= columns || row >= rows) return -1;
        int c = row * columns + col;
        return c < cells() ? c : -1;
    }

    /** The nearest cell to a point, clamped into the grid (a drag that leaves the canvas); -1 if no cell. */
    public int nearestCell(double x, double y) {
        if (cells() == 0) return -1;
        int col = Math.clamp((long) Math.floor(x / cell), 0, columns - 1);
        int row = Math.clamp((long) Math.floor(y / cell), 0, rows - 1);
        return Math.min(row * columns + col, cells() - 1);
    }

    /** The first process (its position in the strip) a cell stands for. */
    public int from(int cell) {
        return cell * perCell;
    }

    /** One past the last process a cell stands for. */
    public int to(int cell) {
        return Math.min(count, (cell + 1) * perCell);
    }

    public int cellOf(int index) {
        return index / perCell;
    }

    public int x(int cell) {
        return (cell % columns) * this.cell;
    }

    public int y(int cell) {
        return (cell / columns) * this.cell;
    }

    public int width() {
        return columns * cell;
    }

    public int height() {
        return rows * cell;
    }
}
