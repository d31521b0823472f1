package beamscope.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.app.observe.NodeState;
import beamscope.app.sampler.Frame;
import beamscope.app.sampler.ProcessRow;
import beamscope.app.sampler.Sampler;
import beamscope.app.tree.TreeItem;
import beamscope.app.tree.TreeViewModel;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link RemoteNode} as the views see it: the window's sampler (same-thread hand-off, no toolkit) takes frames
 * of a real node running the fixture application, as it does of the embedded node. Every node is started here
 * and stopped in {@link #stop()}; waits take frames until a condition holds, with a deadline.
 */
@Tag("beam")
class RemoteNodeTest {

    static LocalBeam fixture;
    static Connection connection;
    static RemoteNode observed;
    static Sampler sampler;
    static TreeViewModel tree;

    @BeforeAll
    static void start() throws Exception {
        Path ebin = RealNodesTest.compileFixture();
        fixture = LocalBeam.start(LocalBeam.Shell.ERL, LocalBeam.randomName(), LocalBeam.randomCookie(), List.of("-pa",
                ebin.toString(), "-eval", "{ok, _} = application:ensure_all_started(bs_fixture),"
                        + " register(bs_inbox, spawn(timer, sleep, [infinity])),"
                        + " [bs_inbox ! {msg, N} || N <- lists:seq(1, 5)],"
                        + " register(bs_target, spawn(timer, sleep, [infinity]))"));
        connection = fixture.attach();
        observed = RemoteNode.of(connection);
        RealNodesTest.await(() -> observed.whereis("bs_target").isPresent(), "bs_target registered");
        sampler = new Sampler(observed, Runnable::run, f -> {});
        tree = new TreeViewModel(new SimpleObjectProperty<>());
        sampler.attachTree(tree);
    }

    @AfterAll
    static void stop() {
        if (sampler != null) sampler.close();
        if (observed != null) observed.close();
        if (connection != null) connection.close();
        if (fixture != null) fixture.close();
    }

    /** Takes frames (each one a walk, as the window's first frames are) until one satisfies {@code wanted}. */
    static Frame frameWhere(Predicate<Frame> wanted, String what) {
        long deadline = System.nanoTime() + RealNodesTest.DEADLINE.toNanos();
        while (true) {
            Frame f = sampler.sample();
            if (f != null && f.tree() != null) tree.apply(f.tree());
            if (f != null && wanted.test(f)) return f;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
        }
    }

    static Pid pid(String name) {
        return observed.whereis(name).orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    static TreeItem item(Frame f, Pid pid) {
        return f.tree().item(pid);
    }

    @Nested
    class Views {
        @Test
        void theTreeShowsTheSupervisorsWithTheirStrategies_andTheirChildrenById() {
            Pid top = pid("bs_top"), leaf = pid("bs_leaf");
            Frame f = frameWhere(x -> item(x, leaf) != null && item(x, leaf).supervisor() != null, "bs_leaf in the tree");
            assertThat(item(f, top).kind()).isEqualTo(TreeItem.Kind.SUPERVISOR);
            assertThat(item(f, top).supervisor().strategy()).isEqualTo(Strategy.ONE_FOR_ONE);
            assertThat(item(f, top).supervisor().label()).isEqualTo("one_for_one 10/5s");
            assertThat(item(f, leaf).supervisor().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
            TreeItem w3 = item(f, pid("bs_w3"));
            assertThat(w3.kind()).isEqualTo(TreeItem.Kind.WORKER);
            assertThat(w3.childId()).isEqualTo(Atom.of("bs_w3"));
            assertThat(f.tree().parentOf(w3).pid()).isEqualTo(leaf);
            assertThat(w3.restarts()).as("a BEAM supervisor does not count restarts per child").isEqualTo(-1);
        }

        @Test
        void supervisorChildren_carryIdsPidsTypesAndRestartTypes_butNoRestartCounts() {
            SupervisorView top = observed.supervisor(pid("bs_top")).orElseThrow();
            assertThat(top.children()).extracting(ChildView::id)
                    .containsExactly(Atom.of("bs_counter"), Atom.of("bs_mid"), Atom.of("bs_dyn"));
            assertThat(top.children()).allSatisfy(c -> {
                assertThat(c.pid()).isPresent();
                assertThat(c.restart()).isEqualTo(Restart.PERMANENT);
                assertThat(c.restartCount()).isEqualTo(-1);
            });
            assertThat(top.children().get(1).type()).isEqualTo(beamscope.runtime.otp.ChildType.SUPERVISOR);
            assertThat(observed.supervisor(pid("bs_dyn")).orElseThrow().dynamic()).isTrue();
            assertThat(observed.supervisor(pid("bs_counter"))).isEmpty();
        }

        @Test
        void theTableShowsEveryProcess_withUnknownRestartsAsUnknown_andTheSnapshotSaysWhatIsUnavailable() {
            Pid counter = pid("bs_counter");
            Frame f = frameWhere(x -> x.rows().stream().anyMatch(r -> r.pid().equals(counter) && r.restarts() == -1),
                    "bs_counter's row with its unknown restart count");
            ProcessRow row = f.rows().stream().filter(r -> r.pid().equals(counter)).findFirst().orElseThrow();
            assertThat(row.name()).isEqualTo("bs_counter");
            assertThat(row.initialCall()).isEqualTo(":bs_fixture_worker.init/1");
            assertThat(row.parent()).isEqualTo(pid("bs_top"));
            assertThat(f.matching()).isEqualTo(f.rows().size()).isGreaterThan(30);
            assertThat(f.node().schedulers()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.running()).isNull();
                assertThat(s.contextSwitches()).isEqualTo(-1);
                assertThat(s.totalNanos()).isPositive();
            });
            assertThat(f.node().messagesSent()).isEqualTo(-1);
            assertThat(f.messagesPerSecond()).isNaN();
            assertThat(f.node().reductions()).isPositive();
        }

        @Test
        void theInspectorPeeksAShortMailbox_andReadsAServersState() {
            Pid inbox = pid("bs_inbox"), counter = pid("bs_counter");
            sampler.update(q -> q.withSelected(inbox));
            Frame f = frameWhere(x -> x.selected() != null && x.selected().pid().equals(inbox), "bs_inbox selected");
            assertThat(f.selected().info().orElseThrow().messages()).startsWith(Tuple.of(Atom.of("msg"), 1L), Tuple.of(Atom.of("msg"), 2L));
            assertThat(f.selected().state()).isEmpty();
            sampler.update(q -> q.withSelected(counter));
            Frame g = frameWhere(x -> x.selected() != null && x.selected().pid().equals(counter), "bs_counter selected");
            assertThat(g.selected().state().orElseThrow()).contains("count:");
            sampler.update(q -> q.withSelected(null));
        }
    }

    @Nested
    class Acting {
        @Test
        void actionsAreRefused_untilDestructiveActionsAreOn() {
            connection.allowDestructive(false);
            Pid w2 = pid("bs_w2");
            assertThatThrownBy(() -> observed.exit(w2, Atom.KILL))
                    .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.DESTRUCTIVE_OFF));
            assertThatThrownBy(() -> observed.send(w2, Atom.OK)).isInstanceOf(RemoteError.class);
            assertThatThrownBy(() -> observed.call(w2, Atom.of("get"), Duration.ofSeconds(1))).isInstanceOf(RemoteError.class);
            assertThat(pid("bs_w2")).isEqualTo(w2);
        }

        @Test
        void aKilledWorker_underOneForAll_isSeenRestartedWithItsSibling_inALaterFrame_withDerivedEvents() {
            connection.allowDestructive(true);
            Pid leaf = pid("bs_leaf"), w3 = pid("bs_w3"), w4 = pid("bs_w4");
            frameWhere(x -> item(x, w3) != null, "bs_w3 in the tree");
            observed.exit(w3, Atom.KILL);
            List<Event> events = new ArrayList<>();
            Frame f = frameWhere(x -> {
                events.addAll(x.events());
                SupervisorView v = x.supervisors().get(leaf);
                // the walk reads the table before the supervisors: the new pids are in the tree a walk later
                return v != null && v.children().stream().allMatch(c -> c.pid().isPresent() && !c.pid().get().equals(w3)
                        && !c.pid().get().equals(w4) && item(x, c.pid().get()) != null);
            }, "bs_leaf to show both workers restarted");
            Pid newW3 = f.supervisors().get(leaf).children().get(0).pid().orElseThrow();
            assertThat(item(f, newW3)).isNotNull();
            assertThat(f.tree().parentOf(item(f, newW3)).pid()).isEqualTo(leaf);
            if (item(f, w3) != null) {
                assertThat(item(f, w3).status()).as("the old pid, if still drawn, fades out").isEqualTo(beamscope.runtime.ProcessStatus.EXITING);
            }
            // the events a real node gives an observer: differences between table reads, labelled as such
            frameWhere(x -> {
                events.addAll(x.events());
                return events.stream().anyMatch(e -> e instanceof Event.Spawn s && s.pid().equals(newW3));
            }, "a derived spawn of the new bs_w3");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Report.class, r -> {
                assertThat(r.pid()).isEqualTo(w3);
                assertThat(r.details().toString()).contains("missing from a table read");
            }));
            assertThat(events).filteredOn(e -> e instanceof Event.Spawn s && s.pid().equals(newW3))
                    .allSatisfy(e -> assertThat(((Event.Spawn) e).initialCall()).endsWith("(new in a table read)"));
        }

        @Test
        void aChildStartedUnderASimpleOneForOneSupervisor_isInItsChildrenInTheNextFrame() {
            connection.allowDestructive(false);
            Pid dyn = pid("bs_dyn");
            assertThatThrownBy(() -> observed.startChild(dyn, List.of())).isInstanceOf(RemoteError.class)
                    .hasMessageContaining("destructive actions are off");
            connection.allowDestructive(true);
            Pid child = observed.startChild(dyn, List.of());
            Frame f = frameWhere(x -> x.supervisors().containsKey(dyn), "bs_dyn in a frame");
            assertThat(f.supervisors().get(dyn).children()).anySatisfy(c -> {
                assertThat(c.pid()).contains(child);
                assertThat(c.restart()).isEqualTo(Restart.PERMANENT);
            });
        }

        @Test
        void aCallFromTheShell_getsItsReply_andACastChangesTheState() {
            connection.allowDestructive(true);
            Pid counter = pid("bs_counter");
            observed.cast(counter, Tuple.of(Atom.of("add"), 5L));
            var reply = observed.call(counter, Atom.of("get"), Duration.ofSeconds(20));
            Frame f = frameWhere(x -> x.shell().stream().anyMatch(m -> m.reply()), "the reply in the shell");
            var m = f.shell().stream().filter(s -> s.reply()).findFirst().orElseThrow();
            assertThat(m.request()).isEqualTo(":get");
            assertThat(m.message()).isInstanceOfSatisfying(Map.class, s -> assertThat(s.get(Atom.of("count"))).isInstanceOf(Long.class));
            assertThat(reply.join()).isEqualTo(m.message());
            assertThat((Long) ((Map<?, ?>) m.message()).get(Atom.of("count"))).isGreaterThanOrEqualTo(5L);
        }

        @Test
        void aMonitoredProcess_sendsItsDownToTheShell_withTheReason() {
            connection.allowDestructive(true);
            Pid inbox = pid("bs_target");
            observed.monitor(inbox);
            // the monitor is set up by a process on the node; it is in place once the node lists it
            RealNodesTest.await(() -> observed.info(inbox, 0).orElseThrow().monitoredBy().size() == 1, "the monitor in place");
            observed.exit(inbox, Tuple.of(Atom.of("shutdown"), Atom.of("by_test")));
            Frame f = frameWhere(x -> x.shell().stream().anyMatch(m -> m.message() instanceof Tuple t && t.get(0).equals(Atom.of("DOWN"))),
                    "the DOWN in the shell");
            Tuple down = (Tuple) f.shell().stream().map(m -> m.message()).filter(m -> m instanceof Tuple t && t.get(0).equals(Atom.of("DOWN")))
                    .findFirst().orElseThrow();
            assertThat(down.get(3)).isEqualTo(inbox);
            assertThat(down.get(4)).isEqualTo(Tuple.of(Atom.of("shutdown"), Atom.of("by_test")));
        }
    }

    @Test
    void aNodeThatGoesAway_isReconnecting_andConnectedWhenItIsBack_andTheViewsKeepWhatTheySaw() throws Exception {
        String name = LocalBeam.randomName(), cookie = LocalBeam.randomCookie();
        LocalBeam first = LocalBeam.start(LocalBeam.Shell.ERL, name, cookie, List.of());
        LocalBeam again = null;
        try (Connection c = first.attach(); RemoteNode n = RemoteNode.of(c); Sampler s = new Sampler(n, Runnable::run, f -> {})) {
            Frame seen = s.sample();
            assertThat(seen.nodeState()).isEqualTo(NodeState.CONNECTED);
            assertThat(n.state()).isEqualTo(NodeState.CONNECTED);
            first.kill();
            assertThat(c.awaitState(Connection.State.RECONNECTING, RealNodesTest.DEADLINE)).isTrue();
            assertThat(n.state()).isEqualTo(NodeState.RECONNECTING);
            Frame away = s.sample();
            assertThat(away.nodeState()).isEqualTo(NodeState.RECONNECTING);
            assertThat(away.rows()).as("what was last seen").isEqualTo(seen.rows());

            again = LocalBeam.start(LocalBeam.Shell.ERL, name, cookie, List.of());
            assertThat(c.awaitState(Connection.State.CONNECTED, RealNodesTest.DEADLINE)).isTrue();
            assertThat(n.state()).isEqualTo(NodeState.CONNECTED);
            Frame back = s.sample();
            assertThat(back.nodeState()).isEqualTo(NodeState.CONNECTED);
            Pid codeServer = n.whereis("code_server").orElseThrow();
            assertThat(back.rows()).extracting(ProcessRow::pid).contains(codeServer);
            assertThat(Optional.ofNullable(seen.rows().stream().filter(r -> "code_server".equals(r.name())).findFirst().orElseThrow().pid()))
                    .as("a new incarnation's pids are new").isNotEqualTo(Optional.of(codeServer));
        } finally {
            first.close();
            if (again != null) again.close();
        }
    }
}
