package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DynamicSupervisorTest {
    static final Atom GOT_EXIT = Atom.of("got_exit");

    final ManualClock clock = new ManualClock();
    final Node node = node(clock);
    final Inbox me = node.inbox("test");

    @AfterEach
    void close() {
        me.close();
        node.close();
    }

    ChildSpec probe(Object state) {
        return ChildSpec.worker("p", ChildStart.genServer(new Probe(), Probe.arg(me.pid(), state)));
    }

    /** Traps exits, reports the EXIT it gets, and keeps running: only a kill stops it. */
    Behavior stubborn(Object id) {
        Pid test = me.pid();
        return Behaviors.setup(ctx -> {
            ctx.trapExit(true);
            ctx.send(test, Tuple.of(Atom.of("trapping"), id));
            return Behaviors.receive((c, m) -> {
                if (tagged(m, Atom.EXIT)) c.send(test, Tuple.of(GOT_EXIT, id, ((Tuple) m).get(2)));
                return Behaviors.same();
            });
        });
    }

    @Nested
    class DynamicSupervisors {
        @Test
        void startChild_whichChildren_countChildren_terminateChild() {
            Pid sup = DynamicSupervisor.start(node).pid();
            Pid a = DynamicSupervisor.startChild(node, sup, probe(1L)).pid();
            Pid b = DynamicSupervisor.startChild(node, sup, probe(2L)).pid(); // the same id twice is fine
            assertThat(DynamicSupervisor.whichChildren(node, sup)).extracting(ChildView::id, ChildView::child)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Atom.UNDEFINED, a),
                            org.assertj.core.groups.Tuple.tuple(Atom.UNDEFINED, b));
            assertThat(DynamicSupervisor.countChildren(node, sup)).isEqualTo(new Supervisor.ChildCounts(2, 2, 0, 2));
            assertThat(DynamicSupervisor.terminateChild(node, sup, a)).isEqualTo(Atom.OK);
            assertThat(DynamicSupervisor.terminateChild(node, sup, a)).isEqualTo(Tuple.of(Atom.ERROR, Atom.of("not_found")));
            assertThat(DynamicSupervisor.whichChildren(node, sup)).extracting(ChildView::child).containsExactly(b);
        }

        @Test
        void maxChildren_D36() {
            Pid sup = DynamicSupervisor.start(node, 3, 5, 1, StartOptions.DEFAULTS).pid();
            DynamicSupervisor.startChild(node, sup, probe(1L)).pid();
            assertThat(DynamicSupervisor.startChild(node, sup, probe(2L))).isEqualTo(StartResult.error(Atom.of("max_children")));
        }

        @Test
        void anIgnoringChild_givesIgnore_D36() {
            Pid sup = DynamicSupervisor.start(node).pid();
            assertThat(DynamicSupervisor.startChild(node, sup, probe(Atom.of("ignore")))).isEqualTo(StartResult.ignore());
            assertThat(DynamicSupervisor.countChildren(node, sup).specs()).isZero();
        }

        @Test
        void aCrashedPermanentChildIsRestarted_aTemporaryOneIsNot() {
            Pid sup = DynamicSupervisor.start(node).pid();
            Pid perm = DynamicSupervisor.startChild(node, sup, probe(1L)).pid();
            Pid temp = DynamicSupervisor.startChild(node, sup, probe(2L).withRestart(Restart.TEMPORARY)).pid();
            Ref m1 = me.monitor(perm), m2 = me.monitor(temp);
            node.exit(perm, Atom.of("boom"));
            node.exit(temp, Atom.of("boom"));
            downReason(me, m1);
            downReason(me, m2);
            List<ChildView> children = DynamicSupervisor.whichChildren(node, sup);
            assertThat(children).hasSize(1);
            assertThat(children.get(0).pid().orElseThrow()).isNotIn(perm, temp);
            assertThat(children.get(0).restartCount()).isEqualTo(1);
            assertThat(Observe.supervisor(node, sup).orElseThrow().dynamic()).isTrue();
        }

        @Test
        void shutdownStopsAllChildrenInParallel_D28() throws Exception {
            Pid sup = DynamicSupervisor.start(node).pid();
            List<Ref> mons = new ArrayList<>();
            for (String id : List.of("a", "b")) {
                ChildSpec spec = ChildSpec.worker(id, ChildStart.spawnLink(stubborn(id))).withShutdown(Shutdown.millis(1000));
                mons.add(me.monitor(DynamicSupervisor.startChild(node, sup, spec).pid()));
            }
            // spawn_link starts do not wait for the child: wait until both trap exits
            receive(me, m -> tagged(m, Atom.of("trapping")));
            receive(me, m -> tagged(m, Atom.of("trapping")));
            Ref supMon = me.monitor(sup);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> DynamicSupervisor.stop(node, sup));
            // Both get their shutdown before any timeout has passed: they are signalled at once.
            assertThat(List.of(receive(me, m -> tagged(m, GOT_EXIT)), receive(me, m -> tagged(m, GOT_EXIT))))
                    .extracting(m -> ((Tuple) m).get(2)).containsOnly(Atom.SHUTDOWN);
            for (Ref mon : mons) {
                Object down = advanceUntil(clock, Duration.ofMillis(1000), me, m -> isDown(m, mon));
                assertThat(((Tuple5) down).e4()).isEqualTo(Atom.KILLED);
            }
            assertThat(downReason(me, supMon)).isEqualTo(Atom.NORMAL);
            stopped.get(10, TimeUnit.SECONDS);
        }

        /** A shutdown timeout too long to count in milliseconds is a very long wait, not an ArithmeticException. */
        @Test
        void aShutdownTimeoutTooLongToCount_stopsTheChildAsAnyOther_D24() throws Exception {
            Shutdown forever = Shutdown.timeout(Duration.ofSeconds(Long.MAX_VALUE));
            assertThat(forever.toTerm()).isEqualTo(Long.MAX_VALUE);
            Pid sup = DynamicSupervisor.start(node).pid();
            Pid child = DynamicSupervisor.startChild(node, sup, probe(1L).withShutdown(forever)).pid();
            Ref childMon = me.monitor(child), supMon = me.monitor(sup);
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> DynamicSupervisor.stop(node, sup));
            assertThat(downReason(me, childMon)).isEqualTo(Atom.SHUTDOWN);
            assertThat(downReason(me, supMon)).isEqualTo(Atom.NORMAL);
            stopped.get(10, TimeUnit.SECONDS);
        }
    }

    /** A DynamicSupervisor with a hundred thousand children keeps exact books (D11, D30, D33). */
    @Nested
    class AtScale {
        static final int N = 100_000;

        /** The children's pids, in order (List.equals: AssertJ's containsExactly is quadratic on 100,000). */
        static List<Pid> pids(List<ChildView> children) {
            List<Pid> out = new ArrayList<>(children.size());
            for (ChildView c : children) out.add(c.pid().orElseThrow());
            return out;
        }

        @Test
        void aHundredThousandChildren_counted_listedInStartOrder_oneTerminatedAndOneRestartedInTheMiddle() {
            int before = node.processCount();
            Pid sup = DynamicSupervisor.start(node).pid();
            ChildSpec spec = ChildSpec.worker("w", ChildStart.spawnLink(Behaviors.receive((c, m) -> Behaviors.unhandled())));
            List<Pid> started = new ArrayList<>(N);
            for (int i = 0; i < N; i++) started.add(DynamicSupervisor.startChild(node, sup, spec).pid());
            assertThat(DynamicSupervisor.countChildren(node, sup)).isEqualTo(new Supervisor.ChildCounts(N, N, 0, N));
            assertThat(pids(DynamicSupervisor.whichChildren(node, sup))).isEqualTo(started);

            Pid gone = started.get(N / 2);
            assertThat(DynamicSupervisor.terminateChild(node, sup, gone)).isEqualTo(Atom.OK);
            assertThat(node.isAlive(gone)).isFalse();
            started.remove(N / 2);
            Pid crashed = started.get(N / 3);
            Ref mon = me.monitor(crashed);
            node.exit(crashed, Atom.of("boom"));
            assertThat(downReason(me, mon)).isEqualTo(Atom.of("boom"));

            // the call is answered after the EXIT was handled: the restart is done
            assertThat(DynamicSupervisor.countChildren(node, sup)).isEqualTo(new Supervisor.ChildCounts(N - 1, N - 1, 0, N - 1));
            List<ChildView> children = DynamicSupervisor.whichChildren(node, sup);
            assertThat(children).hasSize(N - 1);
            Pid restarted = children.get(N / 3).pid().orElseThrow(); // a restarted child keeps its place
            assertThat(restarted).isNotEqualTo(crashed);
            assertThat(children.get(N / 3).restartCount()).isEqualTo(1);
            started.set(N / 3, restarted);
            assertThat(pids(children)).isEqualTo(started);
            assertThat(pids(Observe.supervisor(node, sup).orElseThrow().children())).isEqualTo(started);
            assertThat(Observe.dynamicSupervisor(node, sup)).contains(true);
            assertThat(Observe.dynamicSupervisor(node, started.get(0))).isEmpty();

            Ref supMon = me.monitor(sup);
            DynamicSupervisor.stop(node, sup);
            assertThat(downReason(me, supMon)).isEqualTo(Atom.NORMAL);
            awaitCondition(() -> node.processCount() == before, () -> node.processCount() - before + " processes left");
        }
    }
}
