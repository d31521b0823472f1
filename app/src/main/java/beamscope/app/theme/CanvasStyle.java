package beamscope.app.theme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/**
 * What the stylesheets say a canvas view draws with: paints, line widths, other lengths and the font, as CSS-styleable
 * properties. A canvas class declares its properties once, in a {@link Schema} kept in a static field;
 * each instance holds its own values in a {@code CanvasStyle} and reads them while drawing. No colour or
 * width lives in the drawing code: a theme that redefines a token (theme-dark.css, presenter.css) restyles
 * every canvas, and the canvas redraws.
 *
 * <pre>{@code
 * private static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
 * static final Key<Paint> TEXT = CSS.paint("-bs-tree-text");
 * static final Key<Number> EDGE_WIDTH = CSS.length("-bs-tree-edge-width");
 * private final CanvasStyle style = CSS.style(this, () -> dirty = true);
 * ...
 * gc.setLineWidth(style.length(EDGE_WIDTH));
 * }</pre>
 */
public final class CanvasStyle {

    /** A node that draws with a {@link CanvasStyle}; the CSS engine reaches the values through it. */
    public interface Styled extends Styleable {
        CanvasStyle canvasStyle();
    }

    /** One property of a {@link Schema}: a CSS property name and the type of its value. */
    public static final class Key<T> {
        private final Schema schema;
        private final int index;
        private final CssMetaData<Styleable, T> meta;

        private Key(Schema schema, int index, CssMetaData<Styleable, T> meta) {
            this.schema = schema;
            this.index = index;
            this.meta = meta;
        }

        public String property() {
            return meta.getProperty();
        }

        @Override
        public String toString() {
            return property();
        }
    }

    /** The CSS properties of one kind of canvas, declared in static fields before any instance exists. */
    public static final class Schema {
        private final List<CssMetaData<? extends Styleable, ?>> metaData;
        private final List<Key<?>> keys = new ArrayList<>();

        /** A schema that adds its properties to those the node's class already has. */
        public Schema(List<CssMetaData<? extends Styleable, ?>> inherited) {
            metaData = new ArrayList<>(inherited);
        }

        /** A paint; transparent until a stylesheet sets it. */
        public Key<Paint> paint(String property) {
            return add(property, StyleConverter.getPaintConverter(), Color.TRANSPARENT, false);
        }

        /** A length (a line width, a type size): a CSS size, px or em of the canvas's font; one pixel until set. */
        public Key<Number> length(String property) {
            return add(property, StyleConverter.getSizeConverter(), 1.0, false);
        }

        /** The font, {@code -fx-font}, inherited like a control's (so {@code -fx-font-size} on the root reaches it). */
        public Key<Font> font() {
            return add("-fx-font", StyleConverter.getFontConverter(), Font.getDefault(), true);
        }

        private <T> Key<T> add(String property, StyleConverter<?, T> converter, T initial, boolean inherits) {
            int index = keys.size();
            CssMetaData<Styleable, T> meta = new CssMetaData<>(property, converter, initial, inherits) {
                @Override
                public boolean isSettable(Styleable node) {
                    return !((StyleableObjectProperty<?>) getStyleableProperty(node)).isBound();
                }

                @SuppressWarnings("unchecked")
                @Override
                public StyleableProperty<T> getStyleableProperty(Styleable node) {
                    return (StyleableProperty<T>) ((Styled) node).canvasStyle().values.get(index);
                }
            };
            Key<T> key = new Key<>(this, index, meta);
            keys.add(key);
            metaData.add(meta);
            return key;
        }

        /** Every CSS property of this kind of canvas, its class's own first: for {@code getCssMetaData()}. */
        public List<CssMetaData<? extends Styleable, ?>> cssMetaData() {
            return Collections.unmodifiableList(metaData);
        }

        /** The values for one canvas; {@code onChange} runs whenever CSS changes one of them. */
        public CanvasStyle style(Styled owner, Runnable onChange) {
            return new CanvasStyle(this, owner, onChange);
        }
    }

    private final Schema schema;
    private final List<StyleableObjectProperty<Object>> values = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private CanvasStyle(Schema schema, Styled owner, Runnable onChange) {
        this.schema = schema;
        for (Key<?> k : schema.keys) {
            CssMetaData<Styleable, Object> meta = (CssMetaData<Styleable, Object>) k.meta;
            var p = new SimpleStyleableObjectProperty<Object>(meta, owner, k.property(), meta.getInitialValue(owner));
            p.addListener(o -> onChange.run());
            values.add(p);
        }
    }

    public Paint paint(Key<Paint> key) {
        return (Paint) value(key);
    }

    /** A length in pixels (em already converted with the canvas's font). */
    public double length(Key<Number> key) {
        return ((Number) value(key)).doubleValue();
    }

    public Font font(Key<Font> key) {
        return (Font) value(key);
    }

    /** The property behind a key, to listen to one value (the font, say) beyond {@code onChange}. */
    @SuppressWarnings("unchecked")
    public <T> ObjectProperty<T> property(Key<T> key) {
        return (ObjectProperty<T>) values.get(check(key).index);
    }

    /**
     * The paints and lengths no stylesheet has set: each draws with its placeholder (transparent, one
     * pixel). The font is left out: it inherits, and a scene without stylesheets has the default one.
     */
    public List<String> unstyled() {
        List<String> out = new ArrayList<>();
        for (Key<?> k : schema.keys)
            if (!k.meta.isInherits() && values.get(k.index).getStyleOrigin() == null) out.add(k.property());
        return out;
    }

    private Object value(Key<?> key) {
        return values.get(check(key).index).get();
    }

    private Key<?> check(Key<?> key) {
        if (key.schema != schema) throw new IllegalArgumentException(key + " belongs to another kind of canvas");
        return key;
    }
}
