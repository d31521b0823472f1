package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.Tuple;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The main window's actions, on one thread, against a recording stand-in for the node. */
class MainWindowViewModelTest {
    static final Pid SHELL = Pid.of(1), TARGET = Pid.of(42);

    final List<String> actions = new ArrayList<>();
    final Observed node = (Observed) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Observed.class, EmbeddedControls.class}, (proxy, m, args) -> switch (m.getName()) {
                case "shell" -> SHELL;
                case "embedded" -> Optional.of(proxy);
                case "state" -> NodeState.CONNECTED;
                case "nodeName" -> "test@host";
                case "whereis" -> Optional.empty();
                case "recorded" -> false;
                default -> {
                    actions.add(m.getName() + (args == null ? "" : " " + Arrays.toString(args)));
                    yield m.getReturnType() == java.util.concurrent.CompletableFuture.class
                            ? new java.util.concurrent.CompletableFuture<>() : null;
                }
            });
    final AppState state = new AppState();
    final MainWindowViewModel vm = new MainWindowViewModel(node, q -> { }, state, Runnable::run, Runnable::run);

    @Nested
    class Pairs {
        @Test
        void linksTheSelectedProcessToAPidTypedInAnyForm() {
            state.select(TARGET);
            vm.linkSelectedTo("#PID<0.7.0>");
            vm.unlinkSelectedFrom("<0.7.0>");
            vm.monitorFromSelected("0.7.0");
            assertThat(actions).containsExactly("link [" + TARGET + ", " + Pid.of(7) + "]",
                    "unlink [" + TARGET + ", " + Pid.of(7) + "]", "monitor [" + TARGET + ", " + Pid.of(7) + "]");
        }

        @Test
        void anUnknownNameDoesNothingAndSaysSo() {
            state.select(TARGET);
            vm.linkSelectedTo("nobody");
            assertThat(actions).isEmpty();
            assertThat(vm.messageProperty().get()).startsWith("No process nobody");
        }
    }

    @Nested
    class Exiting {
        @Test
        void exitsTheSelectedProcessWithTheTypedReason() {
            state.select(TARGET);
            vm.exitSelected("{:shutdown, :maintenance}");
            assertThat(actions).containsExactly("exit [" + TARGET + ", " + Tuple.of(Atom.SHUTDOWN, Atom.of("maintenance")) + "]");
        }

        @Test
        void aMalformedReasonSendsNothing() {
            state.select(TARGET);
            vm.exitSelected("{:shutdown");
            assertThat(actions).isEmpty();
            assertThat(vm.messageProperty().get()).startsWith("Exit reason not sent: column 11");
        }

        @Test
        void theShellCanBeExitedLikeAnyProcess() {
            state.select(SHELL);
            vm.exitSelected(":kill");
            assertThat(actions).containsExactly("exit [" + SHELL + ", " + Atom.KILL + "]");
        }

        @Test
        void withoutASelectionNothingHappens() {
            vm.exitSelected(":kill");
            assertThat(actions).isEmpty();
            assertThat(vm.messageProperty().get()).isEqualTo("Select a process first.");
        }
    }

    @Nested
    class ProcessActions {
        @Test
        void suspendResumePriorityLinkAndMonitor_goToTheSelectedProcess() {
            state.select(TARGET);
            vm.suspendSelected();
            vm.resumeSelected();
            vm.setPriority(Priority.HIGH);
            vm.linkSelected();
            vm.unlinkSelected();
            vm.monitorSelected();
            assertThat(actions).containsExactly("suspend [" + TARGET + "]", "resume [" + TARGET + "]",
                    "setPriority [" + TARGET + ", HIGH]", "link [" + TARGET + "]", "unlink [" + TARGET + "]",
                    "monitor [" + TARGET + "]");
        }
    }

    @Nested
    class Schedulers {
        @Test
        void stepPausesFirst_andSlowMotionTogglesTheDelay() {
            vm.step();
            vm.slowMotionProperty().set(true);
            vm.slowMotionProperty().set(false);
            vm.resume();
            assertThat(actions).containsExactly("pauseSchedulers", "stepSlice",
                    "slowMotion [" + MainWindowViewModel.SLOW_MOTION + "]", "slowMotion [PT0S]", "resumeSchedulers");
        }
    }

    @Nested
    class MemoryWatermark {
        beamscope.app.sampler.Frame frame(beamscope.runtime.Event... events) {
            beamscope.runtime.NodeSnapshot snap = new beamscope.runtime.NodeSnapshot(0, List.of(), 0, 1 << 20, 0, 0, 0, 0,
                    false, 0, 0, 0);
            return new beamscope.app.sampler.Frame(1, beamscope.app.sampler.Query.defaults(), snap, 0, 0, 0, List.of(), null,
                    List.of(events), 0, List.of(), java.util.Map.of(), java.util.Map.of());
        }

        beamscope.runtime.Event mark(boolean set, long messages) {
            return new beamscope.runtime.Event.SystemMonitor(0, null, beamscope.runtime.Event.MEMORY_HIGH_WATERMARK,
                    List.of(Tuple.of(Atom.of("set"), set), Tuple.of(Atom.of("messages"), messages)));
        }

        @Test
        void theBadgeFollowsTheLatestSetOrClear_andOtherAlarmsLeaveItAlone() {
            assertThat(vm.memoryAlarmProperty().get()).isFalse();
            vm.show(frame(mark(true, 1_500_000)));
            assertThat(vm.memoryAlarmProperty().get()).isTrue();
            assertThat(vm.memoryAlarmTextProperty().get()).isEqualTo("mailboxes high: " + Numbers.compact(1_500_000) + " msgs");
            vm.show(frame(new beamscope.runtime.Event.SystemMonitor(0, TARGET, beamscope.runtime.Event.MAX_HEAP_SIZE, List.of())));
            vm.show(frame());
            assertThat(vm.memoryAlarmProperty().get()).isTrue();
            vm.show(frame(mark(true, 2_000_000), mark(false, 100)));
            assertThat(vm.memoryAlarmProperty().get()).isFalse();
            assertThat(vm.memoryAlarmTextProperty().get()).isEmpty();
        }
    }

    /** A node that answers only the common part of {@link Observed} (a remote one): nothing embedded-only happens. */
    @Nested
    class WithoutEmbeddedControls {
        final Observed remote = (Observed) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Observed.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "shell" -> SHELL;
                    case "embedded", "whereis" -> Optional.empty();
                    case "state" -> NodeState.RECONNECTING;
                    case "nodeName" -> "remote@host";
                    case "recorded" -> false;
                    default -> {
                        actions.add(m.getName() + (args == null ? "" : " " + Arrays.toString(args)));
                        yield null;
                    }
                });
        final MainWindowViewModel vm = new MainWindowViewModel(remote, q -> { }, state, Runnable::run, Runnable::run);

        @Test
        void schedulerControlsPrioritiesAndLinksBetweenOthers_doNothingAndSaySo() {
            assertThat(vm.embedded()).isFalse();
            state.select(TARGET);
            vm.pause();
            assertThat(vm.pausedProperty().get()).isFalse();
            assertThat(vm.messageProperty().get()).contains("remote@host", "cannot");
            vm.step();
            vm.setPriority(Priority.HIGH);
            vm.linkSelectedTo("#PID<0.7.0>");
            vm.slowMotionProperty().set(true);
            assertThat(actions).isEmpty();
        }

        @Test
        void whatAnyNodeDoes_stillGoesToTheNode() {
            state.select(TARGET);
            vm.exitSelected(":kill");
            vm.suspendSelected();
            vm.monitorSelected();
            assertThat(actions).containsExactly("exit [" + TARGET + ", " + Atom.KILL + "]", "suspend [" + TARGET + "]", "monitor [" + TARGET + "]");
        }

        @Test
        void theHeaderSaysWhetherTheNodeIsConnected() {
            assertThat(vm.nodeStateProperty().get()).isEqualTo(NodeState.RECONNECTING);
            assertThat(vm.nodeStateTextProperty().get()).startsWith("remote@host").contains("reconnecting");
        }
    }

    @Nested
    class Memory {
        @Test
        void theHeaderNamesTheJvmHeapAndTheProcessesEstimateEachForWhatItIs() {
            String m = MainWindowViewModel.describeMemory(2_900_000_000L, 3L << 30, 44L << 20);
            assertThat(m).isEqualTo("JVM heap 2.70 GB used of 3.00 GB committed · processes ≈ 44.0 MB (estimate)");
        }

        @Test
        void withoutAnEstimate_onlyTheHeapIsShown() {
            assertThat(MainWindowViewModel.describeMemory(512, 2048, -1)).isEqualTo("JVM heap 512 B used of 2.00 KB committed");
        }
    }
}
