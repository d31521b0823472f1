package beamscope.app;

import beamscope.runtime.Node;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Starts a node with the built-in demo and opens the observer window on it. */
public class BeamscopeApp extends Application {

    private Node node;
    private Demo demo;

    @Override
    public void start(Stage stage) throws Exception {
        node = Node.start();
        demo = Demo.start(node);
        FXMLLoader loader = new FXMLLoader(BeamscopeApp.class.getResource("/beamscope/fxml/MainWindow.fxml"));
        Parent root = loader.load();
        MainWindowView view = loader.getController();
        view.attach(node);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(BeamscopeApp.class.getResource("/beamscope/css/tokens.css").toExternalForm());
        stage.setTitle("Beamscope");
        stage.setScene(scene);
        stage.show();
    }

    @Override
    public void stop() {
        if (demo != null) demo.stop();
        if (node != null) node.close();
    }
}
