package beamscope.record;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The columns a recording's events are read into: growth, and time order. */
class EventColumnsTest {

    static List<String> lines(EventColumns c) {
        return c.events().stream().map(e -> switch (e) {
            case Event.Send s -> "send " + s.nanos() + " " + s.pid().id() + "->" + s.to().id() + " " + s.message();
            case Event.Receive rc -> "receive " + rc.nanos() + " " + rc.pid().id() + " " + rc.message();
            default -> e.getClass().getSimpleName() + " " + e.nanos();
        }).toList();
    }

    @Test
    void growsAsEventsComeIn() {
        EventColumns c = new EventColumns(0);
        for (int i = 0; i < 10_000; i++) c.send(i, 1, 2, i);
        assertThat(c.size()).isEqualTo(10_000);
        List<String> l = lines(c);
        assertThat(l).hasSize(10_000).first().isEqualTo("send 0 1->2 0");
        assertThat(l).last().isEqualTo("send 9999 1->2 9999");
    }

    @Test
    void eventsComeOutInTimeOrder_equalTimesAsTakenIn() {
        EventColumns c = new EventColumns(4);
        c.send(11, 2, 1, "reply"); // a handler's send, written before its receive
        c.receive(10, 2, "request");
        c.event(new Event.Exit(11, Pid.of(2), "normal"));
        c.send(5, 1, 2, "request"); // from another scheduler's ring, read after
        assertThat(lines(c)).containsExactly("send 5 1->2 request", "receive 10 2 request", "send 11 2->1 reply", "Exit 11");
    }
}
