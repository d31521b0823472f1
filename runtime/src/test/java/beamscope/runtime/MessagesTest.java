package beamscope.runtime;

import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/OTP-SEMANTICS.md section B: messages and selective receive; and the timer service. */
class MessagesTest {
    static final Atom A = Atom.of("a"), B = Atom.of("b"), C = Atom.of("c"), GO = Atom.of("go"),
            TIMEOUT = Atom.of("timeout");

    final ManualClock clock = new ManualClock();
    Node node;
    Inbox me;

    @BeforeEach
    void start() {
        node = Node.start(NodeConfig.defaults().withSchedulers(2).withClock(clock));
        me = node.inbox("test");
    }

    @AfterEach
    void stop() {
        me.close();
        node.close();
    }

    /** Receives only {@code wanted}, reports it, then forwards everything else in mailbox order. */
    Behavior onlyThen(Object wanted) {
        Pid to = me.pid();
        return Behaviors.receive((ctx, m) -> {
            if (!m.equals(wanted)) return Behaviors.unhandled();
            ctx.send(to, Tuple.of(Atom.of("got"), m));
            return forwarder(to);
        });
    }

    @Nested
    class SelectiveReceive {
        @Test
        void b1_theFirstMatchingMessageIsTakenAndTheOthersKeepTheirOrder() {
            Pid p = node.spawn(onlyThen(B));
            node.send(p, A);
            node.send(p, B);
            node.send(p, C);
            assertThat(next(me)).isEqualTo(Tuple.of(Atom.of("got"), B));
            assertThat(next(me)).isEqualTo(A);
            assertThat(next(me)).isEqualTo(C);
        }

        @Test
        void b1_skippedMessagesStayQueuedUntilTheBehaviourChanges() {
            Pid p = node.spawn(onlyThen(GO));
            for (long i = 0; i < 100; i++) node.send(p, i);
            Probes.await(() -> node.processInfo(p).orElseThrow().messageQueueLen() == 100, "100 queued messages");
            ProcessInfo info = node.processInfo(p, 5).orElseThrow();
            assertThat(info.messages()).containsExactly(0L, 1L, 2L, 3L, 4L);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(Tuple.of(Atom.of("got"), GO));
            for (long i = 0; i < 100; i++) assertThat(next(me)).isEqualTo(i);
        }

        @Test
        void b1_sameKeepsScanningAfterSkippedMessagesAndNewArrivalsAreOfferedToo() {
            Pid to = me.pid();
            // Takes only even numbers; odd ones stay queued, in order.
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                if (m instanceof Long n && n % 2 == 0) {
                    ctx.send(to, n);
                    return Behaviors.same();
                }
                if (m == GO) return forwarder(to);
                return Behaviors.unhandled();
            }));
            for (long i = 0; i < 10; i++) node.send(p, i);
            for (long i = 0; i < 10; i += 2) assertThat(next(me)).isEqualTo(i);
            node.send(p, GO);
            for (long i = 1; i < 10; i += 2) assertThat(next(me)).isEqualTo(i);
        }

        @Test
        void b3_inAReceiveTheMessageBeingHandledIsNoLongerQueued() {
            // OTP: receive takes the message out before the clause runs, so message_queue_len there counts
            // the others (GO first lets ASK, X and Y all arrive before ASK is handled)
            Pid p = node.spawn(Behaviors.receive((ctx, go) -> {
                if (go != GO) return Behaviors.unhandled();
                return Behaviors.receive((c, m) -> {
                    if (m != A) return Behaviors.unhandled();
                    c.send(me.pid(), (long) node.processInfo(c.self()).orElseThrow().messageQueueLen());
                    return Behaviors.same();
                });
            }));
            node.send(p, A);
            node.send(p, B);
            node.send(p, B);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(2L);
            node.send(p, A);
            assertThat(next(me)).isEqualTo(2L); // the two Bs, left in the mailbox by the selective receive
            Probes.await(() -> node.processInfo(p).orElseThrow().messageQueueLen() == 2, "the two Bs still queued");
        }

        @Test
        void b2_aReceiveWithoutAMatchWaits() {
            Pid p = node.spawn(onlyThen(GO));
            node.send(p, A);
            Probes.await(() -> node.processInfo(p).orElseThrow().status() == ProcessStatus.WAITING
                    && node.processInfo(p).orElseThrow().messageQueueLen() == 1, "waiting with one message");
            assertThat(me.receive(Duration.ZERO)).isEmpty();
        }
    }

    @Nested
    class After {
        Behavior waitFor(Object wanted, Duration after) {
            Pid to = me.pid();
            return Behaviors.receive((ctx, m) -> {
                if (!m.equals(wanted)) return Behaviors.unhandled();
                ctx.send(to, m);
                return Behaviors.stop();
            }).after(after, ctx -> {
                ctx.send(to, TIMEOUT);
                return forwarder(to);
            });
        }

        @Test
        void b3_afterZeroTimesOutAtOnceOnAnEmptyQueue() {
            node.spawn(waitFor(GO, Duration.ZERO));
            assertThat(next(me)).isEqualTo(TIMEOUT);
        }

        @Test
        void b3_afterZeroStillScansTheQueueAndTakesAMatch() {
            node.pauseSchedulers();
            Pid p = node.spawn(waitFor(GO, Duration.ZERO));
            node.send(p, A);
            node.send(p, GO);
            node.resumeSchedulers();
            assertThat(next(me)).isEqualTo(GO);
        }

        @Test
        void b3_aMatchBeforeTheDeadlineWins() {
            Pid p = node.spawn(waitFor(GO, Duration.ofSeconds(5)));
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(GO);
        }

        @Test
        void b4_nonMatchingMessagesDoNotRestartTheTimer() {
            Pid p = node.spawn(waitFor(GO, Duration.ofMillis(200)));
            Probes.await(() -> node.snapshot().timers() == 1, "the receive timer");
            for (int i = 0; i < 4; i++) {
                node.send(p, (long) i);
                long q = i + 1;
                Probes.await(() -> node.processInfo(p).map(ProcessInfo::messageQueueLen).orElse(-1) == q, "queued");
                clock.advance(Duration.ofMillis(40));
            }
            assertThat(me.receive(Duration.ZERO)).isEmpty();
            clock.advance(Duration.ofMillis(40));
            assertThat(next(me)).isEqualTo(TIMEOUT);
            for (long i = 0; i < 4; i++) assertThat(next(me)).isEqualTo(i);
        }

        @Test
        void b4_handlingAMessageEntersANewReceiveWithAFreshTimer() {
            Pid to = me.pid();
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.send(to, m);
                return Behaviors.same();
            }).after(Duration.ofMillis(100), ctx -> {
                ctx.send(to, TIMEOUT);
                return Behaviors.stop();
            }));
            Probes.await(() -> node.snapshot().timers() == 1, "the receive timer");
            clock.advance(Duration.ofMillis(60));
            node.send(p, A);
            assertThat(next(me)).isEqualTo(A);
            // the handler has run; once the process waits again its new receive (and timer) has started
            Probes.await(() -> node.processInfo(p).orElseThrow().status() == ProcessStatus.WAITING
                    && node.snapshot().timers() == 1, "a new receive timer");
            clock.advance(Duration.ofMillis(60));
            assertThat(me.receive(Duration.ZERO)).isEmpty();
            clock.advance(Duration.ofMillis(40));
            assertThat(next(me)).isEqualTo(TIMEOUT);
        }
    }

    @Nested
    class Ordering {
        @Test
        void b6_eachSendersMessagesArriveInOrderUnderLoad() {
            try (Node busy = Node.start(NodeConfig.defaults().withSchedulers(4)); Inbox done = busy.inbox()) {
                int senders = 8, each = 20_000;
                Pid d = done.pid();
                Pid receiver = busy.spawn(Behaviors.setup(ctx -> checking(d, new long[senders], senders * each, 0)));
                for (int s = 0; s < senders; s++) {
                    long id = s;
                    busy.spawn(Behaviors.setup(ctx -> {
                        for (long i = 0; i < each; i++) ctx.send(receiver, Tuple.of(id, i));
                        return Behaviors.stop();
                    }));
                }
                assertThat(done.receive(Duration.ofSeconds(30))).contains(Atom.OK);
            }
        }

        private Behavior checking(Pid done, long[] nextExpected, int total, int seen) {
            return Behaviors.receive((ctx, m) -> {
                Tuple2 t = (Tuple2) m;
                int s = (int) (long) (Long) t.e0();
                long i = (Long) t.e1();
                if (i != nextExpected[s]) {
                    ctx.send(done, Tuple.of(Atom.of("out_of_order"), s, i, nextExpected[s]));
                    return Behaviors.stop();
                }
                nextExpected[s]++;
                if (seen + 1 == total) {
                    ctx.send(done, Atom.OK);
                    return Behaviors.stop();
                }
                return checking(done, nextExpected, total, seen + 1);
            });
        }

        @Test
        void b7_messagesFromOneSenderStayFifoAcrossSignals() {
            Pid f = node.spawn(forwarder(me.pid()));
            List<Object> sent = new ArrayList<>();
            for (long i = 0; i < 1000; i++) {
                node.send(f, i);
                sent.add(i);
                if (i % 100 == 0) node.suspend(f);
                if (i % 100 == 50) node.resume(f);
            }
            node.resume(f);
            for (Object x : sent) assertThat(next(me)).isEqualTo(x);
        }
    }

    @Nested
    class Timers {
        @Test
        void sendAfterFiresOnlyWhenTheClockReachesTheDeadline() {
            TimerRef t = node.sendAfter(me.pid(), "later", Duration.ofMillis(500));
            clock.advance(Duration.ofMillis(499));
            assertThat(me.receive(Duration.ZERO)).isEmpty();
            clock.advance(Duration.ofMillis(1));
            assertThat(next(me)).isEqualTo("later");
            assertThat(node.cancelTimer(t)).isEmpty();
        }

        @Test
        void cancelTimerReturnsTheTimeLeftAndTheMessageNeverComes() {
            TimerRef t = node.sendAfter(me.pid(), "never", Duration.ofMillis(500));
            clock.advance(Duration.ofMillis(200));
            assertThat(node.cancelTimer(t)).contains(Duration.ofMillis(300));
            TimerRef marker = node.sendAfter(me.pid(), "marker", Duration.ofMillis(400));
            clock.advance(Duration.ofSeconds(1));
            assertThat(next(me)).isEqualTo("marker");
            assertThat(me.receive(Duration.ZERO)).isEmpty();
        }

        /**
         * Cancels are lazy (the timer stays in the timer thread's heap as a shell until it falls due), which
         * must not show: cancelled timers are not counted, never fire, and timers set among them still fire
         * in order. 20,000 cancelled shells are more than the purge threshold, so the heap is rebuilt too.
         */
        @Test
        void cancelledTimersAreNotCountedAndNeverFireAmongLiveOnes() {
            TimerRef[] ts = new TimerRef[20_000];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = node.sendAfter(me.pid(), i % 2 == 0 ? "cancelled" : (long) i, Duration.ofMillis(1 + i % 100));
            }
            for (int i = 0; i < ts.length; i += 2) assertThat(node.cancelTimer(ts[i])).isPresent();
            for (int i = 0; i < ts.length; i += 2) assertThat(node.cancelTimer(ts[i])).as("a second cancel").isEmpty();
            assertThat(node.snapshot().timers()).isEqualTo(10_000);
            clock.advance(Duration.ofMillis(100));
            java.util.Set<Object> got = new java.util.HashSet<>();
            for (int i = 0; i < 10_000; i++) got.add(next(me));
            assertThat(got).hasSize(10_000).doesNotContain("cancelled");
            TimerRef marker = node.sendAfter(me.pid(), "marker", Duration.ofMillis(1));
            clock.advance(Duration.ofMillis(1));
            assertThat(next(me)).isEqualTo("marker");
            assertThat(node.cancelTimer(marker)).as("fired: nothing to cancel").isEmpty();
            assertThat(node.snapshot().timers()).isZero();
        }

        /** Killed processes that slept in a receive with a timeout leave no timer behind (their cancel is lazy). */
        @Test
        void killedSleepersLeaveNoTimerAndTheirTimeoutsNeverRun() {
            Pid to = me.pid();
            Pid[] sleepers = new Pid[1000];
            for (int i = 0; i < sleepers.length; i++) {
                sleepers[i] = node.spawn(Behaviors.setup(ctx -> Behaviors.receive((c, m) -> Behaviors.unhandled())
                        .after(Duration.ofSeconds(5), c -> {
                            c.send(to, "woke");
                            return Behaviors.stop();
                        })));
            }
            Probes.await(() -> node.snapshot().timers() == sleepers.length, "every sleeper's timer");
            for (Pid p : sleepers) node.exit(p, Atom.KILL);
            Probes.await(() -> node.snapshot().timers() == 0, "no timer left");
            clock.advance(Duration.ofSeconds(10));
            TimerRef marker = node.sendAfter(me.pid(), "marker", Duration.ZERO);
            assertThat(next(me)).isEqualTo("marker");
            assertThat(me.receive(Duration.ZERO)).isEmpty();
            assertThat(node.cancelTimer(marker)).isEmpty();
        }

        @Test
        void timersWithTheSameDeadlineFireInTheOrderTheyWereSet() {
            for (long i = 0; i < 100; i++) node.sendAfter(me.pid(), i, Duration.ofMillis(10));
            clock.advance(Duration.ofMillis(10));
            for (long i = 0; i < 100; i++) assertThat(next(me)).isEqualTo(i);
        }

        @Test
        void sendAfterFromAProcessToANameResolvesAtExpiry() {
            Pid to = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                ctx.sendAfter("late_name", "hello", Duration.ofMillis(100));
                ctx.send(to, Atom.of("armed"));
                return Behaviors.stop();
            }));
            assertThat(next(me)).isEqualTo(Atom.of("armed"));
            Pid f = node.spawn(forwarder(to));
            node.register("late_name", f);
            clock.advance(Duration.ofMillis(100));
            assertThat(next(me)).isEqualTo("hello");
        }

        @Test
        void aMillionTimersNeedNoThreadPerTimer() {
            int threadsBefore = Thread.activeCount();
            Pid counter = node.spawn(counting(me.pid(), 1_000_000, 0));
            for (int i = 0; i < 1_000_000; i++) node.sendAfter(counter, Atom.OK, Duration.ofMillis(1 + i % 1000));
            assertThat(node.snapshot().timers()).isEqualTo(1_000_000);
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(me.receive(Duration.ofSeconds(60))).contains(1_000_000L);
            assertThat(node.snapshot().timers()).isZero();
        }

        private Behavior counting(Pid to, long target, long n) {
            return Behaviors.receive((ctx, m) -> {
                if (n + 1 == target) {
                    ctx.send(to, n + 1);
                    return Behaviors.stop();
                }
                return counting(to, target, n + 1);
            });
        }
    }
}
