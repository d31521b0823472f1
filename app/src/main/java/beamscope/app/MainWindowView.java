package beamscope.app;

import beamscope.runtime.Node;
import beamscope.runtime.NodeSnapshot;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** The main window's controller: shows the node's live process count. */
public class MainWindowView {

    @FXML private Label processCount;
    @FXML private Label details;

    void attach(Node node) {
        // Reading a snapshot only reads published counters, so it is safe (and cheap) on the FX thread.
        Timeline t = new Timeline(new KeyFrame(Duration.millis(200), e -> show(node.snapshot())));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
        show(node.snapshot());
    }

    private void show(NodeSnapshot s) {
        processCount.setText(Integer.toString(s.processes()));
        details.setText(s.schedulers().size() + " schedulers · " + s.messagesSent() + " messages sent · "
                + s.reductions() + " reductions");
    }
}
