package beamscope.runtime;

import static beamscope.runtime.Probes.down;
import static beamscope.runtime.Probes.exit;
import static beamscope.runtime.Probes.forwarder;
import static beamscope.runtime.Probes.idle;
import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/OTP-SEMANTICS.md section A: exit signals, links, monitors, registered names. */
class ExitSignalsTest {
    static final Atom FOO = Atom.of("foo"), GO = Atom.of("go");

    Node node;
    Inbox me;

    @BeforeEach
    void start() {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        me = node.inbox("test");
    }

    @AfterEach
    void stop() {
        me.close();
        node.close();
    }

    /** A process that traps exits and forwards everything to the test. */
    Behavior trapper() {
        Pid to = me.pid();
        return Behaviors.setup(ctx -> {
            ctx.trapExit(true);
            ctx.send(to, Atom.of("ready"));
            return forwarder(to);
        });
    }

    Pid spawnTrapper() {
        Pid p = node.spawn(trapper());
        assertThat(next(me)).isEqualTo(Atom.of("ready"));
        return p;
    }

    Object exitReasonOf(Pid p) {
        Ref ref = me.monitor(p);
        Object m = next(me);
        assertThat(m).isInstanceOf(Tuple5.class);
        Tuple5 d = (Tuple5) m;
        assertThat(d.e1()).isEqualTo(ref);
        return d.e4();
    }

    /**
     * Links and monitors to a process parked in receive are recorded in place by the sender (no slice of
     * the target). What must hold all the same: the target is unchanged (still waiting, its mailbox in
     * order), the links and monitors are there, and its exit answers them, while messages sent to it
     * meanwhile, before and after, are all handled in order.
     */
    @Nested
    class SignalsToAParkedProcess {
        @Test
        void monitorsAndLinksToAWaitingProcessAreRecordedAndFireAtItsExit() {
            Pid target = node.spawn(forwarder(me.pid()));
            Pid to = me.pid();
            int n = 2000;
            node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                for (int i = 0; i < n; i++) {
                    ctx.monitor(target);
                    if (i % 100 == 0) ctx.send(target, (long) i); // messages among the signals, handled in order
                }
                ctx.link(target);
                ctx.send(to, Atom.of("set"));
                return Behaviors.receive((c, m) -> {
                    c.send(to, m);
                    return Behaviors.same();
                });
            }));
            List<Object> forwarded = new java.util.ArrayList<>();
            boolean set = false;
            for (int i = 0; i < n / 100 + 1; i++) { // two senders: "set" may come before or among the numbers
                Object m = next(me);
                if (m.equals(Atom.of("set"))) set = true;
                else forwarded.add(m);
            }
            assertThat(set).isTrue();
            List<Object> expected = new java.util.ArrayList<>();
            for (long i = 0; i < n; i += 100) expected.add(i);
            assertThat(forwarded).as("the target's messages, in order").isEqualTo(expected);
            // recorded in place, or by the target itself when it was not parked: either way, soon
            Probes.await(() -> node.processInfo(target).map(p -> p.monitoredBy().size() == n && p.links().size() == 1)
                    .orElse(false), "every monitor and the link recorded");
            node.exit(target, Atom.of("bye"));
            int downs = 0;
            boolean exited = false;
            for (int i = 0; i < n + 1; i++) {
                Object m = next(me);
                if (m instanceof Tuple5 t && Atom.DOWN.equals(t.get(0)) && Atom.of("bye").equals(t.get(4))) downs++;
                else if (m.equals(exit(target, Atom.of("bye")))) exited = true;
            }
            assertThat(downs).isEqualTo(n);
            assertThat(exited).isTrue();
        }

        @Test
        void aDemonitorOfAWaitingProcessRemovesItsMonitor() {
            Pid target = node.spawn(idle());
            Pid to = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                Ref r = ctx.monitor(target);
                ctx.demonitor(r);
                Ref kept = ctx.monitor(target);
                ctx.send(to, kept);
                return forwarder(to);
            }));
            Ref kept = (Ref) next(me);
            assertThat(node.processInfo(target).orElseThrow().monitoredBy()).hasSize(1);
            node.exit(target, Atom.KILL);
            assertThat(next(me)).isEqualTo(down(kept, target, Atom.KILLED));
        }
    }

    @Nested
    class ExitReasons {
        @Test
        void a1_aProcessThatStopsExitsNormal() {
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> Behaviors.stop()));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.NORMAL));
            assertThat(node.isAlive(p)).isFalse();
        }

        @Test
        void a2_aThrowingHandlerExitsWithTheExceptionAndAStacktrace() {
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                throw new IllegalStateException("boom");
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            Object m = next(me);
            assertThat(m).isInstanceOf(Tuple5.class);
            Object reason = ((Tuple5) m).e4();
            assertThat(reason).isInstanceOfSatisfying(Tuple2.class, t -> {
                assertThat(t.e0()).isInstanceOf(IllegalStateException.class);
                assertThat(((Throwable) t.e0()).getMessage()).isEqualTo("boom");
                assertThat(t.e1()).isInstanceOf(List.class);
            });
            assertThat(node.exitReason(p)).contains(reason);
        }

        @Test
        void a2_exitWithAReasonExitsWithExactlyThatReason() {
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.exit(Tuple.of(FOO, 1L));
                return Behaviors.same();
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(down(ref, p, Tuple.of(FOO, 1L)));
        }

        @Test
        void a2_aCrashTakesDownOnlyItsOwnProcess() {
            Pid bystander = node.spawn(forwarder(me.pid()));
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                throw new RuntimeException("only me");
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isInstanceOf(Tuple5.class);
            node.send(bystander, "still here");
            assertThat(next(me)).isEqualTo("still here");
        }

        @Test
        void a3_shutdownKillsANonTrappingLinkedProcess() {
            for (Object reason : List.of(Atom.SHUTDOWN, Tuple.of(Atom.SHUTDOWN, Atom.of("x")))) {
                Pid linked = node.spawn(idle());
                Pid p = node.spawn(Behaviors.setup(ctx -> {
                    ctx.link(linked);
                    return Behaviors.receive((c, m) -> Behaviors.stop(reason));
                }));
                Ref ref = me.monitor(linked);
                node.send(p, GO);
                assertThat(next(me)).isEqualTo(down(ref, linked, reason));
            }
        }
    }

    @Nested
    class ExplicitExitSignals {
        @Test
        void a4_aTrapperGetsAnExitMessageFromTheSender() {
            Pid t = spawnTrapper();
            me.exit(t, FOO);
            assertThat(next(me)).isEqualTo(exit(me.pid(), FOO));
            assertThat(node.isAlive(t)).isTrue();
        }

        @Test
        void a4_aNonTrapperDiesWithTheReason() {
            Pid p = node.spawn(idle());
            Ref ref = me.monitor(p);
            me.exit(p, FOO);
            assertThat(next(me)).isEqualTo(down(ref, p, FOO));
        }

        @Test
        void a5_normalIsIgnoredByANonTrapperAndAMessageForATrapper() {
            Pid p = node.spawn(forwarder(me.pid()));
            me.exit(p, Atom.NORMAL);
            node.send(p, "alive");
            assertThat(next(me)).isEqualTo("alive");
            Pid t = spawnTrapper();
            me.exit(t, Atom.NORMAL);
            assertThat(next(me)).isEqualTo(exit(me.pid(), Atom.NORMAL));
        }

        @Test
        void a6_killIsUntrappableAndBecomesKilled() {
            Pid t = spawnTrapper();
            Ref ref = me.monitor(t);
            me.exit(t, Atom.KILL);
            assertThat(next(me)).isEqualTo(down(ref, t, Atom.KILLED));
        }

        @Test
        void a6_a7_aLinkedTrapperSeesKilledAndANonTrapperDiesWithKilled() {
            Pid watcher = spawnTrapper();
            Pid nonTrapper = node.spawn(idle());
            Pid victim = node.spawn(Behaviors.setup(ctx -> {
                ctx.link(watcher);
                ctx.link(nonTrapper);
                ctx.send(me.pid(), Atom.of("linked"));
                return idle();
            }));
            assertThat(next(me)).isEqualTo(Atom.of("linked"));
            Ref ref = me.monitor(nonTrapper);
            node.exit(victim, Atom.KILL);
            List<Object> got = List.of(next(me), next(me));
            assertThat(got).containsExactlyInAnyOrder(exit(victim, Atom.KILLED), down(ref, nonTrapper, Atom.KILLED));
        }

        @Test
        void a8_aSelfRaisedKillIsTrappableOverLinksAndStaysKill() {
            Pid watcher = spawnTrapper();
            Pid nonTrapper = node.spawn(idle());
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.link(watcher);
                ctx.link(nonTrapper);
                return Behaviors.receive((c, m) -> {
                    c.exit(Atom.KILL);
                    return Behaviors.same();
                });
            }));
            Ref ref = me.monitor(nonTrapper);
            Ref pref = me.monitor(p);
            node.send(p, GO);
            List<Object> got = List.of(next(me), next(me), next(me));
            assertThat(got).containsExactlyInAnyOrder(exit(p, Atom.KILL), down(ref, nonTrapper, Atom.KILL),
                    down(pref, p, Atom.KILL));
        }

        @Test
        void a9_exitSelfNormalKillsANonTrappingCallerBeforeTheNextLine() {
            AtomicBoolean ranAfter = new AtomicBoolean();
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.exit(ctx.self(), Atom.NORMAL);
                ranAfter.set(true);
                return Behaviors.same();
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.NORMAL));
            assertThat(ranAfter).isFalse();
        }

        @Test
        void a9_exitSelfNormalIsAMessageForATrapper() {
            Pid to = me.pid();
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                ctx.exit(ctx.self(), Atom.NORMAL);
                return forwarder(to);
            }));
            assertThat(next(me)).isEqualTo(exit(p, Atom.NORMAL));
        }

        @Test
        void a17_trapExitReturnsTheOldValue() {
            Pid to = me.pid();
            node.spawn(Probes.doing(to, ctx -> {
                ctx.send(to, ctx.trapExit(true));
                ctx.send(to, ctx.trapExit(false));
            }));
            assertThat(next(me)).isEqualTo(false);
            assertThat(next(me)).isEqualTo(true);
            assertThat(next(me)).isEqualTo(Atom.of("done"));
        }

        @Test
        void a10_exitSelfKillEndsWithKilledEvenWhenTrapping() {
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.trapExit(true);
                ctx.exit(ctx.self(), Atom.KILL);
                return Behaviors.same();
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
        }
    }

    @Nested
    class Links {
        @Test
        void a12_a13_linkingTwiceMakesOneLinkAndLinkingSelfDoesNothing() {
            Pid other = node.spawn(idle());
            Pid p = node.spawn(Probes.doing(me.pid(), ctx -> {
                ctx.link(other);
                ctx.link(other);
                ctx.link(ctx.self());
            }));
            assertThat(next(me)).isEqualTo(Atom.of("done"));
            assertThat(node.processInfo(p).orElseThrow().links()).containsExactly(other);
            Probes.await(() -> node.processInfo(other).orElseThrow().links().contains(p), "the other side's link");
            assertThat(node.processInfo(other).orElseThrow().links()).containsExactly(p);
        }

        @Test
        void a14_spawnLinkLinksBeforeTheChildCanRun() {
            node.pauseSchedulers();
            Pid parent = node.spawn(Behaviors.setup(ctx -> {
                ctx.spawnLink(Behaviors.setup(c -> {
                    throw new IllegalStateException("die at once");
                }));
                return idle();
            }));
            Ref ref = me.monitor(parent);
            node.resumeSchedulers();
            Tuple5 d = (Tuple5) next(me);
            assertThat(d.e1()).isEqualTo(ref);
            Object reason = d.e4();
            assertThat(reason).isInstanceOf(Tuple2.class);
            assertThat(((Tuple2) reason).e0()).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void a16_aLinkedExitNormalIsDroppedByANonTrapper() {
            Pid survivor = node.spawn(forwarder(me.pid()));
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.link(survivor);
                return Behaviors.receive((c, m) -> Behaviors.stop());
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.NORMAL));
            node.send(survivor, "alive");
            assertThat(next(me)).isEqualTo("alive");
        }

        @Test
        void a16_aTrapperGetsExitNormalAtTheEndOfItsQueue() {
            Pid t = spawnTrapper();
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.link(t);
                ctx.send(t, "before");
                return Behaviors.stop();
            }));
            assertThat(next(me)).isEqualTo("before");
            assertThat(next(me)).isEqualTo(exit(p, Atom.NORMAL));
        }

        @Test
        void a16_unlinkBeforeTheExitArrivesDropsIt() {
            // The exit signal is already queued at the survivor when the survivor unlinks; it is handled only
            // afterwards. A16 (and A20): the link was removed before the signal was handled, so it is dropped.
            // The survivor is an inbox, which handles signals only when it receives, so the signal provably
            // waits in its queue across the unlink (a process would handle it before its next message).
            Pid partner = node.spawn(Behaviors.receive((ctx, m) -> Behaviors.stop(FOO)));
            try (Inbox survivor = node.inbox("survivor")) {
                survivor.link(partner);
                Ref partnerDown = me.monitor(partner);
                node.send(partner, GO);
                // The dying partner sends its link exits before its DOWNs: the exit is queued at the survivor now.
                assertThat(next(me)).isEqualTo(down(partnerDown, partner, FOO));
                survivor.unlink(partner);
                survivor.send(survivor.pid(), "alive");
                assertThat(survivor.receive(Probes.WAIT)).as("the survivor outlived the exit signal").contains("alive");
                assertThat(survivor.isAlive()).isTrue();
            }
        }

        @Test
        void a18_linkingToADeadPidRaisesNoprocWhenNotTrapping() {
            Pid dead = node.spawn(Behaviors.setup(ctx -> Behaviors.stop()));
            Probes.await(() -> !node.isAlive(dead), "the process to exit");
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.link(dead);
                return Behaviors.same();
            }));
            Ref ref = me.monitor(p);
            node.send(p, GO);
            Object m = next(me);
            Object reason = ((Tuple5) m).e4();
            assertThat(reason).isInstanceOf(Tuple2.class);
            assertThat(((Tuple2) reason).e0()).isEqualTo(Atom.NOPROC);
        }

        @Test
        void a18_linkingToADeadPidWhileTrappingQueuesExitNoproc() {
            Pid dead = node.spawn(Behaviors.setup(ctx -> Behaviors.stop()));
            Probes.await(() -> !node.isAlive(dead), "the process to exit");
            Pid to = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                ctx.link(dead);
                return forwarder(to);
            }));
            assertThat(next(me)).isEqualTo(exit(dead, Atom.NOPROC));
        }

        @Test
        void a20_unlinkLeavesAnExitThatAlreadyArrived() {
            Pid to = me.pid();
            Pid victim = node.spawn(idle());
            Pid t = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                ctx.link(victim);
                ctx.send(to, Atom.of("linked"));
                // Wait until the EXIT is queued, then unlink and show the queue.
                return Behaviors.receive((c, m) -> {
                    if (!(m instanceof String)) return Behaviors.unhandled();
                    c.unlink(victim);
                    c.send(to, "unlinked");
                    return forwarder(to);
                });
            }));
            assertThat(next(me)).isEqualTo(Atom.of("linked"));
            Ref ref = me.monitor(victim);
            node.exit(victim, FOO);
            assertThat(next(me)).isEqualTo(down(ref, victim, FOO));
            Probes.await(() -> node.processInfo(t).orElseThrow().messageQueueLen() == 1, "the EXIT to be queued");
            node.send(t, "now");
            assertThat(next(me)).isEqualTo("unlinked");
            assertThat(next(me)).isEqualTo(exit(victim, FOO));
        }

        @Test
        void a21_theNameIsFreeWhenTheExitArrives() {
            Pid p = node.spawn(Behaviors.setup(ctx -> {
                ctx.register("worker");
                return Behaviors.receive((c, m) -> Behaviors.stop(FOO));
            }));
            Probes.await(() -> node.whereis("worker").isPresent(), "registration");
            Pid to = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                ctx.link(p);
                ctx.send(to, Atom.of("linked"));
                return Behaviors.receive((c, m) -> {
                    // On the EXIT, the name must already be free: take it.
                    c.send(to, Tuple.of(m, c.whereis("worker").isPresent()));
                    c.register("worker");
                    c.send(to, Atom.of("registered"));
                    return idle();
                });
            }));
            assertThat(next(me)).isEqualTo(Atom.of("linked"));
            node.send(p, GO);
            assertThat(next(me)).isEqualTo(Tuple.of(exit(p, FOO), false));
            assertThat(next(me)).isEqualTo(Atom.of("registered"));
        }
    }

    @Nested
    class Monitors {
        @Test
        void a22_a26_aKilledTargetsDownSaysKilled() {
            Pid p = node.spawn(idle());
            Ref ref = me.monitor(p);
            node.exit(p, Atom.KILL);
            assertThat(next(me)).isEqualTo(down(ref, p, Atom.KILLED));
        }

        @Test
        void a23_monitoringADeadPidGivesAnImmediateNoproc() {
            Pid dead = node.spawn(Behaviors.setup(ctx -> Behaviors.stop()));
            Probes.await(() -> !node.isAlive(dead), "the process to exit");
            Ref ref = me.monitor(dead);
            assertThat(next(me)).isEqualTo(down(ref, dead, Atom.NOPROC));
        }

        @Test
        void a24_monitoringByNameNamesTheNameAndNode() {
            Pid named = node.spawn(idle());
            node.register("svc", named);
            Pid to = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                Ref r1 = ctx.monitor("svc");
                Ref r2 = ctx.monitor("nosuchname");
                ctx.send(to, Tuple.of(r1, r2));
                return forwarder(to);
            }));
            Tuple2 refs = (Tuple2) next(me);
            Object nodeName = Atom.of(node.config().name());
            assertThat(next(me)).isEqualTo(down((Ref) refs.e1(), Tuple.of(Atom.of("nosuchname"), nodeName), Atom.NOPROC));
            node.exit(named, FOO);
            assertThat(next(me)).isEqualTo(down((Ref) refs.e0(), Tuple.of(Atom.of("svc"), nodeName), FOO));
        }

        @Test
        void a25_eachMonitorFiresOnce() {
            Pid p = node.spawn(idle());
            Ref r1 = me.monitor(p);
            Ref r2 = me.monitor(p);
            assertThat(r1).isNotEqualTo(r2);
            node.exit(p, FOO);
            assertThat(List.of(next(me), next(me))).containsExactlyInAnyOrder(down(r1, p, FOO), down(r2, p, FOO));
            assertThat(me.receive(Duration.ZERO)).isEmpty();
        }

        @Test
        void a27_a28_demonitorLeavesAQueuedDownUnlessFlushed() {
            Pid to = me.pid();
            Pid target = node.spawn(idle());
            Pid watcher = node.spawn(Behaviors.setup(ctx -> {
                Ref ref = ctx.monitor(target);
                ctx.send(to, ref);
                return Behaviors.receive((c, m) -> {
                    if (!"check".equals(m)) return Behaviors.unhandled();
                    boolean first = c.demonitor(ref);
                    c.send(to, first);
                    return forwarder(to);
                });
            }));
            Ref ref = (Ref) next(me);
            node.exit(target, FOO);
            Probes.await(() -> node.processInfo(watcher).orElseThrow().messageQueueLen() == 1, "the DOWN to be queued");
            node.send(watcher, "check");
            assertThat(next(me)).isEqualTo(true);
            assertThat(next(me)).isEqualTo(down(ref, target, FOO));

            Pid target2 = node.spawn(idle());
            Pid watcher2 = node.spawn(Behaviors.setup(ctx -> {
                Ref r = ctx.monitor(target2);
                ctx.send(to, r);
                return Behaviors.receive((c, m) -> {
                    if (!"check".equals(m)) return Behaviors.unhandled();
                    c.send(to, c.demonitor(r, true));
                    return forwarder(to);
                });
            }));
            next(me);
            node.exit(target2, FOO);
            Probes.await(() -> node.processInfo(watcher2).orElseThrow().messageQueueLen() == 1, "the DOWN to be queued");
            node.send(watcher2, "check");
            assertThat(next(me)).isEqualTo(false);
            node.send(watcher2, "after");
            assertThat(next(me)).isEqualTo("after");
        }

        @Test
        void a29_demonitoringSomeoneElsesMonitorIsBadarg() {
            Pid to = me.pid();
            Pid target = node.spawn(Behaviors.receive((ctx, m) -> {
                try {
                    ctx.demonitor((Ref) m);
                    ctx.send(to, "no error");
                } catch (ErlangError e) {
                    ctx.send(to, e.reason());
                }
                return Behaviors.same();
            }));
            Ref ref = me.monitor(target);
            Probes.await(() -> !node.processInfo(target).orElseThrow().monitoredBy().isEmpty(), "the monitor");
            node.send(target, ref);
            assertThat(next(me)).isEqualTo(Atom.BADARG);
        }

        @Test
        void a30_messagesSentBeforeDyingArriveBeforeTheDown() {
            for (int round = 0; round < 50; round++) {
                Pid to = me.pid();
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                    for (long i = 0; i < 20; i++) ctx.send(to, i);
                    return Behaviors.stop(FOO);
                }));
                Ref ref = me.monitor(p);
                node.send(p, GO);
                for (long i = 0; i < 20; i++) assertThat(next(me)).isEqualTo(i);
                assertThat(next(me)).isEqualTo(down(ref, p, FOO));
            }
        }
    }

    /** Links and monitors by the ten thousand: every one still does exactly what A14–A26 say. */
    @Nested
    class AtScale {
        static final int MONITORED = 100_000, CHILDREN = 50_000;
        static final Atom SET = Atom.of("set"), DONE = Atom.of("done"), PING = Atom.of("ping"), PONG = Atom.of("pong");

        Pid[] spawnIdle(int n) {
            Pid[] out = new Pid[n];
            for (int i = 0; i < n; i++) out[i] = node.spawn(idle());
            return out;
        }

        @Test
        void a22_a25_oneProcessMonitoringManyGetsExactlyOneDownPerMonitor_withItsRef() {
            int before = node.processCount();
            Pid[] targets = spawnIdle(MONITORED);
            Pid to = me.pid();
            Pid watcher = node.spawn(Behaviors.setup(ctx -> {
                java.util.Map<Ref, Pid> pending = new java.util.HashMap<>();
                for (Pid t : targets) pending.put(ctx.monitor(t), t);
                ctx.send(to, SET);
                int[] wrong = {0};
                return Behaviors.receive((c, m) -> {
                    if (m == PING) {
                        c.send(to, Tuple.of(PONG, pending.size(), wrong[0]));
                    } else if (m instanceof Tuple5(Atom d, Ref r, Atom process, Object object, Object reason)
                            && d == Atom.DOWN && object.equals(pending.get(r)) && reason == Atom.KILLED) {
                        pending.remove(r);
                        if (pending.isEmpty()) c.send(to, Tuple.of(DONE, wrong[0]));
                    } else {
                        wrong[0]++; // a DOWN twice, for a ref it does not hold, or with a wrong object or reason
                    }
                    return Behaviors.same();
                });
            }));
            assertThat(next(me)).isEqualTo(SET);
            ProcessInfo info = node.processInfo(watcher).orElseThrow();
            assertThat(info.monitors()).hasSize(MONITORED);
            assertThat(new java.util.HashSet<>(info.monitors())).isEqualTo(java.util.Set.of((Object[]) targets));
            assertThat(node.processInfo(targets[MONITORED / 2]).orElseThrow().monitoredBy()).containsExactly(watcher);

            for (Pid t : targets) node.exit(t, Atom.KILL);
            assertThat(next(me)).isEqualTo(Tuple.of(DONE, 0));
            Probes.await(() -> node.processCount() == before + 1, "every target gone"); // the watcher is left
            node.send(watcher, PING); // all DOWNs were sent before their targets were gone
            assertThat(next(me)).isEqualTo(Tuple.of(PONG, 0, 0));
            assertThat(node.processInfo(watcher).orElseThrow().monitors()).isEmpty();
        }

        @Test
        void a14_a15_aParentOfManyLinkedChildrenExits_andEveryLinkedChildDies() {
            int before = node.processCount();
            Pid to = me.pid();
            Pid[] children = new Pid[CHILDREN];
            Pid parent = node.spawn(Behaviors.setup(ctx -> {
                for (int i = 0; i < CHILDREN; i++) children[i] = ctx.spawnLink(idle());
                for (int i = 0; i < CHILDREN; i += 2) ctx.unlink(children[i]); // A20: these survive
                ctx.send(to, SET);
                return idle();
            }));
            assertThat(next(me)).isEqualTo(SET);
            assertThat(node.processInfo(parent).orElseThrow().links())
                    .hasSize(CHILDREN / 2).doesNotContain(children[0]).contains(children[1], children[CHILDREN - 1]);
            assertThat(node.processInfo(children[CHILDREN - 1]).orElseThrow().links()).containsExactly(parent);
            Ref last = me.monitor(children[CHILDREN - 1]);

            node.exit(parent, Atom.of("boom"));
            assertThat(next(me)).isEqualTo(down(last, children[CHILDREN - 1], Atom.of("boom")));
            Probes.await(() -> node.processCount() == before + CHILDREN / 2, "the linked half to die");
            for (int i = 0; i < CHILDREN; i++) {
                assertThat(node.isAlive(children[i])).as("child %d", i).isEqualTo(i % 2 == 0);
            }
            assertThat(node.processInfo(children[0]).orElseThrow().links()).isEmpty();
        }
    }

    @Nested
    class RegisteredNames {
        @Test
        void a31_registerFailsWithBadargOnEveryConflict() {
            Pid a = node.spawn(idle());
            Pid b = node.spawn(idle());
            node.register("a", a);
            assertThatThrownBy(() -> node.register("a", b)).isInstanceOfSatisfying(ErlangError.class,
                    e -> assertThat(e.reason()).isEqualTo(Atom.BADARG));
            assertThatThrownBy(() -> node.register("other", a)).isInstanceOf(ErlangError.class);
            assertThatThrownBy(() -> node.register("undefined", b)).isInstanceOf(ErlangError.class);
            Pid dead = node.spawn(Behaviors.setup(ctx -> Behaviors.stop()));
            Probes.await(() -> !node.isAlive(dead), "the process to exit");
            assertThatThrownBy(() -> node.register("dead", dead)).isInstanceOf(ErlangError.class);
            assertThat(node.whereis("a")).contains(a);
        }

        @Test
        void a32_a33_unregisterAndWhereis() {
            Pid a = node.spawn(idle());
            node.register("a", a);
            assertThat(node.whereis("a")).contains(a);
            node.unregister("a");
            assertThat(node.whereis("a")).isEmpty();
            assertThatThrownBy(() -> node.unregister("a")).isInstanceOf(ErlangError.class);
        }

        @Test
        void a34_aNameIsFreedWhenItsProcessExits() {
            Pid a = node.spawn(idle());
            node.register("a", a);
            Ref ref = me.monitor(a);
            node.exit(a, FOO);
            next(me);
            assertThat(node.whereis("a")).isEmpty();
            assertThat(node.registered()).doesNotContain("a");
        }

        @Test
        void a35_sendingToAnUnregisteredNameIsBadargButADeadPidIsFine() {
            assertThatThrownBy(() -> node.send("nobody", "hi")).isInstanceOfSatisfying(ErlangError.class,
                    e -> assertThat(e.reason()).isEqualTo(Atom.BADARG));
            Pid dead = node.spawn(Behaviors.setup(ctx -> Behaviors.stop()));
            Probes.await(() -> !node.isAlive(dead), "the process to exit");
            node.send(dead, "hi");
            Pid p = node.spawn(Behaviors.receive((ctx, m) -> {
                ctx.send("nobody", "hi");
                return Behaviors.same();
            }));
            Object reason = exitReasonAfter(p, GO);
            assertThat(((Tuple2) reason).e0()).isEqualTo(Atom.BADARG);
        }

        @Test
        void sendToANameReachesTheProcess() {
            Pid f = node.spawn(forwarder(me.pid()));
            node.register("fwd", f);
            node.send("fwd", "by name");
            assertThat(next(me)).isEqualTo("by name");
        }

        Object exitReasonAfter(Pid p, Object msg) {
            Ref ref = me.monitor(p);
            node.send(p, msg);
            Tuple5 d = (Tuple5) next(me);
            assertThat(d.e1()).isEqualTo(ref);
            return d.e4();
        }
    }
}
