package beamscope.app.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Message traffic per frame stays bounded: one by one while few, the busiest pairs when many. */
class TrafficTest {

    static List<Event> sends(int n, int from, int to, long t0) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Event.Send(t0 + i, Pid.of(from), Pid.of(to), Atom.of("m" + i)));
        return out;
    }

    @Test
    void fewEventsStayOneByOne() {
        Traffic t = Traffic.of(sends(Traffic.SINGLE_CAP, 1, 2, 100), 0);
        assertThat(t.events()).hasSize(Traffic.SINGLE_CAP);
        assertThat(t.flows()).isEmpty();
        assertThat(t.spanNanos()).isEqualTo(Traffic.SINGLE_CAP - 1);
        assertThat(t.sends()).isEqualTo(Traffic.SINGLE_CAP);
    }

    @Test
    void manyEventsBecomeTheBusiestPairs_andACountOfTheRest() {
        List<Event> all = new ArrayList<>(sends(1_000, 1, 2, 0));
        for (int p = 0; p < 100; p++) all.addAll(sends(p + 1, 10 + p, 500, 2_000));
        Traffic t = Traffic.of(all, 7);
        assertThat(t.events()).isEmpty();
        assertThat(t.flows()).hasSize(Traffic.FLOW_CAP);
        assertThat(t.flows().getFirst()).isEqualTo(new Traffic.Flow(Pid.of(1), Pid.of(2), 1_000, Atom.of("m999")));
        assertThat(t.flows().get(1).count()).isEqualTo(100);
        // the 51 smallest pairs send 1 + 2 + … + 51 messages
        assertThat(t.others()).isEqualTo(51 * 52 / 2);
        assertThat(t.sends()).isEqualTo(all.size());
        assertThat(t.dropped()).isEqualTo(7);
    }

    @Test
    void framesNeverShownAddUp() {
        Traffic a = Traffic.of(sends(150, 1, 2, 0), 1), b = Traffic.of(sends(30, 3, 4, 1_000), 2);
        Traffic ab = b.after(a);
        assertThat(ab.events()).hasSize(180);
        assertThat(ab.dropped()).isEqualTo(3);
        Traffic c = Traffic.of(sends(300, 1, 2, 2_000), 0);
        Traffic abc = c.after(ab);
        assertThat(abc.events()).isEmpty();
        assertThat(abc.flows()).extracting(Traffic.Flow::count).containsExactly(450L, 30L);
        assertThat(abc.sends()).isEqualTo(480);
        assertThat(Traffic.NONE.after(abc)).isSameAs(abc);
    }
}
