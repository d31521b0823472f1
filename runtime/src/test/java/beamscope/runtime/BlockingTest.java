package beamscope.runtime;

import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Blocking Java code never holds other processes hostage: a process stuck in Java on one scheduler does
 * not delay what the other schedulers could run (F5), plain Java work runs on dirty schedulers, and a
 * process holding its scheduler far beyond its slice is reported as a long schedule.
 */
class BlockingTest {
    static final Atom BLOCKING = Atom.of("blocking"), TIMED_OUT = Atom.of("timed_out"), RESULT = Atom.of("result");

    static Node node(int schedulers) {
        return Node.start(NodeConfig.defaults().withSchedulers(schedulers));
    }

    /** Tells {@code to} it is blocking, then holds its scheduler's thread until {@code release} opens. */
    static Behavior blocker(Pid to, CountDownLatch release) {
        return Behaviors.setup(c -> {
            c.send(to, BLOCKING);
            release.await();
            return Behaviors.stop();
        });
    }

    @Nested
    class WakeUpsBehindABlockedScheduler {
        @Test
        void f5_aReceiveTimeoutFiresWhileAnotherProcessBlocksTheSchedulerItRanOn() {
            CountDownLatch release = new CountDownLatch(1);
            try (Node node = node(2); Inbox me = node.inbox()) {
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.spawn(blocker(me.pid(), release)); // runs next on this scheduler, once we wait
                    return Behaviors.receive((c, m) -> Behaviors.unhandled()).after(Duration.ofMillis(10), c -> {
                        c.send(me.pid(), TIMED_OUT);
                        return Behaviors.stop();
                    });
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                Optional<Object> timedOut = me.receive(Probes.WAIT); // the blocker is released only after this
                release.countDown();
                assertThat(timedOut).contains(TIMED_OUT);
            } finally {
                release.countDown();
            }
        }

        @Test
        void f5_aProcessWokenByAWakerThatThenBlocksRunsOnAnotherScheduler() {
            CountDownLatch release = new CountDownLatch(1);
            Atom ping = Atom.of("ping"), pong = Atom.of("pong");
            try (Node node = node(2); Inbox me = node.inbox()) {
                node.spawn(Behaviors.setup(ctx -> {
                    // starts on our scheduler and waits; our ping puts it in this scheduler's runNext slot
                    Pid partner = ctx.spawn(Behaviors.receive((c, m) -> {
                        c.send(me.pid(), pong);
                        return Behaviors.stop();
                    }));
                    return Behaviors.setup(c -> {
                        c.send(partner, ping);
                        c.send(me.pid(), BLOCKING);
                        release.await(); // the waker holds its scheduler instead of waiting
                        return Behaviors.stop();
                    });
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                Optional<Object> answer = me.receive(Probes.WAIT); // the waker is released only after this
                release.countDown();
                assertThat(answer).contains(pong);
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class LongSchedules {
        static List<Event> longSchedules(EventSubscription sub, Pid pid) {
            List<Event> all = new ArrayList<>();
            sub.drainTo(all, Integer.MAX_VALUE);
            all.removeIf(e -> !(e instanceof Event.SystemMonitor m && m.kind() == Event.LONG_SCHEDULE && pid.equals(m.pid())));
            return all;
        }

        @Test
        void aProcessSpinningInJavaIsReportedOnceWithItsSchedulerAndStack() {
            AtomicBoolean release = new AtomicBoolean();
            try (Node node = node(2); Inbox me = node.inbox();
                 EventSubscription sub = node.subscribe(EventFilter.kinds(Event.SystemMonitor.class), 64)) {
                Pid spinner = node.spawn(Behaviors.setup(ctx -> {
                    ctx.send(me.pid(), BLOCKING);
                    while (!release.get()) Thread.onSpinWait(); // no reductions charged: cannot be preempted
                    ctx.send(me.pid(), RESULT);
                    return Behaviors.stop();
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                List<Event> seen = new ArrayList<>();
                Probes.await(() -> {
                    seen.addAll(longSchedules(sub, spinner));
                    return !seen.isEmpty();
                }, "a long_schedule event");
                int[] marked = {-1};
                Probes.await(() -> {
                    for (SchedulerSnapshot s : node.snapshot().schedulers())
                        if (s.longSchedule() && spinner.equals(s.running())) marked[0] = s.id();
                    return marked[0] >= 0;
                }, "the scheduler marked as in a long schedule");
                release.set(true);
                assertThat(next(me)).isEqualTo(RESULT);
                Probes.await(() -> node.snapshot().schedulers().stream().noneMatch(SchedulerSnapshot::longSchedule),
                        "the mark gone once the slice ended");
                seen.addAll(longSchedules(sub, spinner));
                assertThat(seen).hasSize(1);
                Event.SystemMonitor alarm = (Event.SystemMonitor) seen.get(0);
                List<?> details = (List<?>) alarm.details();
                assertThat(details).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(Tuple2.class, t -> {
                    assertThat(t.e0()).isEqualTo(Atom.TIMEOUT);
                    assertThat((Long) t.e1()).isGreaterThanOrEqualTo(100);
                }));
                assertThat(details).anySatisfy(d -> assertThat(d).isEqualTo(
                        Tuple.of(Atom.of("scheduler"), marked[0] + 1L))); // numbered from 1, as OTP does
                assertThat(details).anySatisfy(d -> assertThat(d).isInstanceOfSatisfying(Tuple2.class, t -> {
                    assertThat(t.e0()).isEqualTo(Atom.of("stacktrace"));
                    assertThat(t.e1().toString()).contains("BlockingTest");
                }));
            } finally {
                release.set(true);
            }
        }
    }
}
