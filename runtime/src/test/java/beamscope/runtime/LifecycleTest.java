package beamscope.runtime;

import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A node's life: closing it, durations too long to count, counted suspends. */
class LifecycleTest {
    /** OTP's :infinity as a Duration (what GenServer.INFINITY is). */
    static final Duration INFINITY = ChronoUnit.FOREVER.getDuration();

    @Nested
    class InfiniteDurations {
        @Test
        void b3_aReceiveAfterInfinityWaitsLikeOneWithoutTimeout() {
            try (Node node = Node.start(); Inbox me = node.inbox()) {
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                    ctx.send(me.pid(), m);
                    return Behaviors.receive((c, m2) -> {
                        c.send(me.pid(), m2);
                        return Behaviors.same();
                    }).after(INFINITY, c -> Behaviors.stop(Atom.TIMEOUT));
                }).after(INFINITY, c -> Behaviors.stop(Atom.TIMEOUT)));
                node.send(p, "first");
                assertThat(next(me)).isEqualTo("first");
                node.send(p, "second");
                assertThat(next(me)).isEqualTo("second");
                assertThat(node.isAlive(p)).isTrue();
            }
        }

        @Test
        void aTimerTooLongToCountNeverFiresAndCanBeCancelled() {
            try (Node node = Node.start(); Inbox me = node.inbox()) {
                TimerRef never = node.sendAfter(me.pid(), "never", INFINITY);
                node.sendAfter(me.pid(), "soon", Duration.ofMillis(1));
                assertThat(next(me)).isEqualTo("soon");
                assertThat(node.cancelTimer(never)).hasValueSatisfying(left -> assertThat(left).isGreaterThan(Duration.ofDays(365 * 100)));
                assertThat(me.receive(Duration.ZERO)).isEmpty();
            }
        }

        @Test
        void anInboxReceiveForInfinityTakesWhatIsThere() {
            try (Node node = Node.start(); Inbox me = node.inbox()) {
                node.send(me.pid(), "here");
                assertThat(me.receive(INFINITY)).contains("here");
            }
        }

        @Test
        void slowMotionForInfinityIsAcceptedAndCanBeTurnedOff() {
            try (Node node = Node.start(); Inbox me = node.inbox()) {
                node.slowMotion(INFINITY);
                node.slowMotion(Duration.ZERO);
                Pid f = node.spawn(forwarder(me.pid()));
                node.send(f, "runs");
                assertThat(next(me)).isEqualTo("runs");
            }
        }
    }

    @Nested
    class Suspend {
        /**
         * erlang:suspend_process/1 counts: a process suspended twice runs again only after two resumes.
         * The schedulers are paused so each step runs exactly one slice of the process: everything sent
         * before the step has been handled when the step completes.
         */
        @Test
        void aProcessSuspendedTwiceNeedsTwoResumes() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1)); Inbox me = node.inbox()) {
                Pid f = node.spawn(forwarder(me.pid()));
                node.pauseSchedulers();
                node.suspend(f);
                node.suspend(f);
                node.resume(f);
                node.send(f, "ping");
                node.stepSlice().get(10, TimeUnit.SECONDS);
                assertThat(me.receive(Duration.ZERO)).as("still suspended once").isEmpty();
                assertThat(node.processInfo(f).orElseThrow().status()).isEqualTo(ProcessStatus.SUSPENDED);
                node.resume(f);
                node.stepSlice().get(10, TimeUnit.SECONDS);
                assertThat(me.receive(Duration.ZERO)).contains("ping");
            }
        }

        @Test
        void aResumeOfAProcessNotSuspendedIsIgnored() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1)); Inbox me = node.inbox()) {
                Pid f = node.spawn(forwarder(me.pid()));
                node.pauseSchedulers();
                node.resume(f);
                node.suspend(f);
                node.send(f, "ping");
                node.stepSlice().get(10, TimeUnit.SECONDS);
                assertThat(me.receive(Duration.ZERO)).as("the early resume does not cancel the suspend").isEmpty();
                node.resumeSchedulers();
                node.resume(f);
                assertThat(next(me)).isEqualTo("ping");
            }
        }
    }

    static final class Spin {
        volatile boolean released;
    }
}
