package beamscope.runtime;

import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Code outside the node: inboxes, and links and monitors made on behalf of processes. */
class InboxTest {

    @Test
    void aSelectiveReceiveLeavesOtherMessagesQueuedInOrder() {
        try (Node node = Node.start(); Inbox me = node.inbox()) {
            node.send(me.pid(), 1L);
            node.send(me.pid(), "two");
            node.send(me.pid(), 3L);
            assertThat(me.receive(m -> m instanceof String, Duration.ofSeconds(5))).contains("two");
            assertThat(me.peek(10)).containsExactly(1L, 3L);
            assertThat(me.receive(Duration.ZERO)).contains(1L);
        }
    }

    @Test
    void otherThreadsCanSendLinkAndMonitorWhileAReceiveWaits() throws Exception {
        try (Node node = Node.start(); Inbox waiting = node.inbox(); Inbox other = node.inbox()) {
            CompletableFuture<Object> got = CompletableFuture.supplyAsync(
                    () -> waiting.receive(m -> "wake".equals(m), Duration.ofSeconds(30)).orElse(null));
            Probes.await(() -> node.processInfo(waiting.pid()).isPresent(), "the inbox");
            // These run on this thread while the other thread is parked in receive: none may block.
            Pid p = node.spawn(Probes.idle());
            Ref ref = waiting.monitor(p);
            waiting.send(other.pid(), "from the waiting inbox");
            assertThat(next(other)).isEqualTo("from the waiting inbox");
            node.send(waiting.pid(), "wake");
            assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("wake");
            node.exit(p, Atom.KILL);
            assertThat(next(waiting)).isEqualTo(Probes.down(ref, p, Atom.KILLED));
        }
    }

    @Test
    void anAbnormalLinkedExitClosesANonTrappingInbox() {
        try (Node node = Node.start(); Inbox me = node.inbox()) {
            Pid p = node.spawn(Probes.idle());
            me.link(p);
            node.exit(p, Atom.of("boom"));
            assertThatThrownBy(() -> me.receive(Duration.ofSeconds(5))).isInstanceOfSatisfying(ExitException.class,
                    e -> assertThat(e.reason()).isEqualTo(Atom.of("boom")));
            assertThat(me.isAlive()).isFalse();
        }
    }

    @Test
    void nodeLinkAndMonitorActOnBehalfOfAProcess() {
        try (Node node = Node.start(); Inbox me = node.inbox()) {
            Pid a = node.spawn(Probes.idle());
            Pid b = node.spawn(Probes.idle());
            node.link(a, b);
            Probes.await(() -> node.processInfo(b).orElseThrow().links().contains(a), "the link");
            Pid watcher = node.spawn(Probes.forwarder(me.pid()));
            node.monitor(watcher, a);
            Probes.await(() -> node.processInfo(a).orElseThrow().monitoredBy().contains(watcher), "the monitor");
            node.exit(b, Atom.of("crash"));
            Tuple5 down = (Tuple5) next(me);
            assertThat(down.e3()).isEqualTo(a);
            assertThat(down.e4()).isEqualTo(Atom.of("crash"));

            Pid c = node.spawn(Probes.idle());
            Pid d = node.spawn(Probes.idle());
            node.link(c, d);
            Probes.await(() -> node.processInfo(d).orElseThrow().links().contains(c), "the link");
            node.unlink(c, d);
            Probes.await(() -> node.processInfo(d).orElseThrow().links().isEmpty(), "the unlink");
            node.exit(d, Atom.of("crash"));
            Probes.await(() -> !node.isAlive(d), "d to exit");
            assertThat(node.isAlive(c)).isTrue();
        }
    }
}
