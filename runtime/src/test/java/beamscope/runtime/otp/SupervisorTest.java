package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Grouped like OTP's supervisor_SUITE. */
@SuppressWarnings("unchecked")
class SupervisorTest {
    static final Atom STARTED = Atom.of("started"), STOPPING = Atom.of("stopping"), EXIT_WITH = Atom.of("exit_with"),
            BOOM = Atom.of("boom"), SUPERVISOR_REPORT = Atom.of("supervisor_report");

    final ManualClock clock = new ManualClock();
    final Node node = node(clock);
    final Inbox me = node.inbox("test");

    @AfterEach
    void close() {
        me.close();
        node.close();
    }

    /**
     * A worker whose init reports {@code {:started, id, pid}} and whose terminate reports
     * {@code {:stopping, id, reason}} (it traps exits, so a shutdown from the supervisor runs terminate).
     * A cast {@code {:exit_with, reason}} stops it with that reason.
     */
    record Worker(Pid test, Object id) implements GenServer<Boolean, Object> {
        @Override
        public Init<Object> init(ProcessContext ctx, Boolean trap) {
            ctx.trapExit(trap);
            ctx.send(test, Tuple.of(STARTED, id, ctx.self()));
            return Init.ok(id);
        }

        @Override
        public Result<Object> handleCast(ProcessContext ctx, Object request, Object state) {
            if (request instanceof Tuple2(Atom t, Object reason) && t == EXIT_WITH) return Result.stop(reason, state);
            return Result.noreply(state);
        }

        @Override
        public Result<Object> handleInfo(ProcessContext ctx, Object msg, Object state) {
            return Result.noreply(state);
        }

        @Override
        public void terminate(ProcessContext ctx, Object reason, Object state) {
            ctx.send(test, Tuple.of(STOPPING, id, reason));
        }

        @Override
        public String label() {
            return "Worker";
        }
    }

    ChildSpec worker(Object id) {
        return ChildSpec.worker(id, ChildStart.genServer(new Worker(me.pid(), id), true));
    }

    ChildSpec worker(Object id, Restart restart) {
        return worker(id).withRestart(restart);
    }

    Pid start(Strategy strategy, ChildSpec... children) {
        return start(SupervisorFlags.of(strategy), children);
    }

    Pid start(SupervisorFlags flags, ChildSpec... children) {
        StartResult r = Supervisor.start(node, flags, List.of(children));
        assertThat(r).isInstanceOf(StartResult.Ok.class);
        return r.pid();
    }

    /** Waits for {@code {:started, id, pid}} and returns the pid. */
    Pid started(Object id) {
        return (Pid) ((Tuple3) receive(me, m -> m instanceof Tuple3(Atom t, Object i, Object p) && t == STARTED && i.equals(id))).e2();
    }

    Object stopping() {
        return ((Tuple3) receive(me, m -> tagged(m, STOPPING))).e1();
    }

    Object nextEvent(Inbox inbox) {
        return receive(inbox, m -> tagged(m, STARTED) || tagged(m, STOPPING));
    }

    void crash(Pid child, Object reason) {
        GenServer.cast(node, child, Tuple.of(EXIT_WITH, reason));
    }

    static List<Object> ids(List<ChildView> views) {
        return views.stream().map(ChildView::id).toList();
    }

    @Nested
    class OneForOne {
        @Test
        void startsChildrenLeftToRight_andListsThemNewestFirst_D8_D11() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"), worker("b"), worker("c"));
            assertThat(List.of(nextEvent(me), nextEvent(me), nextEvent(me))).extracting(m -> ((Tuple) m).get(1))
                    .containsExactly("a", "b", "c");
            assertThat(ids(Supervisor.whichChildren(node, sup))).containsExactly("c", "b", "a");
        }

        @Test
        void restartsOnlyTheChildThatExited_D13() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"), worker("b"), worker("c"));
            Pid a = started("a"), b = started("b"), c = started("c");
            crash(b, BOOM);
            Pid b2 = started("b");
            assertThat(b2).isNotEqualTo(b);
            assertThat(Supervisor.whichChildren(node, sup)).extracting(ChildView::child).containsExactly(c, b2, a);
            assertThat(receive(me, m -> tagged(m, STOPPING))).isEqualTo(Tuple.of(STOPPING, "b", BOOM));
            assertThat(nothingQueued(me, m -> tagged(m, STOPPING) || tagged(m, STARTED))).isTrue();
        }

        @Test
        void publishesAChildTerminatedReport_andAProgressReport_D39() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"));
            Pid a = started("a");
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Report.class), 100)) {
                crash(a, BOOM);
                started("a");
                Supervisor.whichChildren(node, sup); // the restart, and its progress report, are done
                List<Event> events = new ArrayList<>();
                sub.drainTo(events, 100);
                assertThat(events).extracting(e -> ((Event.Report) e).kind())
                        .containsSubsequence(SUPERVISOR_REPORT, Atom.of("progress_report"));
                Event.Report report = (Event.Report) events.get(0);
                assertThat(report.pid()).isEqualTo(sup);
                assertThat((List<Object>) report.details()).contains(Tuple.of(Atom.of("errorContext"), Atom.of("child_terminated")),
                        Tuple.of(Atom.of("reason"), BOOM));
            }
        }
    }

    @Nested
    class OneForAll {
        @Test
        void stopsTheOthersRightToLeft_thenRestartsAllLeftToRight_D14() {
            start(Strategy.ONE_FOR_ALL, worker("a"), worker("b"), worker("c"));
            started("a");
            Pid b = started("b");
            started("c");
            crash(b, BOOM);
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Tuple t = (Tuple) nextEvent(me);
                seen.add(Tuple.of(t.get(0), t.get(1)));
            }
            assertThat(seen).containsExactly(Tuple.of(STOPPING, "b"), Tuple.of(STOPPING, "c"), Tuple.of(STOPPING, "a"),
                    Tuple.of(STARTED, "a"), Tuple.of(STARTED, "b"), Tuple.of(STARTED, "c"));
        }

        @Test
        void aTemporarySiblingIsNotRestarted_andIsRemoved_D16() {
            Pid sup = start(Strategy.ONE_FOR_ALL, worker("a"), worker("t", Restart.TEMPORARY), worker("c"));
            started("a");
            started("t");
            Pid c = started("c");
            crash(c, BOOM);
            started("a");
            started("c");
            assertThat(ids(Supervisor.whichChildren(node, sup))).containsExactly("c", "a");
        }
    }

    @Nested
    class RestForOne {
        @Test
        void restartsTheChildAndThoseStartedAfterIt_D15() {
            Pid sup = start(Strategy.REST_FOR_ONE, worker("a"), worker("b"), worker("c"));
            Pid a = started("a");
            Pid b = started("b");
            started("c");
            crash(b, BOOM);
            List<Object> seen = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Tuple t = (Tuple) nextEvent(me);
                seen.add(Tuple.of(t.get(0), t.get(1)));
            }
            assertThat(seen).containsExactly(Tuple.of(STOPPING, "b"), Tuple.of(STOPPING, "c"), Tuple.of(STARTED, "b"),
                    Tuple.of(STARTED, "c"));
            assertThat(Supervisor.whichChildren(node, sup).get(2).child()).isEqualTo(a);
        }
    }

    @Nested
    class RestartTypes {
        @Test
        void permanent_exitingNormal_isRestarted_D12() {
            start(Strategy.ONE_FOR_ONE, worker("p"));
            Pid p = started("p");
            crash(p, Atom.NORMAL);
            assertThat(started("p")).isNotEqualTo(p);
        }

        @Test
        void transient_isNotRestartedOnNormalOrShutdown_butOnOtherReasons_D12() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("n", Restart.TRANSIENT), worker("s", Restart.TRANSIENT),
                    worker("x", Restart.TRANSIENT), worker("w", Restart.TRANSIENT));
            Pid n = started("n"), s = started("s"), x = started("x"), w = started("w");
            List<Ref> mons = List.of(me.monitor(n), me.monitor(s), me.monitor(x));
            crash(n, Atom.NORMAL);
            crash(s, Atom.SHUTDOWN);
            crash(x, Tuple.of(Atom.SHUTDOWN, Atom.of("x")));
            crash(w, Atom.of("weird"));
            assertThat(started("w")).isNotEqualTo(w);
            for (Ref mon : mons) downReason(me, mon); // their EXITs reached the supervisor before our call
            List<ChildView> children = Supervisor.whichChildren(node, sup);
            assertThat(children).extracting(ChildView::id).containsExactly("w", "x", "s", "n");
            assertThat(children).extracting(ChildView::child)
                    .containsExactly(children.get(0).pid().orElseThrow(), Atom.UNDEFINED, Atom.UNDEFINED, Atom.UNDEFINED);
        }

        @Test
        void temporary_isNeverRestarted_andItsSpecGoes_D12() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"), worker("t", Restart.TEMPORARY));
            started("a");
            Pid t = started("t");
            Ref mon = me.monitor(t);
            crash(t, BOOM);
            downReason(me, mon);
            assertThat(ids(Supervisor.whichChildren(node, sup))).containsExactly("a");
        }
    }

    @Nested
    class Intensity {
        Ref monitorSupervisor(Pid sup) {
            return me.monitor(sup);
        }

        @Test
        void intensityZero_theFirstCrashShutsTheSupervisorDown_D21() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(0, 5), worker("a"), worker("b"));
            started("a");
            Pid b = started("b");
            Ref mon = monitorSupervisor(sup);
            crash(b, BOOM);
            assertThat(stopping()).isEqualTo("b");
            assertThat(stopping()).isEqualTo("a"); // the others are stopped before the supervisor exits
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }

        @Test
        void defaults_threeRestartsAreFine_theFourthShutsDown_D20() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"));
            Ref mon = monitorSupervisor(sup);
            Pid a = started("a");
            for (int i = 0; i < 3; i++) {
                crash(a, BOOM);
                a = started("a");
            }
            crash(a, BOOM);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }

        @Test
        void aRestartExactlyPeriodSecondsOld_stillCounts_D21() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1, 5), worker("a"));
            Ref mon = monitorSupervisor(sup);
            Pid a = started("a");
            crash(a, BOOM);
            a = started("a");
            clock.advance(Duration.ofSeconds(5));
            crash(a, BOOM);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }

        @Test
        void aRestartOlderThanThePeriod_isForgotten_D21() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1, 5), worker("a"));
            Pid a = started("a");
            crash(a, BOOM);
            a = started("a");
            clock.advance(Duration.ofSeconds(6));
            crash(a, BOOM);
            assertThat(started("a")).isNotEqualTo(a);
            assertThat(node.isAlive(sup)).isTrue();
        }

        @Test
        void restartsInTheSameSecondEachCount_andLeaveTheWindowTogether_D21() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(3, 2), worker("a"));
            Ref mon = monitorSupervisor(sup);
            Pid a = started("a");
            for (int i = 0; i < 2; i++) { // two at second 0
                crash(a, BOOM);
                a = started("a");
            }
            clock.advance(Duration.ofSeconds(1)); // one at second 1
            crash(a, BOOM);
            a = started("a");
            clock.advance(Duration.ofSeconds(2)); // second 3: both of second 0 have left the window, 1 is in it
            for (int i = 0; i < 2; i++) {
                crash(a, BOOM);
                a = started("a");
            }
            assertThat(node.isAlive(sup)).isTrue(); // 3 restarts in [1, 3]
            crash(a, BOOM); // the fourth
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }

        @Test
        void restartsOfDifferentChildrenAddUp_D22() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1, 5), worker("a"), worker("b"));
            Ref mon = monitorSupervisor(sup);
            Pid a = started("a"), b = started("b");
            crash(a, BOOM);
            started("a");
            crash(b, BOOM);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }

        @Test
        void restartChild_doesNotCount_D31() {
            Pid sup = start(SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1, 5), worker("a"));
            Pid a = started("a");
            for (int i = 0; i < 3; i++) {
                assertThat(Supervisor.terminateChild(node, sup, "a")).isEqualTo(Atom.OK);
                assertThat(Supervisor.restartChild(node, sup, "a")).isInstanceOf(StartResult.Ok.class);
                a = started("a");
            }
            crash(a, BOOM);
            assertThat(started("a")).isNotEqualTo(a);
            Supervisor.whichChildren(node, sup); // a round trip: the restart is complete
            assertThat(Observe.supervisor(node, sup).orElseThrow().children().get(0).restartCount()).isEqualTo(4);
        }

        @Test
        void escalation_aChildSupervisorGivingUpIsRestartedByItsParent_D23() {
            SupervisorFlags strict = SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(0, 5);
            Pid top = start(Strategy.ONE_FOR_ONE, ChildSpec.supervisor("inner", strict, List.of(worker("w"))));
            Pid w = started("w");
            Pid inner = Supervisor.whichChildren(node, top).get(0).pid().orElseThrow();
            Ref mon = me.monitor(inner);
            crash(w, BOOM);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
            assertThat(started("w")).isNotEqualTo(w);
            ChildView innerNow = Supervisor.whichChildren(node, top).get(0);
            assertThat(innerNow.pid().orElseThrow()).isNotEqualTo(inner);
            assertThat(innerNow.type()).isEqualTo(ChildType.SUPERVISOR);
        }

        @Test
        void escalationToTheTop_whenTheParentGivesUpToo() {
            SupervisorFlags strict = SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(0, 5);
            Pid top = start(strict, ChildSpec.supervisor("inner", strict, List.of(worker("w"))));
            Ref mon = me.monitor(top);
            crash(started("w"), BOOM);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
        }
    }

    @Nested
    class RestartFailures {
        @Test
        void aFailedRestartIsRetried_andEachRetryCounts_D19() {
            java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
            ChildStart flaky = (ctx, then) -> starts.getAndIncrement() == 0
                    ? GenServer.startLink(ctx, new Worker(me.pid(), "f"), true, then)
                    : then.apply(StartResult.error(Atom.of("nope")));
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Report.class), 100)) {
                Pid sup = start(Strategy.ONE_FOR_ONE, ChildSpec.worker("f", flaky));
                Ref mon = me.monitor(sup);
                crash(started("f"), BOOM);
                assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
                assertThat(starts.get()).isEqualTo(4); // the first start, then 3 restarts that failed; the 4th is one too many
                List<Event> events = new ArrayList<>();
                sub.drainTo(events, 100);
                assertThat(events).filteredOn(e -> ((List<Object>) ((Event.Report) e).details())
                        .contains(Tuple.of(Atom.of("errorContext"), Atom.of("start_error")))).hasSize(3);
                assertThat(events).anySatisfy(e -> assertThat((List<Object>) ((Event.Report) e).details())
                        .contains(Tuple.of(Atom.of("reason"), Atom.of("reached_max_restart_intensity"))));
            }
        }
    }

    @Nested
    class Shutdowns {
        @Test
        void childrenStopRightToLeft_oneAtATime_D10() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"), worker("b"), worker("c"));
            started("a");
            started("b");
            started("c");
            Supervisor.stop(node, sup);
            assertThat(List.of(stopping(), stopping(), stopping())).containsExactly("c", "b", "a");
        }

        @Test
        void aNestedSupervisorStopsItsChildrenFirst_D10_D26() {
            Pid top = start(Strategy.ONE_FOR_ONE, worker("a"),
                    ChildSpec.supervisor("inner", SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(worker("x"), worker("y"))),
                    worker("b"));
            started("a");
            started("x");
            started("y");
            started("b");
            Pid inner = Supervisor.whichChildren(node, top).get(1).pid().orElseThrow();
            Ref mon = me.monitor(top), innerMon = me.monitor(inner);
            Supervisor.stop(node, top);
            assertThat(List.of(stopping(), stopping(), stopping(), stopping())).containsExactly("b", "y", "x", "a");
            assertThat(downReason(me, innerMon)).isEqualTo(Atom.SHUTDOWN);
            assertThat(downReason(me, mon)).isEqualTo(Atom.NORMAL);
        }

        @Test
        void brutalKill_killsAtOnce_terminateDoesNotRun_D24() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a").withShutdown(Shutdown.BRUTAL_KILL));
            Pid a = started("a");
            Ref mon = me.monitor(a);
            assertThat(Supervisor.terminateChild(node, sup, "a")).isEqualTo(Atom.OK);
            assertThat(downReason(me, mon)).isEqualTo(Atom.KILLED);
            assertThat(nothingQueued(me, m -> tagged(m, STOPPING))).isTrue();
        }

        /** Traps exits and ignores them; stops with :shutdown when told {@code :go}. */
        Behavior stubborn(Pid test) {
            return Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                ctx.send(test, Tuple.of(STARTED, "s", ctx.self()));
                return Behaviors.receive((c, m) -> m == Atom.of("go") ? Behaviors.stop(Atom.SHUTDOWN) : Behaviors.same());
            });
        }

        @Test
        void timeout_aChildIgnoringShutdownIsKilledAfterTheTimeout_D25() throws Exception {
            Pid sup = start(Strategy.ONE_FOR_ONE,
                    ChildSpec.worker("s", ChildStart.spawnLink(stubborn(me.pid()))).withShutdown(Shutdown.millis(1000)));
            Pid s = started("s");
            Ref mon = me.monitor(s);
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Report.class), 100)) {
                CompletableFuture<Object> done = CompletableFuture.supplyAsync(() -> Supervisor.terminateChild(node, sup, "s"));
                Object down = advanceUntil(clock, Duration.ofMillis(1000), me, m -> isDown(m, mon));
                assertThat(((beamscope.runtime.Tuple5) down).e4()).isEqualTo(Atom.KILLED);
                assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(Atom.OK);
                List<Event> events = new ArrayList<>();
                sub.drainTo(events, 100);
                assertThat(events).anySatisfy(e -> assertThat((List<Object>) ((Event.Report) e).details())
                        .contains(Tuple.of(Atom.of("errorContext"), Atom.of("shutdown_error")), Tuple.of(Atom.of("reason"), Atom.KILLED)));
            }
        }

        @Test
        void timeout_aTrappingGenServerRunsTerminateWithShutdown_D27() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"));
            started("a");
            assertThat(Supervisor.terminateChild(node, sup, "a")).isEqualTo(Atom.OK);
            assertThat(receive(me, m -> tagged(m, STOPPING))).isEqualTo(Tuple.of(STOPPING, "a", Atom.SHUTDOWN));
        }

        @Test
        void infinity_waitsAsLongAsItTakes_D26() throws Exception {
            Pid sup = start(Strategy.ONE_FOR_ONE,
                    ChildSpec.worker("s", ChildStart.spawnLink(stubborn(me.pid()))).withShutdown(Shutdown.INFINITY));
            Pid s = started("s");
            Ref mon = me.monitor(s);
            CompletableFuture<Object> done = CompletableFuture.supplyAsync(() -> Supervisor.terminateChild(node, sup, "s"));
            clock.advance(Duration.ofHours(1));
            assertThat(me.receive(m -> isDown(m, mon), Duration.ofMillis(100))).isEmpty();
            assertThat(node.isAlive(s)).isTrue();
            node.send(s, Atom.of("go"));
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
            assertThat(done.get(10, TimeUnit.SECONDS)).isEqualTo(Atom.OK);
        }
    }

    @Nested
    class Management {
        @Test
        void terminateRestartDeleteChild_D30_D31_D32() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"), worker("b"));
            started("a");
            Pid b = started("b");
            assertThat(Supervisor.deleteChild(node, sup, "b")).isEqualTo(Tuple.of(Atom.ERROR, Atom.of("running")));
            assertThat(Supervisor.restartChild(node, sup, "b")).isEqualTo(StartResult.error(Atom.of("running")));
            assertThat(Supervisor.terminateChild(node, sup, "b")).isEqualTo(Atom.OK);
            assertThat(node.isAlive(b)).isFalse();
            assertThat(Supervisor.whichChildren(node, sup).get(0).child()).isEqualTo(Atom.UNDEFINED);
            StartResult again = Supervisor.restartChild(node, sup, "b");
            assertThat(again.pid()).isEqualTo(started("b")).isNotEqualTo(b);
            assertThat(Supervisor.terminateChild(node, sup, "b")).isEqualTo(Atom.OK);
            assertThat(Supervisor.deleteChild(node, sup, "b")).isEqualTo(Atom.OK);
            assertThat(Supervisor.deleteChild(node, sup, "b")).isEqualTo(Tuple.of(Atom.ERROR, Atom.of("not_found")));
            assertThat(Supervisor.terminateChild(node, sup, "b")).isEqualTo(Tuple.of(Atom.ERROR, Atom.of("not_found")));
            assertThat(ids(Supervisor.whichChildren(node, sup))).containsExactly("a");
        }

        @Test
        void startChild_andCountChildren_D29_D34() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"));
            Pid a = started("a");
            StartResult r = Supervisor.startChild(node, sup, worker("b"));
            assertThat(r.pid()).isEqualTo(started("b"));
            assertThat(Supervisor.startChild(node, sup, worker("a")))
                    .isEqualTo(StartResult.error(Tuple.of(Atom.of("already_started"), a)));
            Supervisor.terminateChild(node, sup, "a");
            assertThat(Supervisor.startChild(node, sup, worker("a"))).isEqualTo(StartResult.error(Atom.of("already_present")));
            assertThat(Supervisor.countChildren(node, sup)).isEqualTo(new Supervisor.ChildCounts(2, 1, 0, 2));
            assertThat(ids(Supervisor.whichChildren(node, sup))).containsExactly("b", "a");
        }

        @Test
        void aChildFailingToStartAtInit_stopsTheOthers_andTheStartFails_D9() {
            ChildSpec bad = ChildSpec.worker("bad", ChildStart.genServer(new Probe(), Probe.arg(me.pid(), Tuple.of(STOP, BOOM))));
            StartResult r = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(worker("a"), bad, worker("c")));
            assertThat(r).isEqualTo(StartResult.error(Tuple.of(Atom.SHUTDOWN,
                    Tuple.of(Atom.of("failed_to_start_child"), "bad", BOOM))));
            started("a");
            assertThat(stopping()).isEqualTo("a");
            assertThat(nothingQueued(me, m -> m instanceof Tuple3(Atom t, Object i, Object p) && t == STARTED && i.equals("c"))).isTrue();
        }

        @Test
        void aStartFunctionThatThrows_isAnExitError_D9() {
            ChildSpec bad = ChildSpec.worker("bad", (ctx, then) -> {
                throw new IllegalStateException("no");
            });
            StartResult r = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(bad));
            Object reason = ((StartResult.Error) r).reason();
            Tuple failed = (Tuple) ((Tuple) reason).get(1);
            assertThat(failed.get(0)).isEqualTo(Atom.of("failed_to_start_child"));
            assertThat(Tuple.isTagged(failed.get(2), Atom.EXIT)).isTrue();
        }

        @Test
        void anIgnoringChildKeepsItsSpec_D6() {
            ChildSpec ignoring = ChildSpec.worker("i", ChildStart.genServer(new Probe(), Probe.arg(me.pid(), Atom.of("ignore"))));
            Pid sup = start(Strategy.ONE_FOR_ONE, ignoring, ignoring.withRestart(Restart.TEMPORARY).withId("t"));
            assertThat(Supervisor.whichChildren(node, sup)).extracting(ChildView::id, ChildView::child)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("i", Atom.UNDEFINED));
        }

        @Test
        void managementFromInsideAProcess() {
            Pid sup = start(Strategy.ONE_FOR_ONE, worker("a"));
            started("a");
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> Supervisor.startChild(ctx, sup, worker("b"), r ->
                    Supervisor.whichChildren(ctx, sup, children -> {
                        ctx.send(test, Tuple.of(Atom.of("children"), ids(children)));
                        return Behaviors.stop();
                    }))));
            assertThat(receive(me, m -> tagged(m, Atom.of("children")))).isEqualTo(Tuple.of(Atom.of("children"), List.of("b", "a")));
        }
    }

    @Nested
    class Observation {
        @Test
        void aSupervisorPublishesItsFlagsAndChildrenInStartOrder() {
            Pid sup = start(Strategy.REST_FOR_ONE, worker("a"), worker("b"));
            started("a");
            Pid b = started("b");
            crash(b, BOOM);
            Pid b2 = started("b");
            Supervisor.whichChildren(node, sup); // a round trip: the restart is complete
            SupervisorView v = Observe.supervisor(node, sup).orElseThrow();
            assertThat(v.strategy()).isEqualTo(Strategy.REST_FOR_ONE);
            assertThat(v.intensity()).isEqualTo(3);
            assertThat(v.period()).isEqualTo(5);
            assertThat(v.children()).extracting(ChildView::id).containsExactly("a", "b");
            assertThat(v.children().get(1)).isEqualTo(new ChildView("b", java.util.Optional.of(b2), ChildView.Status.RUNNING,
                    ChildType.WORKER, Restart.PERMANENT, 1));
            assertThat(Observe.supervisors(node)).containsExactly(sup);
            assertThat(node.processes()).filteredOn(Observe::isSupervisor).extracting(ProcessSummary::pid).containsExactly(sup);
            assertThat(Observe.server(node, b2).orElseThrow().label()).isEqualTo("Worker");
            assertThat(node.dictionaryGet(b2, Atom.of("$ancestors"))).contains(List.of(sup));
        }
    }
}
