package beamscope.app.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Spawning on one thread: the background and FX executors run tasks at once. */
class SpawnViewModelTest {
    final List<EmbeddedControls.Spawn> spawned = new ArrayList<>();
    final AtomicLong ids = new AtomicLong(100);
    final Observed node = (Observed) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Observed.class, EmbeddedControls.class}, (proxy, m, args) -> switch (m.getName()) {
                case "shell" -> Pid.of(1);
                case "embedded" -> java.util.Optional.of(proxy);
                case "spawnMany" -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);   // over spawn
                case "spawn" -> {
                    spawned.add((EmbeddedControls.Spawn) args[1]);
                    yield Pid.of(ids.incrementAndGet());
                }
                default -> null;
            });
    final List<Pid> selected = new ArrayList<>();
    final SpawnViewModel vm = new SpawnViewModel(node, Runnable::run, Runnable::run, selected::add);

    @Test
    void oneProcessBecomesTheSelection() {
        vm.spawn();
        assertThat(selected).containsExactly(Pid.of(101));
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void manyMoveTheProgressToTheEnd_andSelectNothing() {
        vm.countProperty().set(5_000);
        vm.spawn();
        assertThat(spawned).hasSize(5_000);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(selected).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("spawned 5000 × Counter");
    }

    @Test
    void aCrasherDiesOnTheTypedMessage_andABadOneSpawnsNothing() {
        vm.kindProperty().set(ProcessKind.CRASHER);
        vm.crashOnProperty().set("{:bad, ");
        vm.spawn();
        assertThat(spawned).isEmpty();
        assertThat(vm.statusProperty().get()).startsWith("Crasher's message: column 8");
        vm.crashOnProperty().set(":oops");
        vm.spawn();
        assertThat(spawned).extracting(EmbeddedControls.Spawn::crashOn).containsExactly(Atom.of("oops"));
    }

    @Test
    void supervisedGoesUnderTheChosenSupervisor_orNowhereWithoutOne() {
        vm.supervisedProperty().set(true);
        vm.spawn();
        assertThat(spawned).isEmpty();
        vm.supervisorProperty().set(Pid.of(7));
        vm.spawn();
        assertThat(spawned).extracting(EmbeddedControls.Spawn::supervisor).containsExactly(Pid.of(7));
    }
}
