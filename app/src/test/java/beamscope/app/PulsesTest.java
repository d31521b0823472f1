package beamscope.app;

import static beamscope.app.WindowTest.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** When a canvas may draw: only when it can be seen (Pulses.inSight). */
class PulsesTest {
    final Region underFirst = new Region(), underSecond = new Region(), inPane = new Region();
    TabPane tabs;
    TitledPane pane;

    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            pane = new TitledPane("pane", inPane);
            tabs = new TabPane(new Tab("first", underFirst), new Tab("second", new VBox(underSecond)));
            stage.setScene(new Scene(new VBox(tabs, pane), 400, 300));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aNodeIsInSight_onlyWhileItsTabIsSelected() throws Exception {
        show();
        ObservableValue<Boolean> first = onFx(() -> Pulses.inSight(underFirst)), second = onFx(() -> Pulses.inSight(underSecond));
        boolean[] seen = new boolean[1];
        FxToolkit.setupFixture(() -> first.addListener((o, was, now) -> seen[0] = now));
        assertThat(onFx(first::getValue)).isTrue();
        assertThat(onFx(second::getValue)).isFalse();
        FxToolkit.setupFixture(() -> tabs.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(first::getValue)).isFalse();
        assertThat(onFx(second::getValue)).isTrue();
        FxToolkit.setupFixture(() -> tabs.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> seen[0])).as("told when it came back into sight").isTrue();
    }

    @Test
    void aNodeIsOutOfSight_whenItsPaneIsCollapsed_orItsWindowHidden() throws Exception {
        show();
        ObservableValue<Boolean> seen = onFx(() -> Pulses.inSight(inPane));
        assertThat(onFx(seen::getValue)).isTrue();
        FxToolkit.setupFixture(() -> {
            pane.setAnimated(false);
            pane.setExpanded(false);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(seen::getValue)).isFalse();
        FxToolkit.setupFixture(() -> pane.setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(seen::getValue)).isTrue();
        FxToolkit.setupFixture(() -> pane.getScene().getWindow().hide());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(seen::getValue)).isFalse();
    }
}
