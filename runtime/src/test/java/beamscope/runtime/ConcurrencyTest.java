package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many processes on several schedulers at once: nothing lost, nothing left behind. */
class ConcurrencyTest {

    @Test
    void aTokenPassesAlongAChainOfAHundredThousandProcessesOnFourSchedulers() {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(4)); Inbox me = node.inbox()) {
            int n = 100_000;
            for (int round = 0; round < 3; round++) {
                Pid next = me.pid();
                for (int i = 0; i < n; i++) {
                    Pid to = next;
                    next = node.spawn(Behaviors.receive((ctx, m) -> {
                        ctx.send(to, (Long) m + 1);
                        return Behaviors.stop();
                    }));
                }
                node.send(next, 0L);
                assertThat(me.receive(Duration.ofSeconds(60))).contains((long) n);
                Probes.await(() -> node.processCount() == 1, "every chain process to exit");
            }
        }
    }

    @Test
    void processesSpawnedFromManyProcessesAtOnceAllRunAndExit() {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(4)); Inbox me = node.inbox()) {
            int spawners = 50, each = 2_000;
            Pid done = me.pid();
            for (int s = 0; s < spawners; s++) {
                node.spawn(Behaviors.setup(ctx -> {
                    for (int i = 0; i < each; i++) {
                        ctx.spawnMonitor(Behaviors.setup(c -> Behaviors.stop(Atom.of("done"))));
                    }
                    return collect(done, each, 0);
                }));
            }
            for (int s = 0; s < spawners; s++) assertThat(me.receive(Duration.ofSeconds(60))).contains((long) each);
            Probes.await(() -> node.processCount() == 1, "all to exit");
            NodeSnapshot snap = node.snapshot();
            assertThat(snap.spawns()).isGreaterThanOrEqualTo((long) spawners * each + spawners);
        }
    }

    private static Behavior collect(Pid to, int expected, int got) {
        return Behaviors.receive((ctx, m) -> {
            if (!(m instanceof Tuple5 d) || d.e0() != Atom.DOWN) return Behaviors.unhandled();
            if (!Atom.of("done").equals(d.e4())) throw new IllegalStateException("unexpected " + d);
            if (got + 1 == expected) {
                ctx.send(to, (long) expected);
                return Behaviors.stop();
            }
            return collect(to, expected, got + 1);
        });
    }

    @Test
    void killingLinkedGroupsAcrossSchedulersTakesDownExactlyTheGroups() {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(4)); Inbox me = node.inbox()) {
            List<Pid> heads = new ArrayList<>();
            List<Ref> refs = new ArrayList<>();
            Pid bystander = node.spawn(Probes.forwarder(me.pid()));
            for (int g = 0; g < 200; g++) {
                Pid head = node.spawn(Behaviors.setup(ctx -> {
                    for (int i = 0; i < 20; i++) ctx.spawnLink(Probes.idle());
                    return Probes.idle();
                }));
                heads.add(head);
            }
            Probes.await(() -> node.processCount() == 2 + 200 * 21, "all groups");
            for (Pid h : heads) refs.add(me.monitor(h));
            for (Pid h : heads) node.exit(h, Atom.of("crash"));
            for (int i = 0; i < heads.size(); i++) {
                Object m = me.receive(Duration.ofSeconds(30)).orElseThrow();
                assertThat(m).isInstanceOf(Tuple5.class);
                assertThat(((Tuple5) m).e4()).isEqualTo(Atom.of("crash"));
            }
            Probes.await(() -> node.processCount() == 2, "every linked worker to die too");
            node.send(bystander, "unaffected");
            assertThat(me.receive(Duration.ofSeconds(5))).contains("unaffected");
        }
    }
}
