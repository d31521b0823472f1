package beamscope.app.observe;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.demo.Examples;
import beamscope.runtime.Atom;
import beamscope.runtime.ExitException;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The embedded node through the observation interface: its shell, calls, connection and process kinds. */
class LocalNodeTest {
    final Node node = Node.start();
    final LocalNode observed = new LocalNode(node, Examples.CATALOGUE);
    final List<Observed.ShellMessage> got = new ArrayList<>();

    @AfterEach
    void close() {
        observed.close();
        node.close();
    }

    /** Drains the shell (as the sampler does) until {@code done}, for at most ten seconds. */
    void drainUntil(BooleanSupplier done) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            observed.drainShell(got, 10);
            if (System.nanoTime() > end) throw new AssertionError("not done; the shell got " + got);
            Thread.onSpinWait();
        }
    }

    /** The shell behaves like IEx's: it traps exits, and a kill ends it and a new shell starts. */
    @Nested
    class Shell {
        @Test
        void killingTheShellStartsANewOneWithANewPid() {
            Pid first = observed.shell();
            observed.exit(first, Atom.of("oops")); // trapped: a message, the shell lives
            drainUntil(() -> got.size() >= 1);
            assertThat(got.get(0).message()).isEqualTo(Tuple.of(Atom.EXIT, Node.SYSTEM, Atom.of("oops")));
            assertThat(observed.shell()).isEqualTo(first);

            observed.exit(first, Atom.KILL);
            drainUntil(() -> got.size() >= 2);
            assertThat((String) got.get(1).message()).contains("shell process exited with reason: :killed");
            Pid second = observed.shell();
            assertThat(second).isNotEqualTo(first);
            assertThat(node.isAlive(first)).isFalse();
            assertThat(node.isAlive(second)).isTrue();
        }
    }

    @Nested
    class Calls {
        @Test
        void aCallFromTheShellCompletesWithTheReply_andTheShellShowsItAsTheReply() throws Exception {
            Pid counter = observed.spawn(ProcessKind.COUNTER, EmbeddedControls.Spawn.defaults());
            observed.cast(counter, Tuple.of(Atom.of("increment"), 5L));
            CompletableFuture<Object> reply = observed.call(counter, Atom.of("value"), Duration.ofSeconds(30));
            drainUntil(reply::isDone);
            assertThat(reply.get()).isEqualTo(5L);
            assertThat(got).singleElement().satisfies(m -> {
                assertThat(m.reply()).isTrue();
                assertThat(m.message()).isEqualTo(5L);
                assertThat(m.request()).isEqualTo(":value");
            });
        }

        @Test
        void aCallToAServerThatIsGone_failsAtOnceWithNoproc_ratherThanWaitingForItsTimeout_C7() {
            Pid counter = observed.spawn(ProcessKind.COUNTER, EmbeddedControls.Spawn.defaults());
            observed.exit(counter, Atom.KILL);
            drainUntil(() -> !node.isAlive(counter));
            CompletableFuture<Object> reply = observed.call(counter, Atom.of("value"), Duration.ofHours(1));
            drainUntil(reply::isDone);
            assertThat(reply).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(ExitException.class)
                    .satisfies(e -> assertThat(((ExitException) e).reason()).isEqualTo(Atom.NOPROC));
        }
    }

    @Nested
    class Connection {
        @Test
        void theEmbeddedNodeIsConnectedUntilClosed_andOffersItsEmbeddedControls() {
            assertThat(observed.state()).isEqualTo(NodeState.CONNECTED);
            assertThat(observed.embedded()).containsSame(observed);
            observed.close();
            assertThat(observed.state()).isEqualTo(NodeState.DOWN);
        }
    }

    @Nested
    class Kinds {
        @Test
        void supervisorsAreToldFromWorkersByTheOtpLayer_notByTheirNames() {
            Pid sup = observed.startSupervisor(SupervisorFlags.of(Strategy.ONE_FOR_ONE), ProcessKind.COUNTER, 2, null);
            Pid child = observed.spawn(ProcessKind.SLEEPER, EmbeddedControls.Spawn.defaults().under(sup));
            // a worker whose initial call merely mentions a supervisor is still a worker
            Pid lookalike = node.spawn(beamscope.runtime.Behaviors.receive((c, m) -> beamscope.runtime.Behaviors.same()),
                    beamscope.runtime.SpawnOptions.defaults().withInitialCall("MySupervisorLike.loop/0"));
            List<Pid> supervisors = observed.processes().stream().filter(observed::isSupervisor).map(ProcessSummary::pid).toList();
            assertThat(supervisors).contains(sup).doesNotContain(child, lookalike);
        }
    }

    /** Many supervised children at once come from a spawner process in the node (issue 12's spawn storm). */
    @Nested
    class SpawnMany {
        @Test
        void startsEveryChildUnderADynamicSupervisor_reportingTheCount() {
            Pid sup = ((beamscope.runtime.otp.StartResult.Ok) beamscope.runtime.otp.DynamicSupervisor.start(node)).pid();
            java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
            observed.spawnMany(ProcessKind.COUNTER, EmbeddedControls.Spawn.defaults().under(sup), 500, heard::set, () -> false);
            assertThat(heard.get()).isEqualTo(500);
            assertThat(beamscope.runtime.otp.Observe.supervisor(node, sup).orElseThrow().children()).hasSize(500);
        }

        @Test
        void underAStaticSupervisor_eachChildGetsItsOwnId() {
            Pid sup = observed.startSupervisor(SupervisorFlags.of(Strategy.ONE_FOR_ONE), ProcessKind.ECHO, 0, null);
            observed.spawnMany(ProcessKind.ECHO, EmbeddedControls.Spawn.defaults().under(sup), 200, n -> {}, () -> false);
            var children = beamscope.runtime.otp.Observe.supervisor(node, sup).orElseThrow().children();
            assertThat(children).hasSize(200);
            assertThat(children.stream().map(c -> c.id()).distinct().count()).isEqualTo(200);
        }

        @Test
        void aSupervisorThatIsGone_stopsItWithTheReason() {
            Pid sup = ((beamscope.runtime.otp.StartResult.Ok) beamscope.runtime.otp.DynamicSupervisor.start(node)).pid();
            Pid gone = sup;
            beamscope.runtime.otp.Supervisor.stop(node, gone);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> observed.spawnMany(ProcessKind.COUNTER,
                    EmbeddedControls.Spawn.defaults().under(gone), 10, n -> {}, () -> false))
                    .isInstanceOf(RuntimeException.class);
        }
    }
}
