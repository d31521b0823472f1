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
     * Puts a view's stylesheet first in its scene's list, and back there if a theme switch replaces the
     * list: its {@code .root} block then defines fallback tokens that every theme file added after it
     * overrides, while its rules style the view.
     */
    public static void keepFirstInScene(javafx.scene.Parent view, String stylesheet) {
        javafx.collections.ListChangeListener<String> restore = c -> {
            @SuppressWarnings("unchecked")
            javafx.collections.ObservableList<String> list = (javafx.collections.ObservableList<String>) c.getList();
            if (!list.contains(stylesheet)) javafx.application.Platform.runLater(() -> {
                if (!list.contains(stylesheet)) list.add(0, stylesheet);
            });
        };
        view.sceneProperty().addListener((o, old, scene) -> {
            if (old != null) old.getStylesheets().removeListener(restore);
            if (scene == null) return;
            if (!scene.getStylesheets().contains(stylesheet)) scene.getStylesheets().add(0, stylesheet);
            scene.getStylesheets().addListener(restore);
        });
    }

    private static URL resource(String path) {
        URL u = Views.class.getResource(path);
        if (u == null) throw new IllegalStateException("missing resource " + path);
        return u;
    }
}
