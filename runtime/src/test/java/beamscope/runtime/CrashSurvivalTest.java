package beamscope.runtime;

import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * No error a process throws, and no error in the runtime's own loops, stops a scheduler or the timer
 * thread: the process dies with a reason (A2: an error becomes {@code {reason, stacktrace}}), the
 * others go on. One scheduler, so that the process checked afterwards is certainly on the same thread.
 */
class CrashSurvivalTest {
    static final Atom GO = Atom.of("go");

    final FailingClock clock = new FailingClock();
    final Node node = Node.start(NodeConfig.defaults().withSchedulers(1).withClock(clock));
    final Inbox me = node.inbox("test");

    @AfterEach
    void stop() {
        me.close();
        node.close();
    }

    /** Crashes {@code p} with {@code GO} and returns its exit reason, seen through a monitor. */
    Object crash(Pid p) {
        Ref ref = me.monitor(p);
        node.send(p, GO);
        Object m = next(me);
        assertThat(m).isInstanceOfSatisfying(Tuple5.class, d -> assertThat(d.e1()).isEqualTo(ref));
        return ((Tuple5) m).e4();
    }

    /** A process on the same (only) scheduler still runs: it echoes a message back. */
    void schedulerStillRuns() {
        Pid echo = node.spawn(forwarder(me.pid()));
        node.send(echo, "still running");
        assertThat(next(me)).isEqualTo("still running");
    }

    static Behavior throwing(Supplier<Throwable> error) {
        return Behaviors.receive((ctx, m) -> {
            throw CrashSurvivalTest.<RuntimeException>sneaky(error.get());
        });
    }

    @Nested
    class HandlerErrors {
        @Test
        void a2_aStackOverflowEndsOnlyItsProcess() {
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> recurse(0) == 0 ? Behaviors.same() : Behaviors.same()));
            assertThat(crash(p)).isInstanceOfSatisfying(Tuple2.class, r -> {
                assertThat(r.e0()).isInstanceOf(StackOverflowError.class);
                assertThat(r.e1()).isInstanceOf(List.class);
            });
            schedulerStillRuns();
        }

        @Test
        void a2_anOutOfMemoryErrorEndsOnlyItsProcess() {
            OutOfMemoryError oom = new OutOfMemoryError("synthetic");
            Pid p = node.spawn(throwing(() -> oom));
            assertThat(crash(p)).isInstanceOfSatisfying(Tuple2.class, r -> assertThat(r.e0()).isSameAs(oom));
            schedulerStillRuns();
        }

        @Test
        void anExceptionWhoseMessageCannotBeReadEndsOnlyItsProcess() {
            Pid p = node.spawn(throwing(UnprintableException::new));
            assertThat(crash(p)).isInstanceOfSatisfying(Tuple2.class,
                    r -> assertThat(r.e0()).isInstanceOf(UnprintableException.class));
            schedulerStillRuns();
        }

        @Test
        void anErlangErrorWhoseReasonCannotBeReadEndsOnlyItsProcess() {
            Pid p = node.spawn(throwing(UnreadableReason::new));
            assertThat(crash(p)).isInstanceOfSatisfying(Tuple2.class,
                    r -> assertThat(r.e0()).isInstanceOf(UnreadableReason.class));
            schedulerStillRuns();
        }

        @Test
        void aCrashWhoseStackTraceCannotBeReadEndsOnlyItsProcess() {
            Pid p = node.spawn(throwing(UnreadableStack::new));
            assertThat(crash(p)).isInstanceOfSatisfying(Tuple2.class,
                    r -> assertThat(r.e0()).isInstanceOf(UnreadableStack.class));
            schedulerStillRuns();
        }
    }

    @Nested
    class RuntimeThreadErrors {
        final EventSubscription alarms = node.subscribe(
                EventFilter.kinds(Event.SystemMonitor.class, Event.ScheduleIn.class), 10_000);

        @AfterEach
        void unsubscribe() {
            alarms.close();
        }

        Event.SystemMonitor awaitAlarm(Atom kind) {
            List<Event> got = new ArrayList<>();
            AtomicReference<Event.SystemMonitor> found = new AtomicReference<>();
            Probes.await(() -> {
                got.clear();
                alarms.drainTo(got, 10_000);
                for (Event e : got) if (e instanceof Event.SystemMonitor s && s.kind() == kind) found.set(s);
                return found.get() != null;
            }, "a " + kind + " alarm");
            return found.get();
        }

        @Test
        void anErrorInTheSchedulerLoopIsReportedAndTheSchedulerGoesOn() {
            Pid echo = node.spawn(forwarder(me.pid()));
            // The scheduler's next clock read is the schedule-in event of echo, outside any process.
            clock.failOnce("-scheduler-", () -> new OutOfMemoryError("synthetic, in the scheduler loop"));
            node.send(echo, "first");
            assertThat(next(me)).as("the process in hand runs after the error").isEqualTo("first");
            Event.SystemMonitor alarm = awaitAlarm(Event.SCHEDULER_CRASHED);
            assertThat(alarm.pid()).isNull();
            assertThat(Terms.inspect(alarm.details())).contains("OutOfMemoryError");
            schedulerStillRuns();
        }

        @Test
        void anErrorInTheTimerLoopIsReportedAndTimersStillFire() {
            clock.failOnce("-timers", () -> new StackOverflowError("synthetic, in the timer loop"));
            node.sendAfter(me.pid(), "tick", Duration.ofMillis(1));
            assertThat(next(me)).isEqualTo("tick");
            assertThat(Terms.inspect(awaitAlarm(Event.TIMER_CRASHED).details())).contains("StackOverflowError");
            node.sendAfter(me.pid(), "tock", Duration.ofMillis(1));
            assertThat(next(me)).isEqualTo("tock");
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    /** The system clock, except that it throws once on a thread whose name contains a given text. */
    static final class FailingClock implements Clock {
        private volatile String thread;
        private volatile Supplier<Throwable> error;

        void failOnce(String threadNameContains, Supplier<Throwable> error) {
            this.error = error;
            this.thread = threadNameContains;
        }

        @Override
        public long nanoTime() {
            String t = thread;
            if (t != null && Thread.currentThread().getName().contains(t)) {
                synchronized (this) {
                    if (thread != null) {
                        thread = null;
                        throw CrashSurvivalTest.<RuntimeException>sneaky(error.get());
                    }
                }
            }
            return System.nanoTime();
        }
    }

    /** getMessage (and so toString and printStackTrace) throws. */
    static final class UnprintableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("no message for you");
        }
    }

    static final class UnreadableReason extends ErlangError {
        UnreadableReason() {
            super(Atom.of("unreadable"));
        }

        @Override
        public Object reason() {
            throw new IllegalStateException("no reason for you");
        }
    }

    static final class UnreadableStack extends RuntimeException {
        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("no stack for you");
        }
    }
}
