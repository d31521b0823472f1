package beamscope.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What flies between the tree's boxes, and when a busy pair becomes a stream. */
class FlightsTest {
    final Flights flights = new Flights();
    static final Pid A = Pid.of(1), B = Pid.of(2), C = Pid.of(3), SUP = Pid.of(9);
    static final long MS = 1_000_000L;

    static List<Event> sends(Pid from, Pid to, int n, long t0) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new Event.Send(t0 + i * MS, from, to, i));
        return out;
    }

    void accept(List<Event> sends, List<Event> events, boolean slowed, long now) {
        flights.accept(sends, List.of(), events, slowed, now, Map.of(A, SUP, B, SUP)::get);
    }

    @Test
    void eachMessageFliesFromSenderToReceiver_andLandsAfterItsFlightTime() {
        accept(sends(A, B, 2, 0), List.of(), false, 0);
        assertThat(flights.active(0)).extracting(Flights.Flight::kind).containsExactly(Flights.Kind.MESSAGE, Flights.Kind.MESSAGE);
        assertThat(flights.active(0).getFirst().from()).isEqualTo(A);
        long half = Flights.Speed.NORMAL.flight.toNanos() / 2;
        assertThat(flights.progress(flights.active(half).getFirst(), half)).isEqualTo(0.5);
        assertThat(flights.active(Flights.Speed.NORMAL.flight.toNanos())).isEmpty();
        assertThat(flights.busy()).isFalse();
    }

    @Test
    void aPairSendingMoreThanAFewInOneFrameFlowsAsAStreamWithItsRate_unlessSlowed() {
        accept(sends(A, B, 30, 0), sends(C, A, 1, 0), false, 0);
        assertThat(flights.active(0)).isEmpty();
        List<Flights.Stream> streams = flights.streams(0);
        assertThat(streams).hasSize(1);
        assertThat(streams.getFirst().from()).isEqualTo(A);
        assertThat(streams.getFirst().perSecond()).isEqualTo(200.0);   // 30 in 0.15 s (the shortest frame counted)
        assertThat(flights.streams(Flights.STREAM_TTL_NANOS + 1)).isEmpty();

        accept(sends(A, B, 30, 0), List.of(), true, 0);                // slow motion: every message flies
        assertThat(flights.active(0)).hasSize(30);
    }

    @Test
    void theSamplersRatesBecomeStreams() {
        flights.accept(List.of(), List.of(new Flights.Rate(A, C, 12_400)), List.of(), false, 0, p -> null);
        assertThat(flights.streams(0)).containsExactly(new Flights.Stream(A, C, 12_400, 0));
    }

    @Test
    void exitSignalsFlyToTheSupervisor_downMessagesFromTheDead_linksBetweenThePair() {
        Ref ref = Ref.of(1);
        accept(List.of(), List.of(new Event.Exit(0, A, Atom.KILLED), new Event.Exit(0, C, Atom.NORMAL),
                new Event.Down(0, B, C, ref, Atom.NORMAL), new Event.Link(0, B, C)), false, 0);
        assertThat(flights.active(0)).containsExactly(new Flights.Flight(A, SUP, Flights.Kind.EXIT, 0),
                new Flights.Flight(C, B, Flights.Kind.DOWN, 0), new Flights.Flight(B, C, Flights.Kind.LINK, 0));
    }

    @Test
    void atMostMaxFlightsAreInTheAir_theOldestLandFirst() {
        accept(sends(A, B, Flights.MAX_FLIGHTS + 20, 0), List.of(), true, 0);
        List<Flights.Flight> air = flights.active(0);
        assertThat(air).hasSize(Flights.MAX_FLIGHTS);
        assertThat(flights.recent()).hasSize(Flights.RECENT);
    }

    @Test
    void offDrawsNothing() {
        accept(sends(A, B, 2, 0), List.of(), false, 0);
        flights.setSpeed(Flights.Speed.OFF);
        assertThat(flights.busy()).isFalse();
        accept(sends(A, B, 2, 0), List.of(), false, 0);
        assertThat(flights.active(0)).isEmpty();
    }
}
