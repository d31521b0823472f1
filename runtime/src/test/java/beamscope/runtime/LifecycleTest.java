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

    @Nested
    class Close {
        @Test
        void afterCloseNoProcessIsAlive() {
            Node node = Node.start(NodeConfig.defaults().withSchedulers(2));
            Inbox me = node.inbox();
            Pid waiting = node.spawn(Probes.idle());
            Pid busy = node.spawn(Probes.spinner(1));
            Pid named = node.spawn(Probes.idle(), SpawnOptions.defaults().withName("named"));
            node.close();
            for (Pid p : new Pid[] {waiting, busy, named, me.pid()}) assertThat(node.isAlive(p)).as("%s", p).isFalse();
            assertThat(me.isAlive()).isFalse();
            assertThat(node.processCount()).isZero();
            assertThat(node.processes()).isEmpty();
            assertThat(node.whereis("named")).isEmpty();
            assertThat(node.snapshot().processes()).isZero();
        }

        @Test
        void anInboxWaitingInReceiveWakesWithNodeClosed() throws Exception {
            Node node = Node.start();
            Inbox me = node.inbox();
            AtomicReference<Thread> receiver = new AtomicReference<>();
            CompletableFuture<Object> got = CompletableFuture.supplyAsync(() -> {
                receiver.set(Thread.currentThread());
                return me.receive(Duration.ofSeconds(60));
            });
            Probes.await(() -> receiver.get() != null && receiver.get().getState() == Thread.State.TIMED_WAITING,
                    "the receiver to wait");
            node.close();
            assertThatThrownBy(() -> got.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("node closed");
            assertThatThrownBy(() -> me.receive(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
            me.close(); // closing a closed node's inbox is harmless
        }

        @Test
        void afterCloseEveryCommandFailsAtOnce() {
            Node node = Node.start();
            Pid p = node.spawn(Probes.idle());
            node.close();
            assertNodeClosed(() -> node.spawn(Probes.idle()));
            assertNodeClosed(() -> node.inbox());
            assertNodeClosed(() -> node.send(p, "hello"));
            assertNodeClosed(() -> node.send("named", "hello"));
            assertNodeClosed(() -> node.exit(p, Atom.KILL));
            assertNodeClosed(() -> node.register("late", p));
            assertNodeClosed(() -> node.sendAfter(p, "later", Duration.ofMillis(1)));
            assertNodeClosed(() -> node.suspend(p));
            assertNodeClosed(() -> node.link(p, p));
            node.close(); // a second close does nothing
        }

        /**
         * A step asked for while the node is paused and nothing is runnable waits for work; close ends it
         * with the same "node closed" error every other call gets, instead of leaving it pending forever.
         */
        @Test
        void aStepStillPendingAtCloseFailsWithNodeClosed() {
            Node node = Node.start(NodeConfig.defaults().withSchedulers(1));
            node.pauseSchedulers();
            CompletableFuture<Void> pending = node.stepSlice(); // nothing runnable: no slice can be stepped
            assertThat(pending).isNotDone();
            node.close();
            assertThat(pending).isCompletedExceptionally();
            assertThatThrownBy(pending::join).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node closed");
            assertThat(node.stepSlice()).as("a step after close").isCompletedExceptionally();
        }

        void assertNodeClosed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("node closed");
        }

        /**
         * A handler stuck in Java code cannot be stopped: close gives up waiting for it, the process is
         * gone all the same, and the thread ends as soon as the handler returns. The spinner is released
         * only after close has returned, so close cannot have waited for it.
         */
        @Test
        void closeReturnsWhileAHandlerIsStuckAndTheThreadEndsWhenItReturns() throws Exception {
            Node node = Node.start(NodeConfig.defaults().withSchedulers(1));
            CountDownLatch spinning = new CountDownLatch(1);
            Spin spin = new Spin();
            AtomicReference<Thread> thread = new AtomicReference<>();
            Pid stuck = node.spawn(Behaviors.setup(ctx -> {
                thread.set(Thread.currentThread());
                spinning.countDown();
                while (!spin.released) Thread.onSpinWait();
                return Behaviors.stop();
            }));
            assertThat(spinning.await(10, TimeUnit.SECONDS)).isTrue();
            node.close();
            boolean stillSpinning = !spin.released;
            spin.released = true;
            assertThat(stillSpinning).as("close returned before the handler was released").isTrue();
            assertThat(node.isAlive(stuck)).isFalse();
            thread.get().join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.get().isAlive()).as("the scheduler thread ended after the handler returned").isFalse();
        }
    }

    static final class Spin {
        volatile boolean released;
    }
}
