package beamscope.runtime;

import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/OTP-SEMANTICS.md section F: schedulers, reductions, priorities; plus the demo controls. */
class SchedulingTest {
    static final Atom DONE = Atom.of("done"), INC = Atom.of("inc"), GET = Atom.of("get");

    static Node node(int schedulers) {
        return Node.start(NodeConfig.defaults().withSchedulers(schedulers));
    }

    /** Spins in steps of {@code stepCost} reductions; after {@code steps} steps it tells {@code to} once. */
    static Behavior spinnerThatReports(Pid to, int stepCost, long steps) {
        long[] n = {0};
        return Behaviors.compute(ctx -> {
            ctx.work(stepCost - 1);
            if (++n[0] == steps) ctx.send(to, DONE);
            return Behaviors.same();
        });
    }

    static Behavior counter(long n) {
        return Behaviors.receive((ctx, m) -> switch (m) {
            case Atom a when a == INC -> counter(n + 1);
            case Tuple2(Atom tag, Pid from) when tag == GET -> {
                ctx.send(from, n);
                yield Behaviors.same();
            }
            default -> Behaviors.unhandled();
        });
    }

    static long reductions(Node node, Pid p) {
        return node.processInfo(p).orElseThrow().reductions();
    }

    static long contextSwitches(NodeSnapshot s) {
        return s.schedulers().stream().mapToLong(SchedulerSnapshot::contextSwitches).sum();
    }

    @Nested
    class TimeSlices {
        @Test
        void f7_aBusySliceEndsAfterExactlyTheReductionBudget() throws Exception {
            for (int budget : List.of(4000, 2000)) {
                try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1).withReductionBudget(budget))) {
                    node.pauseSchedulers();
                    Pid spin = node.spawn(Probes.spinner(0));
                    long before = contextSwitches(node.snapshot());
                    node.stepSlice().get(10, TimeUnit.SECONDS);
                    assertThat(reductions(node, spin)).isEqualTo(budget);
                    assertThat(contextSwitches(node.snapshot())).isEqualTo(before + 1);
                    node.stepSlice().get(10, TimeUnit.SECONDS);
                    assertThat(reductions(node, spin)).isEqualTo(2L * budget);
                    assertThat(node.processInfo(spin).orElseThrow().status()).isEqualTo(ProcessStatus.RUNNABLE);
                }
            }
        }

        @Test
        void aProcessThatSpendsItsBudgetAndThenHasNothingToReadWaitsInsteadOfStayingRunnable() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1).withReductionBudget(10))) {
                Pid worker = node.spawn(Behaviors.receive((ctx, m) -> {
                    ctx.work(50); // far over the slice's budget
                    return Behaviors.same();
                }));
                node.pauseSchedulers();
                node.send(worker, INC);
                node.stepSlice().get(10, TimeUnit.SECONDS);
                ProcessInfo info = node.processInfo(worker).orElseThrow();
                assertThat(info.messageQueueLen()).isZero();
                assertThat(info.status()).isEqualTo(ProcessStatus.WAITING);
                assertThat(node.snapshot().runQueueLength()).isZero();
            }
        }

        @Test
        void f9_aHandledMessageCostsOneReductionAndASendFourMore() throws Exception {
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid c = node.spawn(counter(0));
                for (int i = 0; i < 10; i++) node.send(c, INC);
                node.send(c, Tuple.of(GET, me.pid()));
                assertThat(next(me)).isEqualTo(10L);
                assertThat(reductions(node, c)).isEqualTo(11 + 4);
            }
        }

        @Test
        void defaultsFollowOtp() {
            NodeConfig d = NodeConfig.defaults();
            assertThat(d.reductionBudget()).isEqualTo(4000);
            assertThat(d.processLimit()).isEqualTo(1_048_576);
            assertThat(d.schedulers()).isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
            try (Node eight = node(8)) {
                assertThat(eight.snapshot().schedulers()).hasSize(8);
            }
        }
    }

    @Nested
    class Priorities {
        @Test
        void f12_priorityReturnsTheOldLevel() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                Pid p = node.spawn(Probes.doing(me.pid(), ctx -> {
                    ctx.send(me.pid(), ctx.priority(Priority.HIGH));
                    ctx.send(me.pid(), ctx.priority(Priority.LOW));
                }));
                assertThat(next(me)).isEqualTo(Priority.NORMAL);
                assertThat(next(me)).isEqualTo(Priority.HIGH);
                assertThat(next(me)).isEqualTo(DONE);
                assertThat(node.processInfo(p).orElseThrow().priority()).isEqualTo(Priority.LOW);
            }
        }

        @Test
        void f13_aBusyHighProcessStarvesNormalOnOneScheduler() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                node.pauseSchedulers();
                Pid normal = node.spawn(Probes.spinner(0));
                Pid high = node.spawn(spinnerThatReports(me.pid(), 100, 40 * 50),
                        SpawnOptions.defaults().withPriority(Priority.HIGH));
                node.resumeSchedulers();
                assertThat(next(me)).isEqualTo(DONE);
                node.pauseSchedulers();
                assertThat(reductions(node, high)).isGreaterThanOrEqualTo(50 * 4000L);
                assertThat(reductions(node, normal)).isZero();
            }
        }

        @Test
        void f14_normalGetsEightSlicesPerLowSliceOnOneScheduler() throws Exception {
            try (Node node = node(1); Inbox me = node.inbox()) {
                node.pauseSchedulers();
                Pid normal = node.spawn(spinnerThatReports(me.pid(), 400, 10 * 800));
                Pid low = node.spawn(Probes.spinner(399), SpawnOptions.defaults().withPriority(Priority.LOW));
                node.resumeSchedulers();
                assertThat(next(me)).isEqualTo(DONE);
                node.pauseSchedulers();
                // wait until the slice in progress has ended, so both counters are final
                Probes.await(() -> node.snapshot().schedulers().get(0).running() == null, "the scheduler to stop");
                double ratio = (double) reductions(node, normal) / reductions(node, low);
                assertThat(ratio).isBetween(8 * 0.9, 8 * 1.1);
            }
        }

        @Test
        void twoProcessesMessagingEachOtherForeverDoNotStarveAThirdOnOneScheduler() {
            try (Node node = node(1); Inbox me = node.inbox()) {
                Behavior echo = Behaviors.receive((ctx, m) -> {
                    ctx.send((Pid) m, ctx.self());
                    return Behaviors.same();
                });
                node.spawn(Behaviors.setup(ctx -> {
                    Pid other = ctx.spawn(echo);
                    ctx.send(other, ctx.self());
                    return echo;
                }));
                Probes.await(() -> node.snapshot().reductions() > 100_000, "the pair to be busy");
                for (int i = 0; i < 20; i++) {
                    Pid to = me.pid();
                    node.spawn(Behaviors.setup(ctx -> {
                        ctx.send(to, DONE);
                        return Behaviors.stop();
                    }));
                    assertThat(next(me)).isEqualTo(DONE);
                }
            }
        }

        @Test
        void lowSpinnersOnEverySchedulerDoNotStopAHighProcess() {
            try (Node node = node(4); Inbox me = node.inbox()) {
                for (int i = 0; i < 4; i++) node.spawn(Probes.spinner(10), SpawnOptions.defaults().withPriority(Priority.LOW));
                for (int i = 0; i < 20; i++) {
                    Pid to = me.pid();
                    node.spawn(Behaviors.setup(ctx -> {
                        ctx.send(to, DONE);
                        return Behaviors.stop();
                    }), SpawnOptions.defaults().withPriority(Priority.HIGH));
                    assertThat(next(me)).isEqualTo(DONE);
                }
            }
        }

        @Test
        void aSpinnerOnEverySchedulerDoesNotStopANewNormalProcess() {
            try (Node node = node(4); Inbox me = node.inbox()) {
                for (int i = 0; i < 4; i++) node.spawn(Probes.spinner(10));
                for (int i = 0; i < 20; i++) {
                    Pid to = me.pid();
                    node.spawn(Behaviors.setup(ctx -> {
                        ctx.send(to, DONE);
                        return Behaviors.stop();
                    }));
                    assertThat(next(me)).isEqualTo(DONE);
                }
            }
        }
    }

    @Nested
    class Schedulers {
        @Test
        void f5_idleSchedulersStealWork() {
            try (Node node = node(4); Inbox me = node.inbox()) {
                Pid[] spinners = new Pid[8];
                // all spawned from one process, so all start on its scheduler
                node.spawn(Behaviors.setup(ctx -> {
                    for (int i = 0; i < spinners.length; i++) spinners[i] = ctx.spawn(Probes.spinner(10));
                    ctx.send(me.pid(), DONE);
                    return Behaviors.stop();
                }));
                assertThat(next(me)).isEqualTo(DONE);
                Probes.await(() -> {
                    Set<Integer> used = new HashSet<>();
                    for (Pid p : spinners) used.add(node.processInfo(p).orElseThrow().scheduler());
                    return used.size() == 4;
                }, "spinners on all four schedulers");
            }
        }

        @Test
        void aProcessWokenByABusyProcessRunsElsewhereWhileTheWakerKeepsRunning() {
            // A slice long enough that, without the runNext grace, the woken process would wait for the
            // whole of it: the waker would spin until its own deadline and the test would fail.
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2).withReductionBudget(Integer.MAX_VALUE));
                 Inbox me = node.inbox()) {
                java.util.concurrent.atomic.AtomicBoolean handled = new java.util.concurrent.atomic.AtomicBoolean();
                Atom ping = Atom.of("ping"), ready = Atom.of("ready");
                node.spawn(Behaviors.setup(ctx -> {
                    Pid self = ctx.self();
                    // spawned by us, so it starts on our scheduler, and waits in receive
                    Pid worker = ctx.spawn(Behaviors.setup(w -> {
                        w.send(self, ready);
                        return Behaviors.receive((c, m) -> {
                            c.send(me.pid(), Tuple.of(m, c.self())); // before the flag: it arrives first
                            handled.set(true);
                            return Behaviors.stop();
                        });
                    }));
                    return Behaviors.receive((c, m) -> {
                        if (m != ready) return Behaviors.unhandled();
                        c.send(worker, ping); // wakes the worker on this scheduler, then keeps running
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        return Behaviors.compute(k -> {
                            if (handled.get()) {
                                k.send(me.pid(), DONE);
                                return Behaviors.stop();
                            }
                            return System.nanoTime() < deadline ? Behaviors.same() : Behaviors.stop();
                        });
                    });
                }));
                assertThat(next(me)).isInstanceOfSatisfying(Tuple2.class, t -> assertThat(t.e0()).isEqualTo(ping));
                assertThat(next(me)).isEqualTo(DONE);
            }
        }

        @Test
        void f20_statusIsRunningRunnableWaitingOrSuspended() {
            try (Node node = node(1)) {
                Pid idle = node.spawn(Probes.idle());
                assertThat(node.processInfo(idle).orElseThrow().status()).isEqualTo(ProcessStatus.WAITING);
                node.pauseSchedulers();
                Pid spin = node.spawn(Probes.spinner(0));
                assertThat(node.processInfo(spin).orElseThrow().status()).isEqualTo(ProcessStatus.RUNNABLE);
                node.suspend(idle);
                node.resumeSchedulers();
                Probes.await(() -> node.processInfo(idle).orElseThrow().status() == ProcessStatus.SUSPENDED, "suspended");
                Probes.await(() -> node.processInfo(spin).orElseThrow().status() == ProcessStatus.RUNNING, "running");
            }
        }
    }

    @Nested
    class DemoControls {
        @Test
        void pauseStepResumeLosesAndReordersNothing() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2).withReductionBudget(100));
                 Inbox me = node.inbox()) {
                Pid f = node.spawn(forwarder(me.pid()));
                node.pauseSchedulers();
                for (long i = 0; i < 1000; i++) node.send(f, i);
                assertThat(node.processInfo(f).orElseThrow().messageQueueLen()).isEqualTo(1000);
                for (int step = 1; step <= 3; step++) {
                    node.stepSlice().get(10, TimeUnit.SECONDS);
                    // one slice of 100 reductions: 100 messages handled; each forward costs 1 + 4
                    assertThat(node.processInfo(f).orElseThrow().messageQueueLen()).isEqualTo(1000 - 20 * step);
                }
                node.resumeSchedulers();
                for (long i = 0; i < 1000; i++) assertThat(next(me)).isEqualTo(i);
            }
        }

        @Test
        void aStepSaysWhichProcessRanAndHowManyReductionsItUsed() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2).withReductionBudget(100))) {
                assertThat(node.lastStep()).isEmpty();
                node.pauseSchedulers();
                Pid spinner = node.spawn(Probes.spinner(0));
                long before = reductions(node, spinner);
                node.stepSlice().get(10, TimeUnit.SECONDS);
                SteppedSlice ran = node.lastStep().orElseThrow();
                assertThat(ran.pid()).isEqualTo(spinner);
                assertThat(ran.reductions()).isEqualTo(reductions(node, spinner) - before).isPositive();
                assertThat(ran.scheduler()).isBetween(0, 1);
                assertThat(ran.queue()).isEqualTo(Priority.NORMAL);
            }
        }

        @Test
        void inSlowMotionEachSchedulerSaysWhatItLastRanFromWhichQueueAndForHowManyReductions() throws Exception {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2).withReductionBudget(100))) {
                Pid spinner = node.spawn(Probes.spinner(0), SpawnOptions.defaults().withPriority(Priority.HIGH));
                Probes.await(() -> node.snapshot().reductions() > 1_000, "the spinner to run");
                assertThat(node.snapshot().schedulers()).as("at full speed no last slice is kept")
                        .allSatisfy(s -> assertThat(s.lastSlice()).isNull());
                node.slowMotion(Duration.ofMillis(1));
                Probes.await(() -> node.snapshot().schedulers().stream()
                        .anyMatch(s -> s.lastSlice() != null && s.lastSlice().pid().equals(spinner)), "a slow slice of the spinner");
                SchedulerSnapshot lane = node.snapshot().schedulers().stream()
                        .filter(s -> s.lastSlice() != null && s.lastSlice().pid().equals(spinner)).findFirst().orElseThrow();
                assertThat(lane.lastSlice().scheduler()).isEqualTo(lane.id());
                assertThat(lane.lastSlice().queue()).isEqualTo(Priority.HIGH);
                assertThat(lane.lastSlice().reductions()).isBetween(1L, 100L); // one slice: at most the budget
                node.slowMotion(Duration.ZERO);
                assertThat(node.snapshot().schedulers()).as("back at full speed")
                        .allSatisfy(s -> assertThat(s.lastSlice()).isNull());
            }
        }

        @Test
        void stepAdvancesExactlyOneSlice() throws Exception {
            try (Node node = node(2)) {
                node.pauseSchedulers();
                Pid a = node.spawn(Probes.spinner(0));
                Pid b = node.spawn(Probes.spinner(0));
                long before = contextSwitches(node.snapshot());
                for (int i = 1; i <= 5; i++) {
                    node.stepSlice().get(10, TimeUnit.SECONDS);
                    assertThat(contextSwitches(node.snapshot())).isEqualTo(before + i);
                    assertThat(reductions(node, a) + reductions(node, b)).isEqualTo(4000L * i);
                }
            }
        }

        @Test
        void suspendKeepsMessagesQueuedAndResumeHandlesThemInOrder() {
            try (Node node = node(2); Inbox me = node.inbox()) {
                Pid f = node.spawn(forwarder(me.pid()));
                node.suspend(f);
                for (long i = 0; i < 10; i++) node.send(f, i);
                Probes.await(() -> node.processInfo(f).orElseThrow().status() == ProcessStatus.SUSPENDED
                        && node.processInfo(f).orElseThrow().messageQueueLen() == 10, "suspended with 10 queued");
                assertThat(me.receive(Duration.ZERO)).isEmpty();
                node.resume(f);
                for (long i = 0; i < 10; i++) assertThat(next(me)).isEqualTo(i);
            }
        }

        /**
         * Slow motion is measured on the node's clock: with a manual clock, a held scheduler runs its next
         * slice only once the test has moved the clock by the delay. A spinner reports the clock's time in
         * every slice (one report a slice: each step spends more than the budget), so any two reports must be
         * a whole delay apart; were slow motion to do nothing, slices would run back to back at one time.
         */
        @Test
        void slowMotionDelaysSlicesButLosesNothing() {
            ManualClock clock = new ManualClock();
            Duration delay = Duration.ofSeconds(1);
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1).withClock(clock)); Inbox me = node.inbox()) {
                node.slowMotion(delay);
                assertThat(node.snapshot().slowMotionNanos()).isEqualTo(delay.toNanos());
                Pid to = me.pid();
                int budget = node.config().reductionBudget();
                Pid spinner = node.spawn(Behaviors.compute(ctx -> {
                    ctx.send(to, clock.nanoTime());
                    ctx.work(2 * budget);                  // the rest of the slice and more: one report a slice
                    return Behaviors.same();
                }));
                List<Long> times = new java.util.ArrayList<>();
                while (times.size() < 4) times.add((Long) receiveWhileTheClockMoves(me, clock, Duration.ofMillis(100)));
                for (int i = 1; i < times.size(); i++) {
                    assertThat(times.get(i) - times.get(i - 1)).as("node time between slices %d and %d", i, i + 1)
                            .isGreaterThanOrEqualTo(delay.toNanos());
                }
                node.exit(spinner, Atom.KILL);

                Pid f = node.spawn(forwarder(me.pid()));
                for (long i = 0; i < 20; i++) node.send(f, i);
                for (long i = 0; i < 20; i++) {
                    assertThat(receiveWhileTheClockMoves(me, clock, Duration.ofMillis(250))).as("nothing lost").isEqualTo(i);
                }
                node.slowMotion(Duration.ZERO);
                assertThat(node.snapshot().slowMotionNanos()).isZero();
                node.send(f, 20L);
                assertThat(next(me)).as("without slow motion, no need to move the clock").isEqualTo(20L);
            }
        }

        /** Moves the manual clock a step at a time until a message arrives; fails after {@link Probes#WAIT}. */
        static Object receiveWhileTheClockMoves(Inbox me, ManualClock clock, Duration step) {
            long deadline = System.nanoTime() + Probes.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                java.util.Optional<Object> m = me.receive(Duration.ZERO);
                if (m.isPresent()) return m.get();
                clock.advance(step);
                m = me.receive(Duration.ofMillis(5));
                if (m.isPresent()) return m.get();
            }
            throw new AssertionError("no message within " + Probes.WAIT + " while the clock moved");
        }
    }
}
