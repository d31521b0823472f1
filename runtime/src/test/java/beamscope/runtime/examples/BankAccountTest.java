package beamscope.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's BankAccount walk-through. */
class BankAccountTest {

    @Test
    void theIexSession() {
        try (Node node = Node.start()) {
            BankAccount.start(node, 100);
            assertThat(BankAccount.getBalance(node)).isEqualTo(100L);
            BankAccount.deposit(node, 50);
            assertThat(BankAccount.getBalance(node)).isEqualTo(150L);
        }
    }

    @Test
    void underAOneForOneSupervisor_itIsKilledAndRestartedWithItsInitialState() {
        try (Node node = Node.start(); Inbox me = node.inbox()) {
            Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE),
                    List.of(BankAccount.childSpec(1000))).pid();
            BankAccount.deposit(node, 50);
            assertThat(BankAccount.getBalance(node)).isEqualTo(1050L);

            Pid account = node.whereis("my_account").orElseThrow();
            Ref ref = me.monitor(account);
            node.exit(account, Atom.KILL);
            assertThat(me.receive(m -> Tuple.isTagged(m, Atom.DOWN), Duration.ofSeconds(5)))
                    .contains(Tuple.of(Atom.DOWN, ref, Atom.PROCESS, account, Atom.KILLED));

            List<ChildView> children = Supervisor.whichChildren(node, sup); // answered once the restart is done
            Pid restarted = children.get(0).pid().orElseThrow();
            assertThat(restarted).isNotEqualTo(account);
            assertThat(node.whereis("my_account")).contains(restarted);
            assertThat(BankAccount.getBalance(node)).isEqualTo(1000L); // "brought back to life with its initial state"
            assertThat(Observe.supervisor(node, sup).orElseThrow().children().get(0).restartCount()).isEqualTo(1);
            assertThat(Observe.server(node, restarted).orElseThrow().state()).isEqualTo("1000");
        }
    }
}
