package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.GenServer.From;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GenServerTest {
    final ManualClock clock = new ManualClock();
    final Node node = node(clock);
    final Inbox me = node.inbox("test");
    final Probe probe = new Probe();

    @AfterEach
    void close() {
        me.close();
        node.close();
    }

    Pid startProbe(Object state) {
        StartResult r = GenServer.start(node, probe, Probe.arg(me.pid(), state));
        assertThat(r).isInstanceOf(StartResult.Ok.class);
        return r.pid();
    }

    static final Atom GENSERVER = Atom.of("Elixir.GenServer"), CALL = Atom.of("call");

    static Object callReason(Object reason, Object server, Object request, long ms) {
        return Tuple.of(reason, Tuple.of(GENSERVER, CALL, List.of(server, request, ms)));
    }

    @Nested
    class Start {
        @Test
        void startReturnsOkAfterInitRan_C1() {
            Pid pid = startProbe(42L);
            assertThat(GenServer.getState(node, pid)).isEqualTo(42L);
            assertThat(node.dictionaryGet(pid, Atom.of("$initial_call"))).contains("Probe.init/1");
            assertThat(node.dictionaryGet(pid, Atom.of("$ancestors"))).contains(List.of());
        }

        @Test
        void initIgnore_returnsIgnore_andTheProcessIsGone_C2() {
            StartResult r = GenServer.start(node, probe, Probe.arg(me.pid(), Atom.of("ignore")));
            assertThat(r).isEqualTo(StartResult.ignore());
        }

        @Test
        void initStop_returnsError_C2() {
            StartResult r = GenServer.start(node, probe, Probe.arg(me.pid(), Tuple.of(STOP, Atom.of("bad"))));
            assertThat(r).isEqualTo(StartResult.error(Atom.of("bad")));
        }

        @Test
        void initRaising_returnsTheExceptionReason_C2() {
            StartResult r = GenServer.start(node, probe, Probe.arg(me.pid(), CRASH));
            assertThat(r).isInstanceOf(StartResult.Error.class);
            Object reason = ((StartResult.Error) r).reason();
            assertThat(reason).isInstanceOf(Tuple2.class);
            assertThat(((Tuple2) reason).e0()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aTakenName_givesAlreadyStarted() {
            StartResult first = GenServer.start(node, probe, Probe.arg(me.pid(), 1L), StartOptions.named("probe"));
            StartResult second = GenServer.start(node, probe, Probe.arg(me.pid(), 2L), StartOptions.named("probe"));
            assertThat(second).isEqualTo(StartResult.error(Tuple.of(Atom.of("already_started"), first.pid())));
            assertThat(GenServer.call(node, "probe", GET)).isEqualTo(1L);
        }

        @Test
        void aFailedStartLink_leavesNoExitInATrappingStartersMailbox_C3() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                return GenServer.startLink(ctx, probe, Probe.arg(test, Tuple.of(STOP, Atom.of("bad"))), r ->
                        Behaviors.receive((c, m) -> {
                            c.send(test, Tuple.of(Atom.of("left"), r, m));
                            return Behaviors.stop();
                        }).after(Duration.ZERO, c -> {
                            c.send(test, Tuple.of(Atom.of("left"), r, Atom.of("nothing")));
                            return Behaviors.stop();
                        }));
            }));
            assertThat(receive(me, m -> tagged(m, Atom.of("left"))))
                    .isEqualTo(Tuple.of(Atom.of("left"), StartResult.error(Atom.of("bad")), Atom.of("nothing")));
        }

        @Test
        void aStartTimeout_killsTheServer_andReturnsErrorTimeout_C2() throws Exception {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            // An init that blocks (never do this outside a test): it holds one of the two schedulers.
            GenServer<Object, Object> slow = (ctx, arg) -> {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                return GenServer.Init.ok(arg);
            };
            StartResult r;
            try {
                r = GenServer.start(node, slow, 1L, StartOptions.DEFAULTS.withTimeout(Duration.ofMillis(50)));
            } finally {
                release.countDown();
            }
            assertThat(r).isEqualTo(StartResult.error(Atom.TIMEOUT));
        }

        @Test
        void continueAction_runsHandleContinueBeforeTheFirstMessage_C16() {
            Pid pid = startProbe(Atom.of("continue"));
            assertThat(receive(me, m -> tagged(m, CONTINUED))).isEqualTo(Tuple.of(CONTINUED, CONTINUED));
            assertThat(GenServer.call(node, pid, GET)).isEqualTo(CONTINUED);
        }

        @Test
        void timeoutAction_deliversTimeoutToHandleInfo_C16() {
            startProbe(Tuple.of(Atom.TIMEOUT, 100L));
            Object m = advanceUntil(clock, Duration.ofMillis(100), me, x -> tagged(x, INFO));
            assertThat(m).isEqualTo(Tuple.of(INFO, Atom.TIMEOUT));
        }
    }

    @Nested
    class CallCastInfo {
        @Test
        void callAndCast() {
            Pid pid = startProbe(0L);
            assertThat(GenServer.call(node, pid, Tuple.of(SET, 5L))).isEqualTo(Atom.OK);
            assertThat(GenServer.cast(node, pid, Tuple.of(SET, 7L))).isEqualTo(Atom.OK);
            assertThat(GenServer.call(node, pid, GET)).isEqualTo(7L);
        }

        @Test
        void castToNobody_isOk_C10() {
            assertThat(GenServer.cast(node, "nobody", Atom.of("x"))).isEqualTo(Atom.OK);
        }

        @Test
        void otherMessagesGoToHandleInfo_C11() {
            Pid pid = startProbe(0L);
            node.send(pid, Atom.of("hello"));
            assertThat(receive(me, m -> tagged(m, INFO))).isEqualTo(Tuple.of(INFO, Atom.of("hello")));
        }

        @Test
        void noreplyThenReplyFromAnotherProcess_C13() throws Exception {
            Pid pid = startProbe(0L);
            Thread helper = Thread.ofPlatform().start(() -> {
                From from = (From) ((Tuple) receive(me, m -> tagged(m, GOT_CALL))).get(1);
                // the reply comes from a different process than the server
                node.spawn(Behaviors.setup(ctx -> {
                    GenServer.reply(ctx, from, Atom.of("later"));
                    return Behaviors.stop();
                }));
            });
            assertThat(GenServer.call(node, pid, HOLD)).isEqualTo(Atom.of("later"));
            helper.join();
        }

        @Test
        void noproc_forAnUnknownName_C7() {
            ExitException e = catchThrowableOfType(ExitException.class, () -> GenServer.call(node, "nosuch", Atom.of("x")));
            assertThat(e.reason()).isEqualTo(callReason(Atom.NOPROC, Atom.of("nosuch"), Atom.of("x"), 5000L));
        }

        @Test
        void aServerThatDiesDuringTheCall_exitsTheCallerWithItsReason_C7() {
            Pid pid = startProbe(0L);
            ExitException e = catchThrowableOfType(ExitException.class,
                    () -> GenServer.call(node, pid, Tuple.of(STOP, Atom.of("bye"))));
            assertThat(e.reason()).isEqualTo(callReason(Atom.of("bye"), pid, Tuple.of(STOP, Atom.of("bye")), 5000L));
        }

        @Test
        void aTimeoutFromOutside_throwsTheCallReason_andTheServerLivesOn_C8() {
            Pid pid = startProbe(0L);
            ExitException e = catchThrowableOfType(ExitException.class,
                    () -> GenServer.call(node, pid, HOLD, Duration.ofMillis(20)));
            assertThat(e.reason()).isEqualTo(callReason(Atom.TIMEOUT, pid, HOLD, 20L));
            From from = (From) ((Tuple) receive(me, m -> tagged(m, GOT_CALL))).get(1);
            GenServer.reply(node, from, Atom.of("late")); // goes to the call's closed inbox: dropped
            assertThat(GenServer.call(node, pid, GET)).isEqualTo(0L);
        }

        @Test
        void getState_C23() {
            Pid pid = startProbe(Tuple.of(Atom.of("a"), 1L));
            assertThat(GenServer.getState(node, pid)).isEqualTo(Tuple.of(Atom.of("a"), 1L));
        }
    }

    /** A caller with its own receive loop (the GUI's shell): send_request / check_response (C6, C7). */
    @Nested
    class RequestsFromAShell {
        /** The first message {@code me} receives that answers {@code tag}. */
        GenServer.Response response(Ref tag) {
            while (true) {
                GenServer.Response r = GenServer.checkResponse(me, receive(me), tag);
                if (!(r instanceof GenServer.Response.NoReply)) return r;
            }
        }

        @Test
        void theReplyComesBackTaggedLikeACall_C6() {
            Pid pid = startProbe(7L);
            Ref tag = GenServer.sendRequest(me, pid, GET);
            assertThat(response(tag)).isEqualTo(new GenServer.Response.Reply(7L));
        }

        @Test
        void aServerThatStopsDuringTheRequest_answersWithItsExitReason_C7() {
            Pid pid = startProbe(0L);
            Ref tag = GenServer.sendRequest(me, pid, Tuple.of(STOP, Atom.of("bye")));
            assertThat(response(tag)).isEqualTo(new GenServer.Response.Error(Atom.of("bye"), pid));
        }

        @Test
        void aServerThatIsGone_answersNoproc_C7() {
            Pid pid = startProbe(0L);
            GenServer.stop(node, pid);
            Ref tag = GenServer.sendRequest(me, pid, GET);
            assertThat(response(tag)).isEqualTo(new GenServer.Response.Error(Atom.NOPROC, pid));
        }

        @Test
        void aPlainLoopAnswersACallItRecognises() {
            Pid loop = node.spawn(Behaviors.receive((ctx, m) -> {
                GenServer.callRequest(m).ifPresent(c -> GenServer.reply(ctx, c.from(), Tuple.of(Atom.of("got"), c.request())));
                return Behaviors.same();
            }));
            assertThat(GenServer.call(node, loop, Atom.of("ping"))).isEqualTo(Tuple.of(Atom.of("got"), Atom.of("ping")));
            assertThat(GenServer.callRequest(Tuple.of(Atom.of("$gen_cast"), Atom.of("ping")))).isEmpty();
        }

        @Test
        void otherMessagesAreNotAResponse() {
            Ref tag = GenServer.sendRequest(me, startProbe(0L), HOLD);
            assertThat(GenServer.checkResponse(me, Tuple.of(node.makeRef(), 1L), tag)).isInstanceOf(GenServer.Response.NoReply.class);
            assertThat(GenServer.checkResponse(me, Atom.of("hello"), tag)).isInstanceOf(GenServer.Response.NoReply.class);
        }
    }

    @Nested
    class CallsFromInsideProcesses {
        @Test
        void aProcessCallsWithoutBlocking() {
            Pid server = startProbe(9L);
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> GenServer.call(ctx, server, GET, reply -> {
                ctx.send(test, Tuple.of(Atom.of("reply"), reply));
                return Behaviors.stop();
            })));
            assertThat(receive(me, m -> tagged(m, Atom.of("reply")))).isEqualTo(Tuple.of(Atom.of("reply"), 9L));
        }

        @Test
        void timeout_exitsTheCallerWithTheExactReason_C7() {
            Pid server = startProbe(0L);
            Pid caller = node.spawn(Behaviors.setup(ctx -> GenServer.call(ctx, server, HOLD, Duration.ofMillis(100),
                    reply -> Behaviors.stop())));
            Ref mon = me.monitor(caller);
            receive(me, m -> tagged(m, GOT_CALL));
            Object down = advanceUntil(clock, Duration.ofMillis(100), me, m -> isDown(m, mon));
            assertThat(((beamscope.runtime.Tuple5) down).e4()).isEqualTo(callReason(Atom.TIMEOUT, server, HOLD, 100L));
            assertThat(GenServer.call(node, server, GET)).isEqualTo(0L); // C8: the server is unaffected
        }

        @Test
        void aCaughtTimeout_dropsTheLateReply_C8() {
            Pid server = startProbe(0L);
            Pid test = me.pid();
            Pid caller = node.spawn(Behaviors.setup(ctx -> GenServer.call(ctx, server, HOLD, Duration.ofMillis(100),
                    reply -> Behaviors.stop(),
                    reason -> {
                        ctx.send(test, Tuple.of(Atom.of("caught"), reason));
                        return collector(test);
                    })));
            From from = (From) ((Tuple) receive(me, m -> tagged(m, GOT_CALL))).get(1);
            Object caught = advanceUntil(clock, Duration.ofMillis(100), me, m -> tagged(m, Atom.of("caught")));
            assertThat(caught).isEqualTo(Tuple.of(Atom.of("caught"), callReason(Atom.TIMEOUT, server, HOLD, 100L)));
            GenServer.reply(node, from, Atom.of("late"));
            node.send(caller, Atom.of("ping")); // same sender, so it arrives after the late reply
            assertThat(receive(me, m -> tagged(m, Atom.of("got")))).isEqualTo(Tuple.of(Atom.of("got"), Atom.of("ping")));
        }

        Behavior collector(Pid test) {
            return Behaviors.receive((ctx, m) -> {
                ctx.send(test, Tuple.of(Atom.of("got"), m));
                return Behaviors.same();
            });
        }

        @Test
        void callingANameNobodyHas_exitsWithNoproc() {
            Pid caller = node.spawn(Behaviors.setup(ctx -> GenServer.call(ctx, "nosuch", GET, r -> Behaviors.stop())));
            Ref mon = me.monitor(caller);
            Object reason = downReason(me, mon);
            // the caller may have exited before the monitor was set: then the runtime says noproc
            if (!Atom.NOPROC.equals(reason)) assertThat(reason).isEqualTo(callReason(Atom.NOPROC, Atom.of("nosuch"), GET, 5000L));
            assertThat(node.exitReason(caller)).contains(callReason(Atom.NOPROC, Atom.of("nosuch"), GET, 5000L));
        }

        @Test
        void startLinkInsideAProcess_waitsForInit() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> GenServer.startLink(ctx, probe, Probe.arg(test, 3L), r -> {
                ctx.send(test, Tuple.of(Atom.of("started"), r));
                return Behaviors.receive((c, m) -> Behaviors.same());
            })));
            Object m = receive(me, x -> tagged(x, Atom.of("started")));
            StartResult r = (StartResult) ((Tuple) m).get(1);
            assertThat(GenServer.call(node, r.pid(), GET)).isEqualTo(3L);
        }
    }

    /**
     * C8: a process that catches failed calls in a loop (OTP's {@code catch gen_server:call(...)}) runs in
     * constant space, and replies that come after the caller gave up never reach its mailbox.
     */
    @Nested
    class LateReplies {
        static final int FAILURES = 100_000;
        static final Atom SURVIVED = Atom.of("survived"), PING = Atom.of("ping"), PONG = Atom.of("pong"),
                RELEASE = Atom.of("release"), AFTER = Atom.of("after"), GOT = Atom.of("got");

        /** Calls {@code server} {@code n} times with a zero timeout, catching each failure, then reports. */
        Behavior failingCalls(Pid server, Pid test, int n, int done) {
            if (done == n) {
                return Behaviors.setup(ctx -> {
                    ctx.send(test, Tuple.of(SURVIVED, done));
                    return Behaviors.receive((c, m) -> { // anything else stays in the mailbox
                        if (m != PING && m != AFTER) return Behaviors.unhandled();
                        c.send(test, Tuple.of(GOT, m));
                        return Behaviors.same();
                    });
                });
            }
            return Behaviors.setup(ctx -> GenServer.call(ctx, server, GET, Duration.ZERO, reply -> {
                throw new AssertionError("no server answers here, got " + reply);
            }, reason -> failingCalls(server, test, n, done + 1)));
        }

        Pid neverAnswers() {
            return node.spawn(Behaviors.receive((ctx, m) -> Behaviors.same()));
        }

        @Test
        void aProcessCatchingTimeoutsInALoop_staysAliveAndAnswers_C8() {
            Pid server = neverAnswers();
            Pid caller = node.spawn(failingCalls(server, me.pid(), FAILURES, 0));
            assertThat(receive(me, m -> tagged(m, SURVIVED))).isEqualTo(Tuple.of(SURVIVED, FAILURES));
            node.send(caller, PING);
            assertThat(receive(me, m -> tagged(m, GOT))).isEqualTo(Tuple.of(GOT, PING));
        }

        @Test
        void aProcessCatchingCallsToADeadServerInALoop_staysAliveAndAnswers_C7() {
            Pid server = neverAnswers();
            Ref mon = me.monitor(server);
            node.exit(server, Atom.KILL);
            downReason(me, mon);
            Pid caller = node.spawn(failingCalls(server, me.pid(), FAILURES, 0));
            assertThat(receive(me, m -> tagged(m, SURVIVED))).isEqualTo(Tuple.of(SURVIVED, FAILURES));
            node.send(caller, PING);
            assertThat(receive(me, m -> tagged(m, GOT))).isEqualTo(Tuple.of(GOT, PING));
        }

        @Test
        void repliesAfterTheTimeouts_neverReachTheCallersMailbox_C8() {
            int n = Calls.MAX_ABANDONED;
            Pid test = me.pid();
            // Keeps every call's From; on :release replies to all of them, then sends :after to the caller.
            Pid server = node.spawn(hoarder(new java.util.ArrayList<>()));
            Pid caller = node.spawn(failingCalls(server, test, n, 0));
            assertThat(receive(me, m -> tagged(m, SURVIVED))).isEqualTo(Tuple.of(SURVIVED, n));
            node.send(server, Tuple.of(RELEASE, caller)); // after every call: the calls came from the caller earlier
            // :after was sent after the n late replies, by the same sender, so they were all in front of it.
            assertThat(receive(me, m -> tagged(m, GOT))).isEqualTo(Tuple.of(GOT, AFTER));
            // A late reply that got through would stay queued, since the caller leaves unknown messages there.
            awaitCondition(() -> node.processInfo(caller).orElseThrow().messageQueueLen() == 0,
                    () -> "an empty mailbox, not " + node.processInfo(caller).orElseThrow().messages());
        }

        Behavior hoarder(java.util.List<From> froms) {
            return Behaviors.receive((ctx, m) -> {
                if (m instanceof beamscope.runtime.Tuple3(Atom tag, From from, Object req) && tag == Calls.GEN_CALL) {
                    froms.add(from);
                } else if (m instanceof Tuple2(Atom tag, Pid caller) && tag == RELEASE) {
                    for (From f : froms) GenServer.reply(ctx, f, Atom.of("late"));
                    ctx.send(caller, AFTER);
                }
                return Behaviors.same();
            });
        }
    }

    /** A server whose handleCall asks another server first (a call inside handle_call). */
    record Relay(Pid target, Pid test) implements GenServer<Object, Object> {
        @Override
        public Init<Object> init(ProcessContext ctx, Object arg) {
            return Init.ok(arg);
        }

        @Override
        public Result<Object> handleCall(ProcessContext ctx, Object request, From from, Object state) {
            return Result.suspend(resume -> GenServer.call(ctx, target, request, Duration.ofSeconds(5),
                    reply -> resume.apply(Result.reply(Tuple.of(Atom.of("relayed"), reply), state))));
        }

        @Override
        public void terminate(ProcessContext ctx, Object reason, Object state) {
            ctx.send(test, Tuple.of(TERMINATE, reason));
        }
    }

    @Nested
    class CallsInsideCallbacks {
        @Test
        void handleCallCanCallAnotherServer_andReplyWithItsAnswer() {
            Pid target = startProbe(5L);
            Pid relay = GenServer.start(node, new Relay(target, me.pid()), Atom.NIL).pid();
            assertThat(GenServer.call(node, relay, GET)).isEqualTo(Tuple.of(Atom.of("relayed"), 5L));
            assertThat(GenServer.call(node, relay, GET)).isEqualTo(Tuple.of(Atom.of("relayed"), 5L));
        }

        @Test
        void aFailedInnerCall_endsTheServerThroughTerminate() {
            Pid target = startProbe(5L);
            Ref mon = me.monitor(target);
            GenServer.stop(node, target);
            downReason(me, mon);
            Pid relay = GenServer.start(node, new Relay(target, me.pid()), Atom.NIL).pid();
            Object inner = callReason(Atom.NOPROC, target, GET, 5000L);
            ExitException e = catchThrowableOfType(ExitException.class, () -> GenServer.call(node, relay, GET));
            assertThat(e.reason()).isEqualTo(callReason(inner, relay, GET, 5000L));
            assertThat(receive(me, m -> m.equals(Tuple.of(TERMINATE, inner)))).isNotNull();
        }
    }

    @Nested
    class Termination {
        @Test
        void stopWithReply_runsTerminateBeforeTheReply_C14() {
            Pid test = me.pid();
            // The caller is the observer: terminate's notice and the reply come from the server, in order.
            node.spawn(Behaviors.setup(ctx -> {
                return GenServer.start(ctx, probe, Probe.arg(ctx.self(), 0L), StartOptions.DEFAULTS, started ->
                        GenServer.call(ctx, started.pid(), new StopWithReply(Atom.NORMAL, Atom.of("bye")), reply ->
                                Behaviors.receive((c, m) -> {
                                    c.send(test, Tuple.of(Atom.of("order"), reply, m));
                                    return Behaviors.stop();
                                }).after(Duration.ZERO, c -> {
                                    c.send(test, Tuple.of(Atom.of("order"), reply, Atom.of("nothing_before_reply")));
                                    return Behaviors.stop();
                                })));
            }));
            assertThat(receive(me, m -> tagged(m, Atom.of("order"))))
                    .isEqualTo(Tuple.of(Atom.of("order"), Atom.of("bye"), Tuple.of(TERMINATE, Atom.NORMAL)));
        }

        @Test
        void stopWithoutReply_exitsTheCaller_C15() {
            Pid pid = startProbe(0L);
            ExitException e = catchThrowableOfType(ExitException.class, () -> GenServer.call(node, pid, Tuple.of(STOP, Atom.NORMAL)));
            assertThat(e.reason()).isEqualTo(callReason(Atom.NORMAL, pid, Tuple.of(STOP, Atom.NORMAL), 5000L));
            assertThat(receive(me, m -> tagged(m, TERMINATE))).isEqualTo(Tuple.of(TERMINATE, Atom.NORMAL));
        }

        @Test
        void aRaisingCallback_runsTerminate_C18b() {
            Pid pid = startProbe(0L);
            Ref mon = me.monitor(pid);
            GenServer.cast(node, pid, CRASH);
            Object t = receive(me, m -> tagged(m, TERMINATE));
            Object reason = downReason(me, mon);
            assertThat(t).isEqualTo(Tuple.of(TERMINATE, reason));
            assertThat(((Tuple2) reason).e0()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void anInvalidResult_endsWithBadReturnValue_C17() {
            Pid pid = startProbe(0L);
            Ref mon = me.monitor(pid);
            GenServer.cast(node, pid, BAD);
            Object reason = downReason(me, mon);
            assertThat(reason).isEqualTo(Tuple.of(Atom.of("bad_return_value"), GenServer.Result.reply(Atom.OK, 0L)));
        }

        @Test
        void nullFromHandleCall_isABadReturnValue_C17() {
            Pid pid = startProbe(0L);
            ExitException e = catchThrowableOfType(ExitException.class, () -> GenServer.call(node, pid, BAD));
            assertThat(e.reason()).isEqualTo(callReason(Tuple.of(Atom.of("bad_return_value"), null), pid, BAD, 5000L));
        }

        @Test
        void stop_runsTerminateWithTheReason_C22() {
            Pid pid = startProbe(0L);
            GenServer.stop(node, pid, Atom.of("enough"), GenServer.INFINITY);
            assertThat(receive(me, m -> tagged(m, TERMINATE))).isEqualTo(Tuple.of(TERMINATE, Atom.of("enough")));
            assertThat(node.isAlive(pid)).isFalse();
        }

        @Test
        void stopOfNobody_exitsWithNoproc_C22() {
            ExitException e = catchThrowableOfType(ExitException.class, () -> GenServer.stop(node, "nosuch"));
            assertThat(e.reason()).isEqualTo(Atom.NOPROC);
        }

        @Test
        void notTrapping_anExitSignal_skipsTerminate_C18() {
            Pid pid = startProbe(0L);
            Ref mon = me.monitor(pid);
            node.exit(pid, Atom.SHUTDOWN);
            assertThat(downReason(me, mon)).isEqualTo(Atom.SHUTDOWN);
            assertThat(nothingQueued(me, m -> tagged(m, TERMINATE))).isTrue();
        }

        @Test
        void trapping_kill_skipsTerminate_C18() {
            Pid pid = GenServer.start(node, probe, Probe.trapping(me.pid(), 0L)).pid();
            Ref mon = me.monitor(pid);
            node.exit(pid, Atom.KILL);
            assertThat(downReason(me, mon)).isEqualTo(Atom.KILLED);
            assertThat(nothingQueued(me, m -> tagged(m, TERMINATE))).isTrue();
        }

        @Test
        void trapping_theParentExitingNormal_runsTerminate_andTheServerExits_C18c_C20() {
            Pid test = me.pid();
            Pid parent = node.spawn(Behaviors.setup(ctx -> GenServer.startLink(ctx, probe, Probe.trapping(test, 0L), r -> {
                ctx.send(test, Tuple.of(Atom.of("started"), r.pid()));
                return Behaviors.receive((c, m) -> Behaviors.stop()); // exits normal when poked
            })));
            Pid server = (Pid) ((Tuple) receive(me, m -> tagged(m, Atom.of("started")))).get(1);
            Ref mon = me.monitor(server);
            node.send(parent, Atom.of("go"));
            assertThat(receive(me, m -> tagged(m, TERMINATE))).isEqualTo(Tuple.of(TERMINATE, Atom.NORMAL));
            assertThat(downReason(me, mon)).isEqualTo(Atom.NORMAL);
        }

        @Test
        void trapping_anExitFromANonParent_isAnInfoMessage_C19() {
            Pid pid = GenServer.start(node, probe, Probe.trapping(me.pid(), 0L)).pid();
            me.exit(pid, Atom.of("foo"));
            assertThat(receive(me, m -> tagged(m, INFO))).isEqualTo(Tuple.of(INFO, Tuple.of(Atom.EXIT, me.pid(), Atom.of("foo"))));
            assertThat(node.isAlive(pid)).isTrue();
        }
    }

    @Nested
    class Observation {
        @Test
        void aServerPublishesItsLabelAndState() {
            Pid pid = startProbe(Tuple.of(Atom.of("balance"), 100L));
            assertThat(Observe.server(node, pid)).contains(new ServerView(pid, "Probe", "{:balance, 100}"));
            GenServer.call(node, pid, Tuple.of(SET, 7L));
            assertThat(Observe.server(node, pid).orElseThrow().state()).isEqualTo("7");
            assertThat(Observe.servers(node)).contains(pid);
            assertThat(Observe.supervisor(node, pid)).isEmpty();
        }

        @Test
        void readableWhileTheSchedulersArePaused() {
            Pid pid = startProbe(5L);
            node.pauseSchedulers();
            try {
                assertThat(Observe.server(node, pid).orElseThrow().state()).isEqualTo("5");
            } finally {
                node.resumeSchedulers();
            }
        }
    }
}
