package beamscope.app.theme;

import beamscope.app.Views;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Parent;

/**
 * Puts the right stylesheets on the scene root: {@code tokens.css} (semantic colour tokens) and
 * {@code app.css} (rules that use only tokens) always, then {@code theme-dark.css} or {@code presenter.css},
 * which only redefine tokens. Presenter mode is a high-contrast theme of its own, light, or dark with
 * {@code presenter-dark.css} on top when the dark theme is on. The root also carries the
 * {@code :presenter} pseudo-class, for the few layout rules that differ at presenter size.
 */
public final class Stylesheets {
    private Stylesheets() {}

    public static final String TOKENS = Views.css("tokens"), APP = Views.css("app"), DARK = Views.css("theme-dark"),
            PRESENTER = Views.css("presenter"), PRESENTER_DARK = Views.css("presenter-dark");

    /** On the scene root in presenter mode. */
    public static final PseudoClass PRESENTING = PseudoClass.getPseudoClass("presenter");

    /** On the scene root while the node is not connected: the views dim what they show. */
    public static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");

    /** On the connection chip: {@code :connected}, {@code :reconnecting} or {@code :down}. */
    public static PseudoClass state(beamscope.app.observe.NodeState s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Keeps {@code root}'s stylesheets in step with the theme and presenter switches. */
    public static void follow(Parent root, ObjectProperty<Theme> theme, BooleanProperty presenter) {
        Runnable apply = () -> apply(root, theme.get(), presenter.get());
        theme.addListener((o, a, b) -> apply.run());
        presenter.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    /** Styles {@code root} for this theme and mode, once. */
    public static void apply(Parent root, Theme theme, boolean presenter) {
        root.getStylesheets().setAll(sheets(theme, presenter));
        root.pseudoClassStateChanged(PRESENTING, presenter);
    }

    public static List<String> sheets(Theme theme, boolean presenter) {
        List<String> s = new ArrayList<>(List.of(TOKENS, APP));
        if (presenter) {
            s.add(PRESENTER);
            if (theme == Theme.DARK) s.add(PRESENTER_DARK);     // presenter's sizes, dark high-contrast colours
        } else if (theme == Theme.DARK) s.add(DARK);
        return s;
    }
}
