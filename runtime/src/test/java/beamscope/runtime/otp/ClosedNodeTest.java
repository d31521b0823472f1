package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OTP calls made from outside the node after it closed: each fails at once with "node closed", and a
 * call waiting for its reply when the node closes wakes with it, whatever its timeout (even infinity).
 */
class ClosedNodeTest {
    final Node node = Node.start(NodeConfig.defaults().withSchedulers(2));
    final Inbox me = node.inbox("test");

    @AfterEach
    void stop() {
        node.close(); // a second close does nothing
    }

    static void assertNodeClosed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("node closed");
    }

    Pid server() {
        StartResult r = GenServer.start(node, new Probe(), Probe.arg(me.pid(), 1L), StartOptions.named("server"));
        assertThat(r).isInstanceOf(StartResult.Ok.class);
        return r.pid();
    }

    @Test
    void everyCallFailsAtOnceAfterClose() {
        Pid server = server();
        Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of()).pid();
        assertThat(GenServer.call(node, server, GET)).isEqualTo(1L);
        node.close();
        assertNodeClosed(() -> GenServer.call(node, server, GET));
        assertNodeClosed(() -> GenServer.call(node, "server", GET, GenServer.INFINITY));
        assertNodeClosed(() -> GenServer.cast(node, "server", GET));
        assertNodeClosed(() -> GenServer.stop(node, server));
        assertNodeClosed(() -> Supervisor.whichChildren(node, sup));
        assertNodeClosed(() -> Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of()));
        assertNodeClosed(() -> Agent.start(node, () -> 0L));
        assertNodeClosed(() -> Task.async(node, () -> 1L));
    }

    @Test
    void aCallWaitingForItsReplyWakesWhenTheNodeCloses() throws Exception {
        Pid server = server();
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> GenServer.call(node, server, HOLD, GenServer.INFINITY));
        assertThat(receive(me, m -> m instanceof Tuple2 t && t.e0() == GOT_CALL)).isNotNull();
        node.close();
        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("node closed");
    }

    @Test
    void aTaskAwaitedWhenTheNodeClosesWakes() throws Exception {
        CompletableFuture<Void> never = new CompletableFuture<>();
        Task task = Task.async(node, () -> never.get());
        CompletableFuture<Object> await = CompletableFuture.supplyAsync(() -> Task.await(task, Duration.ofSeconds(60)));
        node.close();
        never.complete(null);
        assertThatThrownBy(() -> await.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("node closed");
    }
}
