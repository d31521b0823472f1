package beamscope.record;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Event;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of a recording taken from several schedulers at once: each process's sends in the order it made them,
 * every receive after its send, a process's own events in order across schedulers.
 */
class RecordingOrderTest {
    static final Atom GO = Atom.of("go"), DONE = Atom.of("done");
    static final int CLIENTS = 24, CALLS = 400;

    final Node node = Node.start(NodeConfig.defaults().withSchedulers(2));

    @AfterEach
    void close() {
        node.close();
    }

    /** Clients call a hub and each other's partner; every message is a fresh object, so a receive names its send. */
    Recording busyRecording() {
        try (Recorder recorder = Recorder.manual(node, new Recorder.Limits(Duration.ofMinutes(10), 5_000_000))) {
            Inbox inbox = node.inbox();
            Pid hub = node.spawn(Behaviors.receive((ctx, msg) -> {
                if (msg instanceof Tuple3(Pid from, Integer i, Object x)) ctx.send(from, Tuple.of(DONE, i, new Object()));
                return Behaviors.same();
            }));
            for (int c = 0; c < CLIENTS; c++) {
                node.spawn(Behaviors.setup(ctx -> {
                    int[] i = {0};
                    ctx.send(hub, Tuple.of(ctx.self(), 0, new Object()));
                    return Behaviors.receive((cx, reply) -> {
                        if (++i[0] == CALLS) {
                            cx.send(inbox.pid(), Tuple.of(DONE, cx.self()));
                            return Behaviors.stop();
                        }
                        cx.send(hub, Tuple.of(cx.self(), i[0], new Object()));
                        return Behaviors.same();
                    });
                }));
            }
            List<Pid> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Object done = inbox.receive(Duration.ofSeconds(60)).orElseThrow();
                clients.add((Pid) ((Tuple2) done).e1());
            }
            // gone: each client's exit, and so everything before it, is in the trace
            RecordingTest.await(() -> clients.stream().noneMatch(node::isAlive), "the clients gone");
            return recorder.recording();
        }
    }

    @org.junit.jupiter.api.RepeatedTest(5) // the schedulers interleave differently each time
    void eachProcessesSendsAreInTheOrderItMadeThem_andEveryReceiveComesAfterItsSend() {
        Recording r = busyRecording();
        assertThat(r.eventsDropped()).isZero();
        List<Event> events = r.events();
        // a client's calls carry 0, 1, 2…: in that order among its sends
        Map<Pid, Integer> next = new HashMap<>();
        Map<Object, Event.Send> sent = new IdentityHashMap<>();
        int received = 0;
        for (Event e : events) {
            switch (e) {
                case Event.Send s when s.message() instanceof Tuple3(Pid from, Integer i, Object x) -> {
                    assertThat(i).as("call of %s", from).isEqualTo(next.getOrDefault(from, 0));
                    next.put(from, i + 1);
                    sent.put(s.message(), s);
                }
                case Event.Send s -> sent.put(s.message(), s);
                case Event.Receive rc when rc.message() instanceof Tuple2 || rc.message() instanceof Tuple3 -> {
                    Event.Send s = sent.remove(rc.message());
                    assertThat(s).as("the send of %s before its receive", rc).isNotNull();
                    assertThat(s.to()).isEqualTo(rc.pid());
                    assertThat(s.nanos()).isLessThan(rc.nanos());
                    received++;
                }
                default -> { }
            }
        }
        assertThat(next).hasSize(CLIENTS).allSatisfy((p, n) -> assertThat(n).isEqualTo(CALLS));
        assertThat(received).isEqualTo(2 * CLIENTS * CALLS + CLIENTS); // calls, replies, and the inbox's "done"s
    }

    @Test
    void aProcessesSpawnComesBeforeEverythingItDoes() {
        Recording r = busyRecording();
        Map<Pid, Boolean> spawned = new HashMap<>();
        List<String> early = new ArrayList<>();
        for (Event e : r.events()) {
            if (e instanceof Event.Spawn s) spawned.put(s.pid(), true);
            else if (e instanceof Event.Send s && !s.pid().equals(Node.SYSTEM) && !spawned.containsKey(s.pid())) early.add(e.toString());
        }
        assertThat(early).isEmpty();
    }
}
