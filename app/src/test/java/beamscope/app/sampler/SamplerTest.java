package beamscope.app.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.NodeState;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SamplerTest {
    final Node node = Node.start(NodeConfig.defaults().withSchedulers(2));
    final LocalNode observed = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE);
    final List<Runnable> fxQueue = new ArrayList<>();
    final List<Frame> delivered = new ArrayList<>();
    final Sampler sampler = new Sampler(observed, fxQueue::add, delivered::add);

    @AfterEach
    void stop() {
        sampler.close();
        observed.close();
        node.close();
    }

    List<Pid> spawn(int n) {
        List<Pid> pids = new ArrayList<>();
        for (int i = 0; i < n; i++) pids.add(observed.spawn(ProcessKind.COUNTER, EmbeddedControls.Spawn.defaults()));
        return pids;
    }

    @Nested
    class TopN {
        @Test
        void rowsAreTheFirstOfTheAskedOrder_andMatchingCountsAll() {
            List<Pid> pids = spawn(20);
            Frame f = sampleWith(new Query(SortKey.PID, false, "", 5, null));
            assertThat(f.rows()).extracting(ProcessRow::pid).containsExactlyElementsOf(
                    f.rows().stream().map(ProcessRow::pid).sorted().toList());
            assertThat(f.rows()).hasSize(5);
            assertThat(f.matching()).isEqualTo(node.processCount());
            assertThat(f.rows().get(0).pid().id()).isLessThanOrEqualTo(pids.get(0).id());
        }

        @Test
        void theFilterMatchesInitialCallsAndNames() {
            spawn(3);
            Pid named = observed.spawn(ProcessKind.STACK, EmbeddedControls.Spawn.defaults());
            node.register("the_stack", named);
            Frame f = sampleWith(Query.defaults().withFilter("THE_STACK"));
            assertThat(f.rows()).extracting(ProcessRow::pid).containsExactly(named);
            assertThat(sampleWith(Query.defaults().withFilter("counter.init")).matching()).isEqualTo(3);
        }

        @Test
        void aBusyProcessHasAReductionRate_andLeadsTheDefaultOrder() throws Exception {
            spawn(3);
            Pid spinner = observed.spawn(ProcessKind.SPINNER, EmbeddedControls.Spawn.defaults());
            try {
                sampler.sample();
                await(() -> {
                    Frame f = sampler.sample();
                    return f.rows().get(0).pid().equals(spinner) && f.rows().get(0).reductionsPerSecond() > 0;
                });
            } finally {
                node.exit(spinner, Atom.KILL);
            }
        }

        Frame sampleWith(Query q) {
            sampler.setQuery(q);
            return sampler.sample();
        }
    }

    @Nested
    class HandOff {
        @Test
        void atMostOneDeliveryIsPending_andASkippedFrameKeepsItsEvents() throws Exception {
            Pid first = spawn(1).get(0);
            Frame a = sampler.sample();
            node.exit(first, Atom.KILL);
            awaitExit(first);
            Frame b = sampler.sample();
            sampler.publish(a);
            sampler.publish(b);
            assertThat(fxQueue).hasSize(1);
            fxQueue.remove(0).run();
            assertThat(delivered).hasSize(1);
            Frame shown = delivered.get(0);
            assertThat(shown.seq()).isEqualTo(b.seq());
            assertThat(shown.events()).anyMatch(e -> e instanceof Event.Spawn s && s.pid().equals(first));
            assertThat(shown.events()).anyMatch(e -> e instanceof Event.Exit x && x.pid().equals(first));
        }

        @Test
        void theNextFrameAfterADeliveryQueuesAgain() {
            sampler.sampleNow();
            fxQueue.remove(0).run();
            sampler.sampleNow();
            assertThat(fxQueue).hasSize(1);
        }
    }

    @Nested
    class Selection {
        @Test
        void aDeadSelectedProcessComesWithItsExitReason() throws Exception {
            Pid p = spawn(1).get(0);
            node.exit(p, Atom.of("shutdown"));
            awaitExit(p);
            sampler.setQuery(Query.defaults().withSelected(p));
            Frame.Selected s = sampler.sample().selected();
            assertThat(s.info()).isEmpty();
            assertThat(s.exitReason()).contains(Atom.SHUTDOWN);
        }

        @Test
        void aLiveServerComesWithItsState() {
            Pid p = spawn(1).get(0);
            observed.cast(p, beamscope.runtime.Terms.parse("{:increment, 7}"));
            sampler.setQuery(Query.defaults().withSelected(p));
            await(() -> sampler.sample().selected().state().orElse("").equals("7"));
        }
    }

    @Nested
    class Supervisors {
        @Test
        void framesCarryEverySupervisorAndTheRowsOfItsChildren_withRestartCounts() throws Exception {
            var spec = beamscope.runtime.otp.ChildSpec.worker(Atom.of("c1"),
                    beamscope.app.demo.Examples.childStart(ProcessKind.COUNTER, null));
            var started = beamscope.runtime.otp.Supervisor.start(node,
                    beamscope.runtime.otp.SupervisorFlags.of(beamscope.runtime.otp.Strategy.ONE_FOR_ONE), List.of(spec));
            Pid sup = ((beamscope.runtime.otp.StartResult.Ok) started).pid();
            Pid child = beamscope.runtime.otp.Supervisor.whichChildren(node, sup).get(0).pid().orElseThrow();
            node.exit(child, Atom.KILL);
            await(() -> beamscope.runtime.otp.Supervisor.whichChildren(node, sup).get(0).restartCount() == 1
                    && beamscope.runtime.otp.Supervisor.whichChildren(node, sup).get(0).pid().isPresent());
            Pid restarted = beamscope.runtime.otp.Supervisor.whichChildren(node, sup).get(0).pid().orElseThrow();
            sampler.sample();
            Frame f = sampler.sample();
            assertThat(f.supervisors()).containsKey(sup);
            assertThat(f.supervised()).containsKeys(sup, restarted);
            assertThat(f.supervised().get(restarted).restarts()).isEqualTo(1);
            assertThat(f.supervised().get(sup).restarts()).isEqualTo(1);
        }
    }

    /** The walk over every process runs when asked for or due; frames in between reuse it. */
    /** A node seen through the common interface only, whose connection the test sets. */
    static Observed withConnection(Observed target, java.util.concurrent.atomic.AtomicReference<NodeState> state) {
        return (Observed) java.lang.reflect.Proxy.newProxyInstance(Observed.class.getClassLoader(),
                new Class<?>[] {Observed.class}, (proxy, m, args) -> {
                    if (m.getName().equals("state")) return state.get();
                    if (m.getName().equals("embedded")) return java.util.Optional.empty();
                    if (state.get() != NodeState.CONNECTED && !m.getName().equals("close") && !m.getName().equals("subscribe"))
                        throw new IllegalStateException("not connected: " + m.getName());
                    try {
                        return m.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Nested
    class Connection {
        final java.util.concurrent.atomic.AtomicReference<NodeState> state = new java.util.concurrent.atomic.AtomicReference<>(NodeState.CONNECTED);
        final Sampler remote = new Sampler(withConnection(observed, state), Runnable::run, f -> { });

        @AfterEach
        void closeRemote() {
            remote.close();
        }

        @Test
        void whileTheNodeIsNotConnected_framesRepeatWhatWasLastSeen_sayingSo_andReadNothing() {
            Frame seen = remote.sample();
            assertThat(seen.nodeState()).isEqualTo(NodeState.CONNECTED);
            for (NodeState s : List.of(NodeState.RECONNECTING, NodeState.DOWN)) {
                state.set(s);     // every read would throw now
                Frame f = remote.sample();
                assertThat(f.nodeState()).isEqualTo(s);
                assertThat(f.seq()).isGreaterThan(seen.seq());
                assertThat(f.node()).isSameAs(seen.node());
                assertThat(f.rows()).isSameAs(seen.rows());
                assertThat(f.events()).isEmpty();
                assertThat(f.reductionsPerSecond()).isZero();
            }
            state.set(NodeState.CONNECTED);
            Frame back = remote.sample();
            assertThat(back.nodeState()).isEqualTo(NodeState.CONNECTED);
            assertThat(back.node()).isNotSameAs(seen.node());
        }

        @Test
        void aNodeNeverSeenConnected_givesNoFrame() {
            state.set(NodeState.RECONNECTING);
            assertThat(remote.sample()).isNull();
        }
    }

    @Nested
    class Cadence {
        /** A clock the test moves: each reading advances it by {@code step} (so a walk "takes" one step). */
        final long[] clock = {1_000_000_000L};
        final long step = 1_000_000; // 1 ms per reading
        final Sampler timed = new Sampler(observed, fxQueue::add, delivered::add, () -> clock[0] += step);

        @AfterEach
        void closeTimed() {
            timed.close();
        }

        @Test
        void framesBetweenWalksCarryTheSameRowsButAFreshSnapshot() {
            spawn(3);
            Frame walked = timed.next();
            Pid late = observed.spawn(ProcessKind.ECHO, EmbeddedControls.Spawn.defaults());
            Frame light = timed.next();
            assertThat(light.rows()).isSameAs(walked.rows());
            assertThat(light.rows()).extracting(ProcessRow::pid).doesNotContain(late);
            assertThat(light.node().processes()).isEqualTo(walked.node().processes() + 1);
            assertThat(light.seq()).isGreaterThan(walked.seq());
        }

        @Test
        void theNextWalkComesAfterIdlingNineteenTimesAsLongAsTheLastOne() {
            spawn(3);
            Frame walked = timed.next();
            // the walk took a few clock readings; idle 19 times that, then walk again
            int light = 0;
            Frame f;
            while ((f = timed.next()).rows() == walked.rows()) {
                // the clock is the test's, so the count is fixed; a walk that never comes fails here, not hangs
                assertThat(++light).as("light frames, and still no walk").isLessThan(100 * Sampler.WALK_IDLE_FACTOR);
            }
            assertThat(light).isGreaterThanOrEqualTo(Sampler.WALK_IDLE_FACTOR);
            assertThat(f.rows()).isNotSameAs(walked.rows());
        }

        @Test
        void anActionThatEnds_getsAWalkAtOnce_notAfterTheIdleSpacing() {
            spawn(3);
            javafx.beans.property.BooleanProperty busy = new javafx.beans.property.SimpleBooleanProperty();
            timed.walkWhenDone(busy);
            Frame walked = timed.next();
            busy.set(true);   // a lesson's step runs, and spawns
            Pid late = observed.spawn(ProcessKind.ECHO, EmbeddedControls.Spawn.defaults());
            assertThat(timed.next().rows()).isSameAs(walked.rows());
            busy.set(false);
            assertThat(timed.next().rows()).extracting(ProcessRow::pid).contains(late);
        }

        @Test
        void anotherOrderOrFilterOrAShapeChangeWalksAtOnce_aSelectionDoesNot() {
            List<Pid> pids = spawn(3);
            Frame first = timed.next();
            timed.update(q -> q.withSelected(pids.get(0)));
            Frame selected = timed.next();
            assertThat(selected.rows()).isSameAs(first.rows());
            assertThat(selected.selected().pid()).isEqualTo(pids.get(0));

            timed.update(q -> q.withFilter("counter"));
            Frame filtered = timed.next();
            assertThat(filtered.rows()).isNotSameAs(first.rows());
            assertThat(filtered.query().filter()).isEqualTo("counter");

            timed.walkNow();
            assertThat(timed.next().rows()).isNotSameAs(filtered.rows());
        }
    }

    void awaitExit(Pid p) throws Exception {
        await(() -> !node.isAlive(p));
    }

    static void await(java.util.concurrent.Callable<Boolean> c) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not met in time", e);
        }
    }


    @Test
    void aCounterThatWentBack_givesNoRate_notANegativeOne() {
        var r = new Object() {
            double of(long before, long after, double seconds) { return beamscope.app.schedulers.Rates.rate(before, after, seconds); }
        };
        assertThat(r.of(1_000, 1_500, 0.5)).isEqualTo(1_000.0);
        assertThat(r.of(1_500, 1_000, 0.5)).as("a timeline moved back").isNaN();
        assertThat(r.of(1_000, -1, 0.5)).as("a counter the node does not give").isNaN();
        assertThat(r.of(0, 1_000, 0)).isZero();
        assertThat(beamscope.app.Numbers.compact(r.of(1_500, 1_000, 0.5))).isEqualTo("—");
    }
}
