package beamscope.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Event;
import beamscope.runtime.EventTrace;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trace's rings on their own (one thread, no node): writing over the oldest, reads that copy, the horizon. */
class TraceRingTest {

    /** What a drain gave, one line per event: "send 5 1->2 m", "receive 6 2 m", "event 7 Exit". */
    static final class Lines implements EventTrace.Sink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void send(long nanos, long from, long to, Object message) {
            lines.add("send " + nanos + " " + from + "->" + to + " " + message);
        }

        @Override
        public void receive(long nanos, long pid, Object message) {
            lines.add("receive " + nanos + " " + pid + " " + message);
        }

        @Override
        public void event(Event e) {
            lines.add("event " + e.nanos() + " " + e.getClass().getSimpleName());
        }
    }

    static List<String> read(Trace t) {
        Lines l = new Lines();
        t.read(l);
        return l.lines;
    }

    @Test
    void aFullRingWritesOverItsOldest_andSaysFromWhenItIsComplete() {
        Trace t = new Trace(null, 1, 16);
        TraceRing r = t.rings[0];
        for (int i = 0; i < 40; i++) r.send(i, 1, 2, i);
        Lines l = new Lines();
        long horizon = t.read(l);
        // the chunk of references the writer replaces next (4 slots of 16) is not read: the writer may be in it
        assertThat(l.lines).hasSize(12).first().isEqualTo("send 28 1->2 28");
        assertThat(l.lines).last().isEqualTo("send 39 1->2 39");
        assertThat(horizon).isEqualTo(28);
        assertThat(t.horizon()).isEqualTo(24); // about: the slot about to be written over
    }

    @Test
    void aReadTakesNothingAway_andAfterForgetOnlyNewEventsAreRead() {
        Trace t = new Trace(null, 1, 64);
        TraceRing r = t.rings[0];
        r.send(1, 1, 2, "a");
        r.receive(2, 2, "a");
        assertThat(read(t)).containsExactly("send 1 1->2 a", "receive 2 2 a");
        assertThat(read(t)).containsExactly("send 1 1->2 a", "receive 2 2 a");
        assertThat(t.held()).isEqualTo(2);
        t.forget();
        r.send(3, 2, 1, "b");
        assertThat(read(t)).containsExactly("send 3 2->1 b");
        assertThat(t.horizon()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void receivesWrittenAfterTheFirstPassWaitForTheNextRead() {
        TraceRing r = new TraceRing(64);
        r.send(1, 1, 2, "a");
        r.receive(2, 2, "a");
        long noted = r.written();
        r.receive(3, 2, "b"); // its send may be in a ring the first pass looked at before it was written
        r.send(4, 2, 1, "c");
        Lines l = new Lines();
        r.copy(l, 0, noted);
        assertThat(l.lines).containsExactly("send 1 1->2 a", "receive 2 2 a", "send 4 2->1 c");
    }

    @Test
    void rareEventsTravelInTheSameRingInTheirPlace() {
        Trace t = new Trace(null, 1, 64);
        TraceRing r = t.rings[0];
        r.event(new Event.Spawn(5, Pid.of(2), Pid.of(1), "f/0"));
        r.send(5, 1, 2, "hello");
        r.event(new Event.Exit(5, Pid.of(1), "normal"));
        assertThat(read(t)).containsExactly("event 5 Spawn", "send 5 1->2 hello", "event 5 Exit");
    }

    @Test
    void aReadGivesEachRingOldestFirst() {
        Trace t = new Trace(null, 2, 64);
        t.rings[0].send(1, 1, 2, "a1");
        t.rings[1].receive(2, 2, "a1");
        t.external().send(3, 0, 2, "x3");
        assertThat(read(t)).containsExactly("send 1 1->2 a1", "receive 2 2 a1", "send 3 0->2 x3");
    }

    @Test
    void aPidNumberPast2To31GoesAsAnEvent() {
        Trace t = new Trace(null, 1, 64);
        TraceRing r = t.rings[0];
        long big = 1L << 40;
        r.send(1, 1, big, "far");
        r.receive(2, big, "far");
        assertThat(read(t)).containsExactly("event 1 Send", "event 2 Receive");
    }
}
