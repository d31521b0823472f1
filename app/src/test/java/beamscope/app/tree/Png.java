package beamscope.app.tree;

import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Scene;

/** Writes a scene's snapshot as a PNG (FX thread), without javafx-swing. */
public final class Png {
    private Png() {}

    public static void write(Scene scene, Path file) {
        try {
            beamscope.app.Pngs.write(scene.snapshot(null), file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
