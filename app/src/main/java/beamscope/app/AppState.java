package beamscope.app;

import beamscope.app.sampler.Frame;
import beamscope.app.theme.Theme;
import beamscope.runtime.Pid;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every view shares, on the FX thread: the selected process, presenter mode, the theme, and the
 * latest frame from the sampler. Views get this object (or just the property they need) passed in; there
 * is no static access.
 */
public final class AppState {
    private final ObjectProperty<Pid> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObjectProperty<Frame> frame = new SimpleObjectProperty<>(this, "frame");

    /** The process the inspector shows and actions apply to; null for none. Shared by every view. */
    public ObjectProperty<Pid> selectedProperty() {
        return selected;
    }

    public Pid selected() {
        return selected.get();
    }

    public void select(Pid pid) {
        successor = null;
        selected.set(pid);
    }

    private Pid successor;

    /**
     * Selects the process a supervisor started in place of the selected one that died: the selection follows a
     * restart, not a choice of the user's, so the views keep still for it.
     */
    public void follow(Pid next) {
        successor = next;
        selected.set(next);
    }

    /** Whether {@code pid} is selected because the selection followed a restart to it ({@link #follow}). */
    public boolean followedRestartTo(Pid pid) {
        return pid != null && pid.equals(successor) && pid.equals(selected.get());
    }

    /** Presenter mode: large type, high contrast, thick lines (presenter.css on the scene root). */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The latest sampler frame (node snapshot with per-scheduler state, rows, events), set on the FX thread. */
    public ObjectProperty<Frame> frameProperty() {
        return frame;
    }
}
