package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.tree.Flights;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** Message flights on the tree in the real window: a message the user sends flies from the shell to its target. */
class FlightsWindowTest extends WindowTest {

    boolean flew(Pid from, Pid to, Flights.Kind kind) throws Exception {
        return onFx(() -> app.window().tree().flights().recent().stream()
                .anyMatch(f -> f.from().equals(from) && f.to().equals(to) && f.kind() == kind));
    }

    @Test
    void aMessageSentFromTheEditorFliesFromTheShellToTheBank_andAKillSendsAnExitSignalToTheSupervisor() throws Exception {
        clickOn("#treeFlights");
        clickOn("slow");
        assertThat(onFx(() -> app.window().tree().flightSpeedProperty().get())).isEqualTo(Flights.Speed.SLOW);
        Pid bank = app.node().whereis("bank").orElseThrow();
        // the window's shell process, as the tree names it
        Pid shell = onFx(() -> app.window().tree().frame().items().stream()
                .filter(i -> "shell".equals(i.name())).findFirst().orElseThrow().pid());
        interact(() -> app.window().state().select(bank));
        clickOn("#messageEditor").write("{:gift, 1}").type(KeyCode.ENTER);
        waitUntil(() -> flew(shell, bank, Flights.Kind.MESSAGE));

        Pid counter1 = app.node().whereis("counter1").orElseThrow(), sup = app.node().whereis("counter_sup").orElseThrow();
        app.node().exit(counter1, Atom.KILL);
        waitUntil(() -> flew(counter1, sup, Flights.Kind.EXIT));

        // the menu is open on "slow": one up is "off"
        clickOn("#treeFlights").type(KeyCode.UP).type(KeyCode.ENTER);
        assertThat(onFx(() -> app.window().tree().flightSpeedProperty().get())).isEqualTo(Flights.Speed.OFF);
        waitUntil(() -> onFx(() -> !app.window().tree().flights().busy()));
    }
}
