package beamscope.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Node menu's state without the toolkit: background work and the FX thread are queues the test runs by
 * hand, so what happens off the FX thread, and when its result comes back, is explicit.
 */
class NodeChoiceViewModelTest {
    final Node node = Node.start(NodeConfig.defaults().withSchedulers(1));
    final LocalNode embedded = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE);
    final Queue<Runnable> background = new ArrayDeque<>(), fx = new ArrayDeque<>();
    final List<Observed> shown = new ArrayList<>();
    final NodeChoiceViewModel vm = new NodeChoiceViewModel(embedded, o -> {
        shown.add(o);
        return CompletableFuture.completedFuture(null);
    }, fx::add, background::add);

    @AfterEach
    void stop() {
        embedded.close();
        node.close();
    }

    void runAll() {
        while (!background.isEmpty() || !fx.isEmpty()) {
            while (!background.isEmpty()) background.poll().run();
            while (!fx.isEmpty()) fx.poll().run();
        }
    }

    @Nested
    class Connecting {
        @Test
        void attachingRunsOffTheFxThread_andAFailureIsSaidInTheConnectionLayersWords() {
            vm.nodeNameProperty().set("a@b@c");
            CompletableFuture<Boolean> done = vm.connect();
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(background).as("the attach waits for the background executor").hasSize(1);
            assertThat(fx).isEmpty();
            runAll();
            assertThat(done).isCompletedWithValue(false);
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.errorProperty().get()).contains("is not a node name");
            assertThat(vm.onEmbeddedProperty().get()).isTrue();
            assertThat(shown).isEmpty();
        }

        @Test
        void cancel_dropsTheAttemptUnderWay_andItsLateResultChangesNothing() {
            vm.nodeNameProperty().set("a@b@c");
            CompletableFuture<Boolean> done = vm.connect();
            vm.cancel();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.errorProperty().get()).isEqualTo("Cancelled.");
            runAll();
            assertThat(done).isCompletedWithValue(false);
            assertThat(vm.errorProperty().get()).as("the late failure is not shown").isEqualTo("Cancelled.");
            assertThat(shown).isEmpty();
        }
    }

    @Test
    void onTheEmbeddedNode_backToEmbeddedDoesNothing_andTheDestructiveSwitchStartsOff() {
        vm.backToEmbedded();
        assertThat(shown).isEmpty();
        assertThat(vm.destructiveProperty().get()).isFalse();
        assertThat(vm.cluster()).isEmpty();
    }

    @Test
    void theRemshLine_tellsHowToAttachAnIexShell() {
        assertThat(NodeChoiceViewModel.remsh("n@h", "C")).endsWith("iex --sname me --remsh n@h --cookie C");
    }
}
