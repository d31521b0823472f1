package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AgentTest {
    final ManualClock clock = new ManualClock();
    final Node node = node(clock);
    final Inbox me = node.inbox("test");

    @AfterEach
    void close() {
        me.close();
        node.close();
    }

    @Nested
    class Agents {
        @Test
        void getUpdateGetAndUpdate_E8() {
            Pid agent = Agent.start(node, () -> 0L).pid();
            assertThat(Agent.update(node, agent, (Long n) -> n + 20)).isEqualTo(Atom.OK);
            long a = Agent.get(node, agent, (Long n) -> n);
            Object b = Agent.getAndUpdate(node, agent, (Long n) -> Tuple.of(n, 0L));
            long c = Agent.get(node, agent, (Long n) -> n);
            assertThat(List.of(a, b, c)).containsExactly(20L, 20L, 0L);
            assertThat(Agent.cast(node, agent, (Long n) -> n + 1)).isEqualTo(Atom.OK);
            assertThat(Agent.<Long, Long>get(node, agent, n -> n)).isEqualTo(1L);
        }

        @Test
        void getAndUpdateReturningNoPair_stopsTheAgent_E9() {
            Pid agent = Agent.start(node, () -> 0L).pid();
            Ref mon = me.monitor(agent);
            Function<Long, Object> notAPair = n -> 5L;
            ExitException e = catchThrowableOfType(ExitException.class, () -> Agent.getAndUpdate(node, agent, notAPair));
            Object expected = Tuple.of(Atom.of("bad_return_value"), 5L);
            assertThat(((Tuple) e.reason()).get(0)).isEqualTo(expected);
            assertThat(downReason(me, mon)).isEqualTo(expected);
        }

        @Test
        void stop_E8() {
            Pid agent = Agent.start(node, () -> "x", StartOptions.named("agent")).pid();
            Agent.stop(node, "agent");
            assertThat(node.isAlive(agent)).isFalse();
        }

        @Test
        void theFunctionRunsInsideTheAgent_andAProcessCanCallIt() {
            Pid agent = Agent.start(node, () -> List.of()).pid();
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> Agent.get(ctx, agent, (List<?> s) -> Thread.currentThread().getName(), name -> {
                ctx.send(test, Tuple.of(Atom.of("ran_on"), name));
                return Behaviors.stop();
            })));
            String thread = (String) ((Tuple) receive(me, m -> tagged(m, Atom.of("ran_on")))).get(1);
            assertThat(thread).contains("-scheduler-");
        }

        @Test
        void observersSeeLabelAndState() {
            Pid agent = Agent.start(node, () -> Tuple.of(Atom.of("count"), 3L)).pid();
            assertThat(Observe.server(node, agent)).contains(new ServerView(agent, "Agent", "{:count, 3}"));
        }

        @Test
        void underASupervisor_aCrashedAgentRestartsWithItsInitialState_E10() {
            Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE),
                    List.of(ChildSpec.worker("agent", Agent.child(() -> 1L, StartOptions.named("counter"))))).pid();
            Agent.update(node, "counter", (Long n) -> n + 1);
            Pid before = node.whereis("counter").orElseThrow();
            Ref mon = me.monitor(before);
            node.exit(before, Atom.KILL);
            downReason(me, mon);
            Supervisor.whichChildren(node, sup); // the restart is done when the supervisor answers
            assertThat(Agent.<Long, Long>get(node, "counter", n -> n)).isEqualTo(1L);
            assertThat(node.whereis("counter").orElseThrow()).isNotEqualTo(before);
        }
    }
}
