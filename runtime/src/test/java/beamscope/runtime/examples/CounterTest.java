package beamscope.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's Counter walk-through, exactly as printed there. */
class CounterTest {

    @Test
    void theLessonsSessionGivesEight() {
        try (Node node = Node.start(); Inbox iex = node.inbox()) {
            Pid pid = node.spawn(Counter.start(0));
            node.send(pid, Tuple.of(Atom.of("increment"), 5L));
            node.send(pid, Tuple.of(Atom.of("increment"), 3L));
            node.send(pid, Tuple.of(Atom.of("get"), iex.pid()));
            Object reply = iex.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(reply).isEqualTo(Tuple.of(Atom.of("count"), 8L));
            long n = reply instanceof Tuple2(Atom tag, Long count) && tag == Atom.of("count") ? count : -1L;
            assertThat(n).isEqualTo(8L);

            var ref = iex.monitor(pid);
            node.send(pid, Atom.of("stop"));
            Object down = iex.receive(Duration.ofSeconds(5)).orElseThrow();
            assertThat(down).isEqualTo(Tuple.of(Atom.DOWN, ref, Atom.PROCESS, pid, Atom.NORMAL));
            assertThat(node.isAlive(pid)).isFalse();
        }
    }
}
