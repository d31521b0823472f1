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

    private static URL resource(String path) {
        URL u = Views.class.getResource(path);
        if (u == null) throw new IllegalStateException("missing resource " + path);
        return u;
    }
}
