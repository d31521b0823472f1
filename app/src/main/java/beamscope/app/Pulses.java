package beamscope.app;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs a canvas's animation timer only while the canvas is in a showing window. A timer left running holds
 * its canvas, and through it the whole window, from the toolkit's master timer: a window replaced by Reset
 * node, a lesson's fresh node or a switch to another node would stay in memory and keep drawing.
 */
public final class Pulses {
    private Pulses() {}

    public static void whileShowing(Node node, AnimationTimer timer) {
        ObservableValue<Boolean> showing = node.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing.addListener((o, was, now) -> {
            if (now) timer.start();
            else timer.stop();
        });
        if (showing.getValue()) timer.start();
    }
}
