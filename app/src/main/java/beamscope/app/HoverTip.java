package beamscope.app;

import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * The tooltip of a canvas whose words depend on what the pointer is over (a box of the tree, a cell of the grid).
 * A plain {@link Tooltip} stays up while the pointer moves on within its node and lingers after it leaves: its
 * window then sits under the pointer's way to the next box, and a click there lands on the tooltip, not on the
 * box the user aimed at. This one goes away the moment the pointer leaves what it describes, and on a press.
 */
public final class HoverTip {
    private final Node owner;
    private final Tooltip tip = new Tooltip();
    private String shown;

    public HoverTip(Node owner, Duration showDelay) {
        this.owner = owner;
        tip.setShowDelay(showDelay);
        tip.setHideDelay(Duration.ZERO);
        owner.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> show(null));
    }

    /** Describes what the pointer is over now ({@code null}: nothing, no tooltip); FX thread. */
    public void show(String text) {
        if (java.util.Objects.equals(text, shown)) return;
        if (shown != null) Tooltip.uninstall(owner, tip);      // hides it at once; the new words wait for the delay again
        shown = text;
        if (text != null) {
            tip.setText(text);
            Tooltip.install(owner, tip);
        }
    }
}
