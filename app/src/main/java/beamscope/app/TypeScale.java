package beamscope.app;

import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.text.Font;

/**
 * Pixel widths a view was laid out with at the default font, kept in proportion to the type CSS gives
 * it: presenter mode's larger type gets wider columns, so headers and values still fit.
 */
public final class TypeScale {
    private TypeScale() {}

    /**
     * Scales each column's widths as they are now (pref, min, max, from the FXML) by the size of
     * {@code sample}'s font over the default font's, now and whenever the font changes.
     */
    public static void columns(Labeled sample, List<? extends TableColumnBase<?, ?>> columns) {
        double base = Font.getDefault().getSize();
        for (TableColumnBase<?, ?> c : columns) {
            double pref = c.getPrefWidth(), min = c.getMinWidth(), max = c.getMaxWidth();
            Runnable scale = () -> {
                double k = sample.getFont().getSize() / base;
                c.setMinWidth(min * k);
                c.setMaxWidth(max * k);
                c.setPrefWidth(pref * k);
            };
            sample.fontProperty().addListener(o -> scale.run());
            scale.run();
        }
    }
}
