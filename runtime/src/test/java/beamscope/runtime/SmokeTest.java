package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    static final Atom INC = Atom.of("increment"), GET = Atom.of("get");

    static Behavior counter(long n) {
        return Behaviors.receive((ctx, msg) -> switch (msg) {
            case Tuple2(Atom tag, Long by) when tag == INC -> counter(n + by);
            case Tuple2(Atom tag, Pid from) when tag == GET -> {
                ctx.send(from, n);
                yield Behaviors.same();
            }
            default -> Behaviors.unhandled();
        });
    }

    @Test
    void counterCounts() {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2)); Inbox me = node.inbox()) {
            Pid c = node.spawn(counter(0));
            node.send(c, Tuple.of(INC, 5L));
            node.send(c, Tuple.of(INC, 2L));
            node.send(c, Tuple.of(GET, me.pid()));
            assertThat(me.receive(Duration.ofSeconds(5))).contains(7L);
        }
    }

    @Test
    void ringOf10000() {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(4)); Inbox me = node.inbox()) {
            Pid next = me.pid();
            for (int i = 0; i < 10_000; i++) {
                Pid to = next;
                next = node.spawn(Behaviors.receive((ctx, m) -> { ctx.send(to, ((Long) m) + 1); return Behaviors.stop(); }));
            }
            node.send(next, 0L);
            assertThat(me.receive(Duration.ofSeconds(10))).contains(10_000L);
        }
    }
}
