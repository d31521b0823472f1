package beamscope.runtime;

import static beamscope.runtime.Probes.await;
import static beamscope.runtime.Probes.down;
import static beamscope.runtime.Probes.exit;
import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.idle;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Mailbox limits ({@link MaxHeap}, OTP's {@code max_heap_size}: off by default, G1; a process over it is
 * killed {@code :killed}, A6, which links and monitors see as an ordinary reason, A7, A26) and the node's
 * memory watermark alarm ({@link MemoryWatermark}).
 */
class MaxHeapTest {
    static final Atom PING = Atom.of("ping");

    Node node;
    Inbox me;
    EventSubscription alarms;
    final List<Event.SystemMonitor> seen = new ArrayList<>();

    void start(NodeConfig config) {
        node = Node.start(config.withSchedulers(2));
        alarms = node.subscribe(EventFilter.kinds(Event.SystemMonitor.class), 10_000);
        me = node.inbox("test");
    }

    void start() {
        start(NodeConfig.defaults());
    }

    @AfterEach
    void stop() {
        if (me != null) me.close();
        if (alarms != null) alarms.close();
        if (node != null) node.close();
    }

    /** The alarms published so far (every call takes what arrived since the last). */
    List<Event.SystemMonitor> alarms() {
        List<Event> into = new ArrayList<>();
        alarms.drainTo(into, Integer.MAX_VALUE);
        for (Event e : into) seen.add((Event.SystemMonitor) e);
        return seen;
    }

    List<Event.SystemMonitor> alarms(Atom kind) {
        return alarms().stream().filter(e -> e.kind() == kind).toList();
    }

    /** A process that monitors {@code p}, for its DOWN reason. */
    Ref watch(Pid p) {
        return me.monitor(p);
    }

    static Object detail(Event.SystemMonitor e, String key) {
        for (Object o : (List<?>) e.details()) {
            if (o instanceof Tuple t && t.get(0).equals(Atom.of(key))) return t.get(1);
        }
        throw new AssertionError("no " + key + " in " + e.details());
    }

    void flood(Pid p, int n) {
        for (int i = 0; i < n; i++) node.send(p, (long) i);
    }

    @Nested
    class MessageLimit {
        @Test
        void aFloodPastTheLimit_killsTheProcessWithKilled_andReportsItOnce() {
            start();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(100)));
            Ref ref = watch(p);
            flood(p, 1_000);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
            List<Event.SystemMonitor> reports = alarms(Event.MAX_HEAP_SIZE);
            assertThat(reports).hasSize(1);
            Event.SystemMonitor r = reports.get(0);
            assertThat(r.pid()).isEqualTo(p);
            assertThat((Long) detail(r, "message_queue_len")).isGreaterThan(100L);
            assertThat(detail(r, "messages_limit")).isEqualTo(100L);
            assertThat(detail(r, "kill")).isEqualTo(true);
            assertThat(node.exitReason(p)).contains(Atom.KILLED);
        }

        @Test
        void aProcessThatNeverReceives_isKilledToo() {
            start();
            Pid p = node.spawn(Probes.spinner(1), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(50)));
            Ref ref = watch(p);
            flood(p, 500);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
        }

        @Test
        void theKillIsUntrappable_andLinkedProcessesGetKilledAsAnOrdinaryReason() {
            start();
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                return idle();
            }), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(20)));
            me.trapExit(true);
            me.link(p);
            flood(p, 200);
            assertThat(next(me)).isEqualTo(exit(p, Atom.KILLED));
        }

        @Test
        void aProcessAtItsLimit_isUntouched() {
            start();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(100)));
            flood(p, 100);
            await(() -> node.processInfo(p).map(i -> i.messageQueueLen() == 100).orElse(false), "100 queued");
            assertThat(node.isAlive(p)).isTrue();
            assertThat(alarms()).isEmpty(); // a report is published by the send that passes the limit
        }

        @Test
        void aReportOnlyLimit_keepsTheProcess_andReportsOncePerCrossing() {
            start();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(10).withKill(false)));
            flood(p, 100);
            assertThat(node.isAlive(p)).isTrue();
            assertThat(alarms(Event.MAX_HEAP_SIZE)).hasSize(1);
            assertThat(detail(alarms(Event.MAX_HEAP_SIZE).get(0), "kill")).isEqualTo(false);
        }
    }

    @Nested
    class ByteLimit {
        @Test
        void bigMessagesPastTheByteLimit_killTheProcess() {
            start();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.bytes(10_000)));
            Ref ref = watch(p);
            String big = "x".repeat(4_000);
            for (int i = 0; i < 5 && node.isAlive(p); i++) node.send(p, big);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
            Event.SystemMonitor r = alarms(Event.MAX_HEAP_SIZE).get(0);
            assertThat((Long) detail(r, "bytes")).isGreaterThan(10_000L);
            assertThat(detail(r, "bytes_limit")).isEqualTo(10_000L);
        }

        @Test
        void smallMessagesUnderTheByteLimit_areUntouched() {
            start();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.bytes(100_000)));
            flood(p, 100); // 100 × (16 + 40) bytes
            await(() -> node.processInfo(p).map(i -> i.messageQueueLen() == 100).orElse(false), "100 queued");
            assertThat(node.isAlive(p)).isTrue();
            assertThat(alarms()).isEmpty();
        }
    }

    @Nested
    class Flag {
        @Test
        void theProcessFlagOverridesTheNodeDefault() {
            start(NodeConfig.defaults().withMaxHeap(MaxHeap.messages(50)));
            Pid byDefault = node.spawn(idle());
            Pid unlimited = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.OFF));
            Pid larger = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(1_000)));
            Ref ref = watch(byDefault);
            for (Pid p : List.of(byDefault, unlimited, larger)) flood(p, 200);
            assertThat(next(me)).isEqualTo(down(ref, byDefault, Atom.KILLED));
            assertThat(node.isAlive(unlimited)).isTrue();
            assertThat(node.isAlive(larger)).isTrue();
            assertThat(alarms(Event.MAX_HEAP_SIZE)).extracting(Event::pid).containsExactly(byDefault);
        }

        @Test
        void theNodeDefaultAppliesToInboxesToo() {
            start(NodeConfig.defaults().withMaxHeap(MaxHeap.messages(10)));
            Inbox flooded = node.inbox("flooded");
            Ref ref = watch(flooded.pid());
            flood(flooded.pid(), 50);
            assertThat(alarms(Event.MAX_HEAP_SIZE)).extracting(Event::pid).containsExactly(flooded.pid());
            // An inbox handles signals when its thread next looks at it, as it does for exit(pid, :kill).
            assertThatThrownBy(() -> flooded.receive(Duration.ZERO)).isInstanceOf(ExitException.class)
                    .extracting(x -> ((ExitException) x).reason()).isEqualTo(Atom.KILLED);
            assertThat(next(me)).isEqualTo(down(ref, flooded.pid(), Atom.KILLED));
        }

        @Test
        void aProcessSetsItsOwnLimit_andGetsTheOldOneBack() {
            start(NodeConfig.defaults().withMaxHeap(MaxHeap.messages(1_000)));
            Pid to = me.pid();
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                MaxHeap old = ctx.maxHeap(MaxHeap.messages(10));
                ctx.send(to, Tuple.of(old, ctx.maxHeap()));
                return idle();
            }));
            assertThat(next(me)).isEqualTo(Tuple.of(MaxHeap.messages(1_000), MaxHeap.messages(10)));
            Ref ref = watch(p);
            flood(p, 100);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
        }

        @Test
        void aLimitBelowWhatIsQueued_actsAtOnce() {
            start();
            Pid to = me.pid();
            Atom tighten = Atom.of("tighten");
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                if (!m.equals(tighten)) return Behaviors.unhandled();
                ctx.maxHeap(MaxHeap.messages(5));
                ctx.send(to, Atom.of("tightened"));
                return idle();
            }));
            Ref ref = watch(p);
            flood(p, 20);
            node.send(p, tighten);
            assertThat(next(me)).isEqualTo(Atom.of("tightened"));
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
        }
    }

    @Nested
    class Flood {
        /**
         * 5M messages of 1 KB each: 5 GB queued without a limit, past the test JVM's 2 GB heap. With a
         * limit of 100k the process dies at the limit and the node, and every other process, carry on.
         */
        @Test
        void aFloodThatWouldExhaustTheHeap_isStopped_andTheNodeKeepsRunning() {
            start();
            Pid bystander = node.spawn(forwarder(me.pid()));
            int before = node.processCount();
            Pid p = node.spawn(idle(), SpawnOptions.defaults().withMaxHeap(MaxHeap.messages(100_000)));
            Ref ref = watch(p);
            for (int i = 0; i < 5_000_000; i++) node.send(p, Tuple.of((long) i, new byte[1024]));
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
            node.send(bystander, PING);
            assertThat(next(me)).isEqualTo(PING);
            assertThat(node.processCount()).isEqualTo(before);
            assertThat(alarms(Event.MAX_HEAP_SIZE)).hasSize(1);
        }
    }

    @Nested
    class Estimate {
        @Test
        void scalarsStringsAndContainers_countAsDocumented() {
            assertThat(MaxHeap.estimateBytes(Atom.of("ok"))).isZero();
            assertThat(MaxHeap.estimateBytes(1_000L)).isEqualTo(16);
            assertThat(MaxHeap.estimateBytes("abc")).isEqualTo(48); // 40 + 3, to 8 bytes
            assertThat(MaxHeap.estimateBytes(Tuple.of(Atom.of("ok"), 1_000L))).isEqualTo(16 + 2 * 8 + 16);
            assertThat(MaxHeap.estimateBytes(List.of(1_000L, 2_000L))).isEqualTo(32 + 2 * 8 + 2 * 16);
        }

        @Test
        void aLongListOfAlikeElements_isExtrapolatedFromTheVisitedOnes() {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) l.add(Tuple.of((long) i, 1_000L));
            long each = 16 + 2 * 8 + 16 + 16;
            assertThat(MaxHeap.estimateBytes(l)).isEqualTo(32 + 100_000L * 8 + 100_000L * each);
        }

        @Test
        void aDeeplyNestedTerm_isWalkedOnlyToTheBound() {
            Object t = 1L;
            for (int i = 0; i < 1_000_000; i++) t = List.of(t); // a recursive walk would overflow the stack
            assertThat(MaxHeap.estimateBytes(t)).isPositive();
        }
    }

    @Nested
    class Watermark {
        @Test
        void crossingUpAndDown_publishesOneEventEach() {
            start(NodeConfig.defaults().withMemoryWatermark(new MemoryWatermark(1_000, 500, Duration.ofMillis(5))));
            Pid bystander = node.spawn(forwarder(me.pid()));
            Pid p = node.spawn(idle());
            flood(p, 1_500);
            await(() -> alarms(Event.MEMORY_HIGH_WATERMARK).size() >= 1, "the watermark set");
            node.exit(p, Atom.KILL);
            await(() -> alarms(Event.MEMORY_HIGH_WATERMARK).size() >= 2, "the watermark cleared");
            List<Event.SystemMonitor> marks = alarms(Event.MEMORY_HIGH_WATERMARK);
            assertThat(marks).extracting(e -> detail(e, "set")).containsExactly(true, false);
            assertThat(marks).extracting(Event::pid).containsOnlyNulls();
            assertThat((Long) detail(marks.get(0), "messages")).isGreaterThanOrEqualTo(1_000L);
            assertThat((Long) detail(marks.get(1), "messages")).isLessThanOrEqualTo(500L);
            node.send(bystander, PING);
            assertThat(next(me)).isEqualTo(PING);
        }
    }
}
