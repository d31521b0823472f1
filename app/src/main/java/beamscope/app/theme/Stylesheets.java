package beamscope.app.theme;

import beamscope.app.Views;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Parent;

/**
 * Puts the right stylesheets on the scene root: {@code tokens.css} (semantic colour tokens) and
 * {@code app.css} (rules that use only tokens) always, then {@code theme-dark.css} and
 * {@code presenter.css}, which only redefine tokens, when switched on.
 */
public final class Stylesheets {
    private Stylesheets() {}

    public static final String TOKENS = Views.css("tokens"), APP = Views.css("app"), DARK = Views.css("theme-dark"),
            PRESENTER = Views.css("presenter");

    /** Keeps {@code root}'s stylesheets in step with the theme and presenter switches. */
    public static void follow(Parent root, ObjectProperty<Theme> theme, BooleanProperty presenter) {
        Runnable apply = () -> root.getStylesheets().setAll(sheets(theme.get(), presenter.get()));
        theme.addListener((o, a, b) -> apply.run());
        presenter.addListener((o, a, b) -> apply.run());
        apply.run();
    }

    public static List<String> sheets(Theme theme, boolean presenter) {
        List<String> s = new ArrayList<>(List.of(TOKENS, APP));
        if (theme == Theme.DARK) s.add(DARK);
        if (presenter) s.add(PRESENTER);
        return s;
    }
}
