package beamscope.app.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.app.theme.CanvasStyle.Key;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

class CanvasStyleTest extends FxRobot {

    /** A canvas-like region with one paint, one width and the font. */
    static final class Probe extends Region implements CanvasStyle.Styled {
        static final CanvasStyle.Schema CSS = new CanvasStyle.Schema(Region.getClassCssMetaData());
        static final Key<Paint> INK = CSS.paint("-probe-ink");
        static final Key<Number> LINE = CSS.length("-probe-line");
        static final Key<Font> FONT = CSS.font();

        final AtomicInteger changes = new AtomicInteger();
        final CanvasStyle style = CSS.style(this, changes::incrementAndGet);

        Probe() {
            getStyleClass().add("probe");
        }

        @Override public CanvasStyle canvasStyle() { return style; }

        @Override public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() { return CSS.cssMetaData(); }
    }

    static final CanvasStyle.Schema OTHER = new CanvasStyle.Schema(Region.getClassCssMetaData());
    static final Key<Number> OTHER_LINE = OTHER.length("-other-line");

    Probe probe;
    Scene scene;

    static String sheet(String css) {
        return "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void scene() throws Exception {
        FxToolkit.registerPrimaryStage();
        // a scene of its own, in no window: the primary stage that the window tests share keeps its size
        interact(() -> {
            probe = new Probe();
            scene = new Scene(new StackPane(probe), 200, 100);
        });
    }

    void style(String... sheets) {
        interact(() -> {
            scene.getStylesheets().setAll(List.of(sheets));
            scene.getRoot().applyCss();
        });
    }

    @Test
    void paintsAndWidthsComeFromTokensOnTheRoot_andARedefinedTokenChangesThem() {
        style(sheet(".root { -t-ink: #ff0000; -t-line: 1.5; } .probe { -probe-ink: -t-ink; -probe-line: -t-line; }"));
        assertThat(probe.style.paint(Probe.INK)).isEqualTo(Color.RED);
        assertThat(probe.style.length(Probe.LINE)).isEqualTo(1.5);
        int before = probe.changes.get();

        style(sheet(".root { -t-ink: #ff0000; -t-line: 1.5; } .probe { -probe-ink: -t-ink; -probe-line: -t-line; }"),
                sheet(".root { -t-ink: #0000ff; -t-line: 4; }"));
        assertThat(probe.style.paint(Probe.INK)).isEqualTo(Color.BLUE);
        assertThat(probe.style.length(Probe.LINE)).isEqualTo(4.0);
        assertThat(probe.changes.get()).isGreaterThan(before);
    }

    @Test
    void aWidthInEm_isInPixelsOfTheInheritedFont() {
        style(sheet(".root { -fx-font-size: 20px; } .probe { -probe-line: 0.25em; }"));
        assertThat(probe.style.font(Probe.FONT).getSize()).isEqualTo(20.0);
        assertThat(probe.style.length(Probe.LINE)).isEqualTo(5.0);
    }

    @Test
    void unstyled_namesThePaintsAndWidthsNoStylesheetSets() {
        style(sheet(".probe { -probe-ink: #000000; }"));
        assertThat(probe.style.unstyled()).containsExactly("-probe-line");
        style(sheet(".probe { -probe-ink: #000000; -probe-line: 2; }"));
        assertThat(probe.style.unstyled()).isEmpty();
    }

    @Test
    void untilAStylesheetSaysOtherwise_aPaintIsTransparentAndAWidthOnePixel() {
        style();
        assertThat(probe.style.paint(Probe.INK)).isEqualTo(Color.TRANSPARENT);
        assertThat(probe.style.length(Probe.LINE)).isEqualTo(1.0);
    }

    @Test
    void aKeyOfAnotherKindOfCanvas_isRefused() {
        assertThatThrownBy(() -> probe.style.length(OTHER_LINE)).isInstanceOf(IllegalArgumentException.class);
    }
}
