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

        @Test
        void f5_aProcessQueuedBehindABlockedSchedulerRunsWhileTheOtherSchedulerNeverIdles() {
            CountDownLatch release = new CountDownLatch(1);
            Atom ran = Atom.of("ran");
            try (Node node = node(2); Inbox me = node.inbox()) {
                node.spawn(Probes.spinner(100)); // keeps its scheduler busy: it never goes idle to steal
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.spawn(blocker(me.pid(), release)); // takes our runNext slot
                    ctx.spawn(Behaviors.setup(c -> {       // so this one waits in our run queue
                        c.send(me.pid(), ran);
                        return Behaviors.stop();
                    }));
                    return Behaviors.stop();
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                Optional<Object> got = me.receive(Probes.WAIT); // the blocker is released only after this
                release.countDown();
                assertThat(got).contains(ran);
            } finally {
                release.countDown();
            }
        }

        @Test
        void e2_aTaskAwaitTimesOutWhileAnotherProcessBlocksTheSchedulerItRanOn() {
            CountDownLatch release = new CountDownLatch(1);
            try (Node node = node(2); Inbox me = node.inbox()) {
                Pid caller = node.spawn(Behaviors.setup(ctx -> {
                    ctx.spawn(blocker(me.pid(), release)); // runs next on this scheduler, once we wait
                    Task t = Task.async(ctx, () -> {
                        release.await(); // answers only after the test saw the timeout
                        return RESULT;
                    });
                    return Task.await(ctx, t, Duration.ofMillis(50), r -> Behaviors.stop());
                }));
                Ref mon = me.monitor(caller);
                assertThat(next(me)).isEqualTo(BLOCKING);
                Optional<Object> down = me.receive(m -> m instanceof Tuple5 d && mon.equals(d.e1()), Probes.WAIT);
                release.countDown();
                assertThat(down).isPresent();
                Object reason = ((Tuple5) down.get()).e4();
                if (Atom.NOPROC.equals(reason)) reason = node.exitReason(caller).orElseThrow();
                assertThat(reason).isInstanceOfSatisfying(Tuple2.class, r -> assertThat(r.e0()).isEqualTo(Atom.TIMEOUT));
            } finally {
                release.countDown();
            }
        }

        @Test
        void e5_aTaskYieldGivesNilWhileAnotherProcessBlocksTheSchedulerItRanOn() {
            CountDownLatch release = new CountDownLatch(1);
            try (Node node = node(2); Inbox me = node.inbox()) {
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.spawn(blocker(me.pid(), release));
                    Task t = Task.async(ctx, () -> {
                        release.await();
                        return RESULT;
                    });
                    return Task.yield(ctx, t, Duration.ofMillis(10), r -> {
                        ctx.send(me.pid(), Tuple.of(TIMED_OUT, r));
                        return Task.await(ctx, t, Duration.ofSeconds(30), r2 -> {
                            ctx.send(me.pid(), r2);
                            return Behaviors.stop();
                        });
                    });
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                Optional<Object> yielded = me.receive(Probes.WAIT);
                release.countDown();
                assertThat(yielded).contains(Tuple.of(TIMED_OUT, Atom.NIL));
                assertThat(next(me)).isEqualTo(RESULT);
            } finally {
                release.countDown();
            }
        }
    }

    @Nested
    class DirtySchedulers {
        @Test
        void aTaskBodyThatBlocksDoesNotHoldTheOnlyScheduler() throws Exception {
            CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid echo = node.spawn(Probes.forwarder(me.pid()));
                Task t = Task.async(node, () -> {
                    started.countDown();
                    release.await(); // a Thread.sleep or a read would do the same
                    return RESULT;
                });
                assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                node.send(echo, BLOCKING);
                Optional<Object> answer = me.receive(Probes.WAIT); // the task is released only after this
                release.countDown();
                assertThat(answer).contains(BLOCKING);
                assertThat(Task.await(t)).isEqualTo(RESULT);
            } finally {
                release.countDown();
            }
        }

        @Test
        void blockingWorkRunsOnADirtyLaneAndTheProcessCountsAsRunningThere() {
            CountDownLatch release = new CountDownLatch(1);
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid p = node.spawn(Behaviors.setup(ctx -> {
                    ctx.send(me.pid(), BLOCKING);
                    return ctx.blocking(() -> {
                        release.await();
                        return RESULT;
                    }, r -> {
                        ctx.send(me.pid(), r);
                        return Behaviors.stop();
                    });
                }));
                assertThat(next(me)).isEqualTo(BLOCKING);
                try {
                    Probes.await(() -> node.snapshot().dirtySchedulers().stream().anyMatch(d -> p.equals(d.running())),
                            "the process on a dirty lane");
                    SchedulerSnapshot lane = node.snapshot().dirtySchedulers().get(0);
                    assertThat(lane.dirty()).isTrue();
                    assertThat(node.processInfo(p).orElseThrow().status()).isEqualTo(ProcessStatus.RUNNING);
                    assertThat(node.snapshot().schedulers()).allSatisfy(s -> assertThat(s.running()).isNotEqualTo(p));
                } finally {
                    release.countDown();
                }
                assertThat(next(me)).isEqualTo(RESULT);
                Probes.await(() -> node.snapshot().dirtySchedulers().stream().allMatch(d -> d.running() == null),
                        "the lane free again");
            }
        }

        @Test
        void theResultComesBackAndSameReturnsToTheReceiveWithMessagesKeptInOrder() {
            CountDownLatch release = new CountDownLatch(1);
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                    if (m == BLOCKING) {
                        return ctx.blocking(() -> {
                            release.await();
                            return 6 * 7;
                        }, r -> {
                            ctx.send(me.pid(), Tuple.of(RESULT, r));
                            return Behaviors.same();
                        });
                    }
                    ctx.send(me.pid(), m);
                    return Behaviors.same();
                }));
                node.send(p, BLOCKING);
                node.send(p, 1L);
                node.send(p, 2L);
                release.countDown();
                assertThat(next(me)).isEqualTo(Tuple.of(RESULT, 42));
                assertThat(next(me)).isEqualTo(1L);
                assertThat(next(me)).isEqualTo(2L);
            }
        }

        @Test
        void blockingWorkMayFollowBlockingWork_andSameStillReturnsToTheReceive() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> ctx.blocking(() -> (Long) m + 1,
                        a -> ctx.blocking(() -> a * 10, b -> {
                            ctx.send(me.pid(), b);
                            return Behaviors.same();
                        }))));
                node.send(p, 1L);
                assertThat(next(me)).isEqualTo(20L);
                node.send(p, 2L); // handled by the same receive again
                assertThat(next(me)).isEqualTo(30L);
            }
        }

        @Test
        void aProcessWhoseBlockingWorkThrowsCrashesWithTheException() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                IllegalStateException boom = new IllegalStateException("boom");
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> ctx.blocking(() -> {
                    throw boom;
                }, r -> Behaviors.same())));
                Ref mon = me.monitor(p);
                node.send(p, BLOCKING);
                Object down = next(me);
                assertThat(down).isInstanceOfSatisfying(Tuple5.class, d -> {
                    assertThat(d.e1()).isEqualTo(mon);
                    assertThat(d.e4()).isInstanceOfSatisfying(Tuple2.class, r -> assertThat(r.e0()).isSameAs(boom));
                });
            }
        }

        @Test
        void anExitFromBlockingWorkEndsTheProcessWithThatReason() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                Atom why = Atom.of("why");
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> ctx.blocking(() -> {
                    throw new ExitException(why);
                }, r -> Behaviors.same())));
                Ref mon = me.monitor(p);
                node.send(p, BLOCKING);
                assertThat(next(me)).isEqualTo(Tuple.of(Atom.DOWN, mon, Atom.PROCESS, p, why));
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
