package beamscope.app.events;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.sampler.Frame;
import beamscope.app.sampler.Query;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogViewModelTest {
    final EventLogViewModel vm = new EventLogViewModel();

    static Frame frame(long dropped, List<Event> events) {
        NodeSnapshot snap = new NodeSnapshot(0, List.of(), 0, 1 << 20, 0, 0, 0, 0, false, 0, 0, dropped);
        return new Frame(1, Query.defaults(), snap, 0, 0, 0, List.of(), null, events, dropped, List.of(), java.util.Map.of(), java.util.Map.of());
    }

    static Frame frame(List<Event> events, beamscope.app.sampler.Traffic traffic) {
        NodeSnapshot snap = new NodeSnapshot(0, List.of(), 0, 1 << 20, 0, 0, 0, 0, false, 0, 0, 0);
        return new Frame(1, Query.defaults(), snap, 0, 0, 0, List.of(), null, events, 0, List.of(), java.util.Map.of(),
                java.util.Map.of(), null, null, beamscope.app.observe.NodeState.CONNECTED, traffic, null);
    }

    @Test
    void aFewMessagesShowOneByOne_inTimeWithTheOtherEvents_withTheirTermsInElixirSyntax() {
        Object deposit = Tuple.of(Atom.of("deposit"), 50L);
        var traffic = beamscope.app.sampler.Traffic.of(List.of(new Event.Send(10, Pid.of(1), Pid.of(4), deposit),
                new Event.Receive(30, Pid.of(4), deposit)), 0);
        vm.show(frame(List.of(new Event.Spawn(20, Pid.of(5), Pid.of(1), "Counter.init/1")), traffic));
        assertThat(vm.all()).extracting(EventLogViewModel.Entry::kind)
                .containsExactly(EventKind.RECEIVE, EventKind.SPAWN, EventKind.SEND);
        assertThat(vm.all().get(2).text()).isEqualTo("sent {:deposit, 50} to #PID<0.4.0>");
        assertThat(vm.all().get(0).text()).isEqualTo("received {:deposit, 50}");
        vm.kinds().remove(EventKind.SEND);
        vm.kinds().remove(EventKind.RECEIVE);
        assertThat(vm.shown()).extracting(EventLogViewModel.Entry::kind).containsExactly(EventKind.SPAWN);
    }

    @Test
    void sendsAndReceivesAreOffAtFirst_andTurningEitherOnAsksForMessageTraffic() {
        assertThat(vm.wantsMessages()).isFalse();
        assertThat(vm.kinds()).doesNotContain(EventKind.SEND, EventKind.RECEIVE).contains(EventKind.SPAWN);
        vm.kinds().add(EventKind.RECEIVE);
        assertThat(vm.wantsMessages()).isTrue();
    }

    @Test
    void manyMessagesShowAsOneLinePerBusyPair_withTheirCountAndRate() {
        List<Event> sends = new ArrayList<>();
        for (int i = 0; i < 12_400; i++) sends.add(new Event.Send(i * 10_000L, Pid.of(9), Pid.of(10), Atom.of("tick")));
        for (int i = 0; i < 300; i++) sends.add(new Event.Send(124_000_000L, Pid.of(11), Pid.of(12 + i), Atom.of("hi")));
        vm.show(frame(List.of(), beamscope.app.sampler.Traffic.of(sends, 0)));
        // one line for the busy pair, one for each of the 49 next pairs, one for the rest (251 single messages)
        assertThat(vm.all()).hasSize(51);
        EventLogViewModel.Entry busiest = vm.all().get(0);
        assertThat(busiest.pid()).isEqualTo(Pid.of(9));
        assertThat(busiest.text()).startsWith("→ #PID<0.10.0>: 12,400 messages in 0.12 s (100.0k/s), e.g. :tick");
        assertThat(vm.all().getLast().text()).isEqualTo("251 more messages between other processes");
        assertThat(vm.all().getLast().pid()).isNull();
        assertThat(vm.shown()).isEmpty();                      // sends are off at first
        vm.kinds().add(EventKind.SEND);
        vm.filterProperty().set("0.10.0");
        assertThat(vm.shown()).containsExactly(busiest);
    }

    @Test
    void exitsAreSortedIntoExitKillAndCrash() {
        vm.show(frame(0, List.of(new Event.Exit(1, Pid.of(1), Atom.NORMAL), new Event.Exit(2, Pid.of(2), Atom.KILLED),
                new Event.Exit(3, Pid.of(3), Tuple.of(Atom.of("crashed"), Atom.of("boom"))))));
        assertThat(vm.all()).extracting(EventLogViewModel.Entry::kind)
                .containsExactly(EventKind.CRASH, EventKind.KILL, EventKind.EXIT);
    }

    @Test
    void supervisorReportsReadAsSentences() {
        Atom sup = Atom.of("counter_sup");
        Object started = List.of(Tuple.of(Atom.of("supervisor"), sup), Tuple.of(Atom.of("started"),
                List.of(Tuple.of(Atom.of("pid"), Pid.of(9)), Tuple.of(Atom.of("id"), Atom.of("counter2")))),
                Tuple.of(Atom.of("restart_count"), 1L));
        Object terminated = List.of(Tuple.of(Atom.of("supervisor"), sup), Tuple.of(Atom.of("errorContext"),
                Atom.of("child_terminated")), Tuple.of(Atom.of("reason"), Atom.KILLED), Tuple.of(Atom.of("offender"),
                List.of(Tuple.of(Atom.of("pid"), Pid.of(6)), Tuple.of(Atom.of("id"), Atom.of("counter1")))));
        vm.show(frame(0, List.of(new Event.Report(1, Pid.of(5), Atom.of("supervisor_report"), terminated),
                new Event.Report(2, Pid.of(5), Atom.of("progress_report"), started))));
        assertThat(vm.all()).extracting(EventLogViewModel.Entry::text).containsExactly(
                "restarted :counter2 #PID<0.9.0> (restart 1) under :counter_sup",
                ":counter_sup: :child_terminated :counter1 #PID<0.6.0>: :killed");
        assertThat(vm.all().get(0).kind()).isEqualTo(EventKind.RESTART);
    }

    @Test
    void filtersByKindAndText() {
        vm.show(frame(0, List.of(new Event.Spawn(1, Pid.of(1), null, "Counter.init/1"),
                new Event.Spawn(2, Pid.of(2), null, "Stack.init/1"), new Event.Exit(3, Pid.of(1), Atom.KILLED))));
        vm.kinds().remove(EventKind.KILL);
        vm.filterProperty().set("counter");
        assertThat(vm.shown()).extracting(EventLogViewModel.Entry::pid).containsExactly(Pid.of(1));
    }

    @Test
    void keepsTheNewestFiveThousand_andShowsWhatTheRuntimeDropped() {
        List<Event> many = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) many.add(new Event.Spawn(i, Pid.of(i), null, "X.init/0"));
        vm.show(frame(42, many));
        assertThat(vm.all()).hasSize(EventLogViewModel.CAP);
        assertThat(vm.all().get(0).pid()).isEqualTo(Pid.of(5_999));
        assertThat(vm.droppedProperty().get()).isEqualTo("42 dropped");
    }

    @Test
    void aFrameOfManyEvents_keepsTheNewestCap_andFormatsOnlyTheLinesRead() {
        int[] formatted = {0};
        Object reason = new Object() {
            @Override
            public String toString() {
                formatted[0]++;
                return "boom";
            }
        };
        List<Event> exits = new ArrayList<>();
        for (int i = 1; i <= 3 * EventLogViewModel.CAP; i++) exits.add(new Event.Exit(i, Pid.of(i), reason));
        vm.show(frame(0, exits));
        assertThat(vm.all()).hasSize(EventLogViewModel.CAP);
        assertThat(vm.all().getFirst().pid()).isEqualTo(Pid.of(3L * EventLogViewModel.CAP));      // newest first
        assertThat(vm.all().getLast().pid()).isEqualTo(Pid.of(2L * EventLogViewModel.CAP + 1));
        assertThat(formatted[0]).isZero();                          // nothing formatted while nobody reads a line
        assertThat(vm.all().getFirst().text()).contains("exited: ").contains("boom");
        vm.all().getFirst().text();
        assertThat(formatted[0]).isEqualTo(1);                      // once per line, when first read
        vm.filterProperty().set("boom");                            // a text filter reads every line it tries
        assertThat(vm.shown()).hasSize(EventLogViewModel.CAP);
    }

    static List<Event> spawns(long... nanos) {
        List<Event> out = new ArrayList<>();
        for (long n : nanos) out.add(new Event.Spawn(n, Pid.of(n), null, "X.init/0"));
        return out;
    }

    @Test
    void aRecordingsLog_startsAgainWhenTheMomentMovesBack_aLiveLogKeepsEverything() {
        EventLogViewModel live = new EventLogViewModel(), past = new EventLogViewModel();
        past.setPast(true);
        for (EventLogViewModel log : List.of(live, past)) {
            log.show(frame(0, spawns(10, 20, 30)));
            log.show(frame(0, spawns(40)));
        }
        assertThat(past.all()).extracting(EventLogViewModel.Entry::nanos).containsExactly(40L, 30L, 20L, 10L);
        live.show(frame(0, spawns(5, 15)));     // a live node's late arrivals are kept
        past.show(frame(0, spawns(5, 15)));     // a recording's older events: the moment moved back
        assertThat(live.all()).hasSize(6);
        assertThat(past.all()).extracting(EventLogViewModel.Entry::nanos).containsExactly(15L, 5L);
    }
}
