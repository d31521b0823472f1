package beamscope.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;

/** Knows where views (fxml/) and styles (css/) live on the class path. */
public final class Views {
    private Views() {}

    public static URL fxml(String stem) {
        return resource("/beamscope/fxml/" + stem + ".fxml");
    }

    public static String css(String name) {
        return resource("/beamscope/css/" + name + ".css").toExternalForm();
    }

    /** Loads {@code fxml/<stem>.fxml}; the controller comes back from {@link FXMLLoader#getController()}. */
    public static FXMLLoader load(String stem) {
        FXMLLoader loader = new FXMLLoader(fxml(stem));
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loader;
    }

    /** Loads {@code fxml/<stem>.fxml} with {@code controller} as its controller; returns the root. */
    public static javafx.scene.Parent load(String stem, Object controller) {
        FXMLLoader loader = new FXMLLoader(fxml(stem));
        loader.setControllerFactory(c -> controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads {@code fxml/<stem>.fxml} with {@code controller}, styled by {@code css/<stylesheet>.css}; returns
     * the root. The view carries its stylesheet from the start: a view that added it to its scene when it
     * got one would change the scene's stylesheets during a CSS pass (a TabPane's skin, made during CSS,
     * is what puts tab contents into the scene), which drops the style cache the ancestors already styled
     * point into, and every token looked up below them fails to resolve for that pass.
     */
    public static javafx.scene.Parent load(String stem, Object controller, String stylesheet) {
        javafx.scene.Parent root = load(stem, controller);
        root.getStylesheets().add(css(stylesheet));
        return root;
    }

    private static URL resource(String path) {
        URL u = Views.class.getResource(path);
        if (u == null) throw new IllegalStateException("missing resource " + path);
        return u;
    }
}
