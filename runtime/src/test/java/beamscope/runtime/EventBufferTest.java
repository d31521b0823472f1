package beamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A subscription's bounded buffer: once full it drops (and counts) until drained, then takes events again. */
class EventBufferTest {
    final Node node = Node.start();

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void afterADrainTheBufferTakesEventsAgain_andEveryDropIsCounted() {
        try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Send.class), 10)) {
            Pid sink = node.spawn(Probes.idle());
            for (int i = 0; i < 25; i++) node.send(sink, i);
            List<Event> got = new ArrayList<>();
            assertThat(sub.drainTo(got, 4)).isEqualTo(4);          // a partial drain frees four places
            for (int i = 25; i < 35; i++) node.send(sink, i);
            sub.drainTo(got, 100);
            assertThat(got).extracting(e -> ((Event.Send) e).message())
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 25, 26, 27, 28);
            assertThat(sub.dropped()).isEqualTo(15 + 6);
            // drained empty: ten fit again
            for (int i = 0; i < 10; i++) node.send(sink, i);
            got.clear();
            sub.drainTo(got, 100);
            assertThat(got).hasSize(10);
            assertThat(sub.dropped()).isEqualTo(21);
        }
    }

    @Test
    void aFullSubscriptionDoesNotStarveAnotherOfTheSameKind() {
        try (EventSubscription small = node.subscribe(EventFilter.kinds(Event.Send.class), 2);
             EventSubscription big = node.subscribe(EventFilter.kinds(Event.Send.class), 100)) {
            Pid sink = node.spawn(Probes.idle());
            for (int i = 0; i < 50; i++) node.send(sink, i);
            List<Event> got = new ArrayList<>();
            big.drainTo(got, 100);
            assertThat(got).hasSize(50);
            assertThat(small.dropped()).isEqualTo(48);
            assertThat(big.dropped()).isZero();
        }
    }
}
