package beamscope.app;

import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs a canvas's animation timer (or a view's clock) only while it can matter. A timer left running holds its
 * canvas, and through it the whole window, from the toolkit's master timer: a window replaced by Reset node, a
 * lesson's fresh node or a switch to another node would stay in memory and keep drawing. And a canvas drawing
 * under a tab that is not selected costs the FX thread a draw per frame that nobody sees.
 */
public final class Pulses {
    private Pulses() {}

    /** Runs {@code timer} while {@code node} is {@linkplain #inSight in sight}: a canvas's redraw. */
    public static void inSight(Node node, AnimationTimer timer) {
        when(inSight(node), timer::start, timer::stop);
    }

    /**
     * Runs {@code in} now if {@code node} is {@linkplain #inSight in sight} and each time it comes into sight, and
     * {@code out} each time it goes out of sight.
     */
    public static void inSight(Node node, Runnable in, Runnable out) {
        when(inSight(node), in, out);
    }

    /**
     * Runs {@code shown} now if {@code node} is in a showing window and each time it comes to be in one, and
     * {@code hidden} each time it stops being in one (a {@link javafx.animation.Timeline}'s play and stop, say).
     * For what runs whether or not it is seen (a clock that keeps a view's numbers current).
     */
    public static void whileShowing(Node node, Runnable shown, Runnable hidden) {
        when(showing(node), shown, hidden);
    }

    /**
     * Whether {@code node} can be seen: in a showing window, and it and every node above it visible (its tab
     * selected, its pane not collapsed: a {@link javafx.scene.control.TabPane} and a
     * {@link javafx.scene.control.TitledPane} hide the content they do not show). Follows the node as it moves.
     */
    public static ObservableValue<Boolean> inSight(Node node) {
        ObservableValue<Boolean> showing = showing(node);
        ObservableValue<Boolean> visible = visibleUpward(node);
        return showing.flatMap(s -> s ? visible : showing);   // showing is false here: not in sight
    }

    private static ObservableValue<Boolean> showing(Node node) {
        return node.sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
    }

    /** {@code node} and its ancestors all visible; re-evaluated when any of them, or the chain itself, changes. */
    private static ObservableValue<Boolean> visibleUpward(Node node) {
        return node.visibleProperty().flatMap(v -> v
                ? node.parentProperty().flatMap(Pulses::visibleUpward).orElse(true)
                : node.visibleProperty());   // false
    }

    private static void when(ObservableValue<Boolean> condition, Runnable on, Runnable off) {
        condition.addListener((o, was, now) -> {
            if (now) on.run();
            else off.run();
        });
        if (condition.getValue()) on.run();
    }
}
