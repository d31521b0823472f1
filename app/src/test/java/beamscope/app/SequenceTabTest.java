package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.processes.ProcessRowModel;
import beamscope.app.sequence.Arrow;
import beamscope.app.sequence.Lane;
import beamscope.app.sequence.Mermaid;
import beamscope.app.sequence.SequenceCanvas;
import beamscope.app.sequence.SequenceViewModel;
import beamscope.app.sequence.Svg;
import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sequence tab in the real window: two processes chosen from the table, and the message between them. */
class SequenceTabTest extends WindowTest {
    static final Atom SEND = Atom.of("send");

    @BeforeEach
    void launch() throws Exception {
        waitUntil(() -> app.window().state().selected() != null);
    }

    /** A process that sends what it is told to: {:send, to, message}. */
    static beamscope.runtime.Behavior relay() {
        return Behaviors.receive("Relay.loop/0", (ctx, msg) -> {
            if (msg instanceof Tuple3(Atom tag, Pid to, Object m) && tag == SEND) ctx.send(to, m);
            return Behaviors.same();
        });
    }

    /** Filters the table to {@code pid}, clicks its row, and chooses "Add to sequence diagram" from the row's menu. */
    void addFromTable(Pid pid) throws Exception {
        TextField filter = lookup("#processFilter").queryAs(TextField.class);
        interact(() -> filter.setText(pid.toString()));
        waitUntil(() -> onFx(() -> lookup(n -> n instanceof TableRow<?> r && r.getItem() instanceof ProcessRowModel m
                && m.pid().equals(pid)).tryQuery().isPresent()));
        Node row = lookup(n -> n instanceof TableRow<?> r && r.getItem() instanceof ProcessRowModel m && m.pid().equals(pid)).query();
        clickOn(row);
        waitUntil(() -> pid.equals(app.window().state().selected()));
        // Monocle (headless) does not turn a right click into a context menu request: the test fires the
        // row menu's item, as a user's click on it would
        MenuItem item = ((TableRow<?>) row).getContextMenu().getItems().stream()
                .filter(i -> "Add to sequence diagram".equals(i.getText())).findFirst().orElseThrow();
        interact(item::fire);
    }

    @Test
    void twoProcessesAddedFromTheTableShowTheMessageBetweenThem(@TempDir Path dir) throws Exception {
        beamscope.runtime.Node node = app.node();
        Pid a = node.spawn(relay()), b = node.spawn(relay());
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Processes")).<Node>query());
        addFromTable(a);
        addFromTable(b);
        SequenceViewModel vm = app.window().sequence();
        waitUntil(() -> onFx(() -> vm.model().lanes().size() == 2 && !vm.busy()));
        assertThat(onFx(() -> vm.model().lanes().stream().map(Lane::pid).toList())).containsExactly(a, b);

        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Sequence")).<Node>query());
        node.send(a, Tuple.of(SEND, b, Tuple.of(Atom.of("hello"), "world")));
        SequenceCanvas canvas = lookup("#sequenceView").queryAs(SequenceCanvas.class);
        waitUntil(() -> onFx(() -> canvas.drawnArrows().stream().anyMatch(d -> d.arrow().text().equals("{:hello, \"world\"}")
                && d.arrow().from() == 0 && d.arrow().to() == 1 && d.arrow().end() == Arrow.End.RECEIVED)));

        // hovering the arrow shows the whole term and that it was received
        SequenceCanvas.Drawn d = onFx(() -> canvas.drawnArrows().stream().filter(x -> x.arrow().from() == 0).findFirst().orElseThrow());
        javafx.geometry.Point2D mid = onFx(() -> canvas.localToScreen((d.x1() + d.x2()) / 2, (d.y1() + d.y2()) / 2));
        moveTo(mid.getX() - 3, mid.getY());
        moveTo(mid);
        javafx.scene.control.Label hover = lookup("#sequenceHover").queryAs(javafx.scene.control.Label.class);
        waitUntil(() -> onFx(hover::isVisible));
        assertThat(onFx(hover::getText)).startsWith("message: {:hello, \"world\"}").contains("received");

        // the exports: Mermaid names both lifelines and the message; the SVG is a document
        String mermaid = onFx(() -> Mermaid.of(vm.model()));
        assertThat(mermaid).startsWith("sequenceDiagram\n").contains("L0->>L1: {:hello, \"world\"}");
        Path svg = dir.resolve("s.svg");
        interact(() -> Files.writeString(svg, Svg.of(vm.model(), canvas.palette(), canvas.em())));
        assertThat(Files.readString(svg)).contains("<svg").doesNotContain("currentColor");
        assertThat(List.of(onFx(() -> canvas.canvasStyle().unstyled()))).containsExactly(List.of());
    }

    @Test
    void aLessonChoosesTheProcesses_andTheDiagramFollowsTheKilledAccountIntoItsRestart() throws Exception {
        LessonMenus.open(this, app, "bank-supervised");
        var lessons = app.window().lessons();
        waitUntil(() -> lookup("#lessonStep1").tryQuery().isPresent() && !lessons.busyProperty().get());
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Steps")).<Node>query());
        clickOn("#lessonStep1");   // the step points at its processes
        waitUntil(() -> lessons.steps().get(0).status() == beamscope.app.lessons.LessonsViewModel.Status.HAPPENED);
        waitUntil(() -> onFx(() -> !lessons.highlightedProperty().get().isEmpty()));
        Pid account = app.node().whereis("my_account").orElseThrow();
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Sequence")).<Node>query());
        clickOn("#sequenceLessonProcesses");
        SequenceViewModel vm = app.window().sequence();
        waitUntil(() -> onFx(() -> !vm.model().lanes().isEmpty() && !vm.busy()));
        assertThat(onFx(() -> vm.model().lanes().stream().map(Lane::pid).toList()))
                .containsExactlyInAnyOrderElementsOf(onFx(() -> lessons.highlightedProperty().get()));
        assertThat(onFx(() -> vm.model().lanes().stream().map(Lane::pid).toList())).contains(account);
        app.node().exit(account, Atom.KILL);
        Pid restarted = waitForNewAccount(account);
        waitUntil(() -> onFx(() -> vm.model().lanes().stream().anyMatch(l -> l.pid().equals(restarted) && l.restarts() == 1)));
        assertThat(onFx(() -> vm.model().steps().stream().anyMatch(st -> st instanceof beamscope.app.sequence.Step.Exited x
                && x.reason().equals(":killed")))).isTrue();
    }

    Pid waitForNewAccount(Pid old) throws Exception {
        Pid[] now = new Pid[1];
        waitUntil(() -> {
            now[0] = app.node().whereis("my_account").orElse(null);
            return now[0] != null && !now[0].equals(old);
        });
        return now[0];
    }

    @Test
    void twoBoxesOfTheTreeAddedFromTheirMenus() throws Exception {
        Pid kv = app.node().whereis("kv").orElseThrow(), stack = app.node().whereis("stack").orElseThrow();
        var tree = app.window().tree();
        for (Pid p : List.of(kv, stack)) {
            waitUntil(() -> onFx(() -> tree.frame() != null && tree.frame().item(p) != null));
            javafx.geometry.Point2D at = onFx(() -> lookup("#treePane").query().localToScreen(40, 40));
            interact(() -> tree.contextMenu(new beamscope.app.tree.TreeGeometry.Hit(tree.frame().item(p),
                    beamscope.app.tree.TreeGeometry.Zone.BODY), at.getX(), at.getY()));
            waitUntil(() -> lookup("Add to sequence diagram").tryQuery().map(Node::isVisible).orElse(false));
            clickOn("Add to sequence diagram");
            waitUntil(() -> lookup("Add to sequence diagram").tryQuery().map(n -> !n.isVisible() || n.getScene() == null
                    || !n.getScene().getWindow().isShowing()).orElse(true));
        }
        SequenceViewModel vm = app.window().sequence();
        waitUntil(() -> onFx(() -> vm.model().lanes().size() == 2 && !vm.busy()));
        assertThat(onFx(() -> vm.model().lanes().stream().map(Lane::label).toList())).containsExactly("kv", "stack");
    }
}
