package beamscope.app.tree;

/**
 * Where items go in content coordinates (before zoom and pan), in multiples of the font size so the
 * tree grows with presenter mode. Also the hit-test, so clicks are testable without a toolkit.
 */
public record TreeGeometry(double em) {

    public enum Zone { BODY, TOGGLE, PREV, NEXT }

    /** What a point hits: an item and which part of it. */
    public record Hit(TreeItem item, Zone zone) {}

    public double boxWidth() { return 14 * em; }
    public double boxHeight() { return 3.1 * em; }
    public double columnPitch() { return 17.5 * em; }
    public double rowPitch() { return 3.9 * em; }
    public double margin() { return 1.5 * em; }
    public double toggleRadius() { return 0.75 * em; }

    public double left(TreeItem it) { return margin() + it.depth() * columnPitch(); }
    public double top(TreeItem it) { return margin() + it.row() * rowPitch(); }
    public double centreY(TreeItem it) { return top(it) + boxHeight() / 2; }
    public double toggleX(TreeItem it) { return left(it) + boxWidth(); }

    public double width(TreeFrame f) { return 2 * margin() + Math.max(0, f.columns() - 1) * columnPitch() + boxWidth() + toggleRadius(); }
    public double height(TreeFrame f) { return 2 * margin() + Math.max(0, f.rows() - 1) * rowPitch() + boxHeight(); }

    /** Whether an item draws a fold toggle: it has children (an aggregate always can open). */
    public static boolean hasToggle(TreeItem it) {
        return it.kind() != TreeItem.Kind.NODE && it.children() > 0;
    }

    /** The item under a content point, or null. */
    public Hit hit(TreeFrame frame, double x, double y) {
        for (int i = frame.items().size() - 1; i >= 0; i--) {
            TreeItem it = frame.items().get(i);
            double l = left(it), t = top(it);
            if (hasToggle(it)) {
                double dx = x - toggleX(it), dy = y - centreY(it), r = toggleRadius() * 1.3;
                if (dx * dx + dy * dy <= r * r) return new Hit(it, Zone.TOGGLE);
            }
            if (x < l || x > l + boxWidth() || y < t || y > t + boxHeight()) continue;
            if (it.aggregate() != null && it.aggregate().open() && y > t + boxHeight() / 2) {
                if (x < l + boxWidth() * 0.35) return new Hit(it, Zone.PREV);
                if (x > l + boxWidth() * 0.65) return new Hit(it, Zone.NEXT);
            }
            return new Hit(it, Zone.BODY);
        }
        return null;
    }
}
