package beamscope.app.send;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind.Delivery;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SendViewModelTest {
    static final Pid SHELL = Pid.of(99), TARGET = Pid.of(7);

    /** Records what was asked of the node; calls answer at once with :pong. */
    final List<String> actions = new ArrayList<>();
    final Observed node = (Observed) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Observed.class},
            (proxy, m, args) -> switch (m.getName()) {
                case "shell" -> SHELL;
                case "call" -> {
                    actions.add("call " + args[1]);
                    yield CompletableFuture.completedFuture(Atom.of("pong"));
                }
                default -> {
                    actions.add(m.getName() + " " + (args == null ? "" : args[args.length - 1]));
                    yield null;
                }
            });
    final SendViewModel vm = new SendViewModel(node, Runnable::run);

    {
        vm.targetProperty().set(TARGET);
    }

    @Nested
    class Refusing {
        @Test
        void aMalformedMessageIsRefusedWithItsPosition_andNothingIsSent() {
            vm.textProperty().set("{:deposit, 50");
            assertThat(vm.submit()).isFalse();
            assertThat(actions).isEmpty();
            assertThat(vm.errorProperty().get().position()).isEqualTo(13);
            assertThat(vm.errorProperty().get().message()).startsWith("column 14: expected");
        }

        @Test
        void fixingTheTextClearsTheError() {
            vm.textProperty().set("{:deposit, 50");
            vm.submit();
            vm.textProperty().set("{:deposit, 50}");
            assertThat(vm.errorProperty().get()).isNull();
        }

        @Test
        void pastedTextWithTooManyNewAtomsIsRefused_andCreatesNoAtom() {
            String stamp = "pasted_" + System.nanoTime() + "_";
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i <= 100; i++) text.append(i == 0 ? ":" : ", :").append(stamp).append(i);
            vm.textProperty().set(text.append("]").toString());
            assertThat(vm.submit()).isFalse();
            assertThat(actions).isEmpty();
            assertThat(vm.errorProperty().get().expected()).isEqualTo("an existing atom (this text may create at most 100 new atoms)");
            assertThat(vm.errorProperty().get().position()).isEqualTo(text.indexOf(":" + stamp + "100"));
            assertThat(Atom.existing(stamp + "0")).isEmpty();
        }

        @Test
        void errorPositionsPointIntoTheTypedText_evenAfterSelf() {
            Message m = Message.read("{self(), :a :b}", SHELL);
            assertThat(m).isInstanceOfSatisfying(Message.SyntaxError.class, e -> assertThat(e.position()).isEqualTo(12));
        }
    }

    @Nested
    class Delivering {
        @Test
        void sendCastAndCall_goThroughTheNode() {
            vm.textProperty().set("{:get, self()}");
            vm.submit();
            vm.deliveryProperty().set(Delivery.CAST);
            vm.textProperty().set("{:deposit, 50}");
            vm.submit();
            vm.deliveryProperty().set(Delivery.CALL);
            vm.textProperty().set(":balance");
            vm.submit();
            assertThat(actions).containsExactly("send " + Tuple.of(Atom.of("get"), SHELL), "cast {:deposit, 50}",
                    "call :balance");
            assertThat(vm.statusProperty().get()).isEqualTo("call :balance → :pong");
        }

        @Test
        void historyWalksBackAndForward() {
            vm.textProperty().set(":a");
            vm.submit();
            vm.textProperty().set(":b");
            vm.submit();
            vm.historyBack();
            assertThat(vm.textProperty().get()).isEqualTo(":b");
            vm.historyBack();
            assertThat(vm.textProperty().get()).isEqualTo(":a");
            vm.historyForward();
            assertThat(vm.textProperty().get()).isEqualTo(":b");
            vm.historyForward();
            assertThat(vm.textProperty().get()).isEmpty();
        }
    }
}
