package beamscope.app;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs a canvas's animation timer (or a view's clock) only while the canvas is in a showing window. A timer left
 * running holds its canvas, and through it the whole window, from the toolkit's master timer: a window replaced by Reset
 * node, a lesson's fresh node or a switch to another node would stay in memory and keep drawing.
 */
public final class Pulses {
    private Pulses() {}

    public static void whileShowing(Node node, AnimationTimer timer) {
        whileShowing(node, timer::start, timer::stop);
    }

    /**
     * Runs {@code shown} now if {@code node} is in a showing window and each time it comes to be in one, and
     * {@code hidden} each time it stops being in one (a {@link javafx.animation.Timeline}'s play and stop, say).
     */
    public static void whileShowing(Node node, Runnable shown, Runnable hidden) {
        ObservableValue<Boolean> showing = node.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing.addListener((o, was, now) -> {
            if (now) shown.run();
            else hidden.run();
        });
        if (showing.getValue()) shown.run();
    }
}
