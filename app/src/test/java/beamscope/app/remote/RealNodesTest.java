package beamscope.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildType;
import com.ericsson.otp.erlang.OtpEpmd;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real BEAM nodes on loopback (issue 13, item 9): a node running a fixture application whose supervision tree
 * is three levels deep, one with 100,000 processes, a two-node cluster (the fixture node and an Elixir node),
 * and a node that is killed and started again. Every node is started here with a random cookie and stopped in
 * {@link #stopNodes()} (and by {@link LocalBeam}'s shutdown hook if the JVM ends first). Waits poll with a
 * deadline; nothing sleeps.
 */
@Tag("beam")
public class RealNodesTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final int MANY = 100_000;

    static Path ebin;
    static LocalBeam fixture, big, elixir;
    static Connection toFixture;
    static final List<AutoCloseable> started = new ArrayList<>();

    @BeforeAll
    static void startNodes() throws Exception {
        ebin = compileFixture();
        String cookie = LocalBeam.randomCookie();
        CompletableFuture<LocalBeam> f = CompletableFuture.supplyAsync(() -> LocalBeam.start(LocalBeam.Shell.ERL,
                LocalBeam.randomName(), cookie, List.of("-pa", ebin.toString(), "-eval",
                        "{ok, _} = application:ensure_all_started(bs_fixture),"
                                + " register(bs_inbox, spawn(timer, sleep, [infinity])),"
                                + " [bs_inbox ! {msg, N} || N <- lists:seq(1, 5)],"
                                + " register(bs_flood, spawn(timer, sleep, [infinity])),"
                                + " [bs_flood ! N || N <- lists:seq(1, 5000)],"
                                + " register(bs_ready, spawn(timer, sleep, [infinity]))")));
        CompletableFuture<LocalBeam> b = CompletableFuture.supplyAsync(() -> LocalBeam.start(LocalBeam.Shell.ERL,
                LocalBeam.randomName(), LocalBeam.randomCookie(), List.of("+P", "1048576", "-eval",
                        "[spawn(timer, sleep, [infinity]) || _ <- lists:seq(1, " + MANY + ")],"
                                + " register(bs_ready, spawn(timer, sleep, [infinity]))")));
        CompletableFuture<LocalBeam> e = CompletableFuture.supplyAsync(() -> LocalBeam.start(LocalBeam.Shell.IEX,
                LocalBeam.randomName(), cookie, List.of("-e",
                        "{:ok, pid} = DynamicSupervisor.start_link(name: BsDyn, strategy: :one_for_one); Process.unlink(pid)")));
        try {
            fixture = f.join();
        } finally {
            b.whenComplete((n, x) -> { if (n != null) remember(n); });
            e.whenComplete((n, x) -> { if (n != null) remember(n); });
            f.whenComplete((n, x) -> { if (n != null) remember(n); });
        }
        big = b.join();
        elixir = e.join();
        toFixture = remember(fixture.attach());
        awaitRegistered(toFixture.node(), "bs_ready");
    }

    static synchronized <T extends AutoCloseable> T remember(T closeable) {
        if (!started.contains(closeable)) started.add(closeable);
        return closeable;
    }

    @AfterAll
    static void stopNodes() {
        List<AutoCloseable> all;
        synchronized (RealNodesTest.class) {
            all = new ArrayList<>(started);
        }
        // connections first (they release what they set up), then the nodes
        all.sort(Comparator.comparing(c -> c instanceof Connection ? 0 : 1));
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // keep stopping the rest
            }
        }
    }

    public static Path compileFixture() throws IOException, InterruptedException, URISyntaxException {
        Path src = Path.of(RealNodesTest.class.getResource("/beam/bs_fixture.app").toURI()).getParent();
        Path out = Files.createTempDirectory("bs_fixture");
        List<String> cmd = new ArrayList<>(List.of("erlc", "-o", out.toString()));
        try (Stream<Path> files = Files.list(src)) {
            files.filter(p -> p.toString().endsWith(".erl")).forEach(p -> cmd.add(p.toString()));
        }
        Process erlc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(erlc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(erlc.waitFor()).as("erlc: %s", output).isZero();
        Files.copy(src.resolve("bs_fixture.app"), out.resolve("bs_fixture.app"));
        return out;
    }

    static void awaitRegistered(BeamNode node, String name) {
        await(() -> node.whereis(name).isPresent(), name + " registered on " + node.name());
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    static <T> T awaitValue(Supplier<Optional<T>> read, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<T> v = read.get();
            if (v.isPresent()) return v.get();
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
        }
    }

    static Pid pid(String name) {
        return toFixture.node().whereis(name).orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    static Supervision.Child child(Supervision.Supervisor s, String id) {
        return s.children().stream().filter(c -> c.id().equals(Atom.of(id))).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + id + " in " + s));
    }

    @Nested
    class Attaching {
        @Test
        void aWrongCookie_isRefusedWithAClearError() {
            assertThatThrownBy(() -> Connection.attach(fixture.node(), "NOT" + fixture.cookie()))
                    .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.WRONG_COOKIE))
                    .hasMessageContaining("refused the cookie");
        }

        @Test
        void aNodeThatIsNotRunning_isReportedDown_withTheNodesEpmdKnows() {
            assertThatThrownBy(() -> Connection.attach("beamscope_nobody", fixture.cookie()))
                    .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.NOT_RUNNING))
                    .hasMessageContaining("is down")
                    .hasMessageContaining(fixture.node().substring(0, fixture.node().indexOf('@')));
        }

        @Test
        void noEpmdOnTheHost_isReportedWithWhatToDo() throws IOException {
            int nobodyListens;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                nobodyListens = s.getLocalPort();
            }
            OtpEpmd.useEpmdPort(nobodyListens);
            try {
                assertThatThrownBy(() -> Connection.attach(fixture.node(), fixture.cookie()))
                        .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.NO_EPMD))
                        .hasMessageContaining("No epmd answers");
            } finally {
                OtpEpmd.useEpmdPort(0); // back to ERL_EPMD_PORT or 4369
            }
        }

        @Test
        void aMalformedName_isRefused() {
            assertThatThrownBy(() -> Connection.attach("a@b@c", "x"))
                    .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.BAD_NAME));
        }

        @Test
        void theHeadlessPrinter_printsTheTreesAndExits0_orTheErrorAndExits1() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int ok = Headless.run(fixture.node(), fixture.cookie(), "tree", new PrintStream(out, true), new PrintStream(err, true));
            assertThat(ok).as(err.toString()).isZero();
            assertThat(out.toString()).contains("bs_fixture 1.0", "bs_top  supervisor one_for_one 10/5s",
                    "bs_leaf  supervisor one_for_all", "kernel_sup");

            ByteArrayOutputStream out2 = new ByteArrayOutputStream(), err2 = new ByteArrayOutputStream();
            int refused = Headless.run(fixture.node(), "WRONG", "processes", new PrintStream(out2, true), new PrintStream(err2, true));
            assertThat(refused).isEqualTo(1);
            assertThat(err2.toString()).contains("refused the cookie");
        }
    }

    @Nested
    class SupervisionTrees {
        @Test
        void theApplicationsTree_isReadThreeLevelsDeep_inStartOrder() {
            Supervision.Application app = toFixture.node().applications().stream()
                    .filter(a -> a.name().equals(Atom.of("bs_fixture"))).findFirst().orElseThrow();
            assertThat(app.version()).isEqualTo("1.0");
            assertThat(app.description()).isEqualTo("Beamscope test fixture");
            Supervision.Supervisor top = app.tree().orElseThrow();
            assertThat(top.name()).contains("bs_top");
            assertThat(top.strategy()).isEqualTo("one_for_one");
            assertThat(top.intensity()).isEqualTo(10);
            assertThat(top.period()).isEqualTo(5);
            assertThat(top.children()).extracting(Supervision.Child::id)
                    .containsExactly(Atom.of("bs_counter"), Atom.of("bs_mid"), Atom.of("bs_dyn"));
            Supervision.Supervisor mid = child(top, "bs_mid").subtree().orElseThrow();
            assertThat(mid.strategy()).isEqualTo("rest_for_one");
            Supervision.Supervisor leaf = child(mid, "bs_leaf").subtree().orElseThrow();
            assertThat(leaf.strategy()).isEqualTo("one_for_all");
            assertThat(leaf.children()).extracting(Supervision.Child::id).containsExactly(Atom.of("bs_w3"), Atom.of("bs_w4"));
            assertThat(leaf.children()).allSatisfy(c -> {
                assertThat(c.type()).isEqualTo(ChildType.WORKER);
                assertThat(c.subtree()).isEmpty();
                assertThat(c.pid()).isPresent();
            });
            assertThat(child(top, "bs_dyn").subtree().orElseThrow().dynamic()).isTrue();
            assertThat(app.master()).isPresent();
        }

        @Test
        void aChildThatOnlyClaimsToBeASupervisor_isNeverAskedForChildren() {
            Pid liar = pid("bs_liar");
            Supervision.Supervisor mid = toFixture.node().supervisionTree(pid("bs_mid")).orElseThrow();
            Supervision.Child c = child(mid, "bs_liar");
            assertThat(c.type()).isEqualTo(ChildType.SUPERVISOR);
            assertThat(c.subtree()).isEmpty();
            // had it been sent which_children it would have crashed and been restarted under a new pid
            assertThat(c.pid()).contains(liar);
            assertThat(pid("bs_liar")).isEqualTo(liar);
            assertThat(toFixture.node().supervisor(liar)).isEmpty();
        }
    }

    @Nested
    class ProcessTable {
        @Test
        void aNodeWith100kProcesses_isReadInChunks_andEveryProcessIsSeen() {
            try (Connection c = remember(big.attach())) {
                BeamNode node = c.node();
                awaitRegistered(node, "bs_ready");
                List<Integer> chunkSizes = new ArrayList<>();
                long[] sleepers = {0};
                java.util.Set<Pid> seen = new java.util.HashSet<>();
                node.forEachChunk(chunk -> {
                    chunkSizes.add(chunk.size());
                    for (ProcessSummary p : chunk) {
                        seen.add(p.pid());
                        if (p.initialCall().equals(":timer.sleep/1") && p.registeredName() == null) sleepers[0]++;
                    }
                });
                assertThat(sleepers[0]).isEqualTo(MANY);
                assertThat(chunkSizes).hasSizeGreaterThanOrEqualTo(MANY / BeamNode.CHUNK).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(BeamNode.CHUNK));
                assertThat(seen).hasSize(chunkSizes.stream().mapToInt(Integer::intValue).sum());
                assertThat(seen).allSatisfy(p -> assertThat(p.node()).isEqualTo(seen.iterator().next().node()));
            }
        }

        @Test
        void rowsCarryNamesStatusAndQueues() {
            List<ProcessSummary> rows = toFixture.node().processes();
            ProcessSummary inbox = rows.stream().filter(r -> "bs_inbox".equals(r.registeredName())).findFirst().orElseThrow();
            assertThat(inbox.messageQueueLen()).isEqualTo(5);
            assertThat(inbox.initialCall()).isEqualTo(":timer.sleep/1");
            ProcessSummary counter = rows.stream().filter(r -> "bs_counter".equals(r.registeredName())).findFirst().orElseThrow();
            assertThat(counter.initialCall()).isEqualTo(":bs_fixture_worker.init/1");
            assertThat(counter.parent()).isEqualTo(pid("bs_top"));
        }
    }

    @Nested
    class Inspecting {
        @Test
        void aShortMailbox_isPeekedOldestFirst_uptoTheLimit() {
            ProcessInfo info = toFixture.node().info(pid("bs_inbox"), 3).orElseThrow();
            assertThat(info.messageQueueLen()).isEqualTo(5);
            assertThat(info.messages()).containsExactly(Tuple.of(Atom.of("msg"), 1L), Tuple.of(Atom.of("msg"), 2L),
                    Tuple.of(Atom.of("msg"), 3L));
        }

        @Test
        void aLongMailbox_isNotCopied_onlyItsLengthShown() {
            ProcessInfo info = toFixture.node().info(pid("bs_flood"), 3).orElseThrow();
            assertThat(info.messageQueueLen()).isEqualTo(5000).isGreaterThan(BeamNode.PEEK_COPY_LIMIT);
            assertThat(info.messages()).isEmpty();
        }

        @Test
        void linksMonitorsAndAncestors_ofASupervisedServer() {
            ProcessInfo info = toFixture.node().info(pid("bs_counter"), 0).orElseThrow();
            assertThat(info.links()).contains(pid("bs_top"));
            assertThat(info.trapExit()).isFalse();
            assertThat(info.initialCall()).isEqualTo(":bs_fixture_worker.init/1");
            assertThat(info.ancestors()).first().isEqualTo(Atom.of("bs_top"));
            assertThat(info.registeredName()).contains("bs_counter");
        }

        @Test
        void aServersState_isReadWithSysGetState_andAPlainProcessIsNeverAsked() {
            Object state = toFixture.node().state(pid("bs_counter")).orElseThrow();
            assertThat(state).isInstanceOfSatisfying(Map.class, m -> {
                assertThat(m.get(Atom.of("name"))).isEqualTo(Atom.of("bs_counter"));
                assertThat(m.get(Atom.of("count"))).isInstanceOf(Long.class);
            });
            assertThat(toFixture.node().state(pid("bs_inbox"))).isEmpty();
            assertThat(toFixture.node().info(pid("bs_inbox"), 0).orElseThrow().messageQueueLen()).isEqualTo(5);
        }

        @Test
        void schedulerRunQueuesAndUtilisation_withWallTimeOnWhileAttached_andOffAfterwards() throws Exception {
            LocalBeam own = remember(LocalBeam.start(LocalBeam.Shell.ERL));
            try (Connection c = remember(own.attach())) {
                SchedulerSample first = c.node().schedulers();
                assertThat(c.node().wallTimeWasOn()).isFalse();
                assertThat(first.wallTimeOn()).isTrue();
                assertThat(first.schedulers()).isNotEmpty().allSatisfy(l -> assertThat(l.runQueue()).isNotNegative());
                SchedulerSample second = awaitValue(() -> {
                    SchedulerSample s = c.node().schedulers();
                    return s.schedulers().get(0).total() > first.schedulers().get(0).total() ? Optional.of(s) : Optional.empty();
                }, "wall time to advance");
                assertThat(second.schedulers().get(0).utilisationSince(first.schedulers().get(0))).isBetween(0.0, 1.0);
            }
            try (Connection other = remember(own.attach())) {
                await(() -> other.rpc(own.node(), Duration.ofSeconds(5), "erlang", "statistics",
                        new OtpErlangAtom("scheduler_wall_time")).equals(new OtpErlangAtom("undefined")), "scheduler_wall_time off again");
            } finally {
                own.close();
            }
        }
    }

    @Nested
    class Acting {
        @Test
        void destructiveActions_areRefusedUntilSwitchedOn() {
            try (Connection c = remember(fixture.attach())) {
                Pid w2 = pid("bs_w2");
                assertThatThrownBy(() -> c.node().kill(w2))
                        .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.DESTRUCTIVE_OFF))
                        .hasMessageContaining("destructive actions are off");
                assertThatThrownBy(() -> c.node().send(w2, Atom.OK)).isInstanceOf(RemoteError.class);
                assertThatThrownBy(() -> c.node().startChild(pid("bs_dyn"), List.of())).isInstanceOf(RemoteError.class);
                assertThat(pid("bs_w2")).isEqualTo(w2);
            }
        }

        @Test
        void killingAWorker_underOneForAll_restartsBothSiblings_asAFreshReadShows() {
            toFixture.allowDestructive(true);
            Supervision.Supervisor before = toFixture.node().supervisor(pid("bs_leaf")).orElseThrow();
            Pid w3 = child(before, "bs_w3").pid().orElseThrow(), w4 = child(before, "bs_w4").pid().orElseThrow();
            toFixture.node().kill(w3);
            Supervision.Supervisor after = awaitValue(() -> toFixture.node().supervisor(pid("bs_leaf")).filter(s ->
                    s.children().stream().allMatch(c -> c.pid().isPresent() && !c.pid().get().equals(w3) && !c.pid().get().equals(w4))),
                    "bs_leaf to restart both workers");
            assertThat(after.children()).extracting(Supervision.Child::id).containsExactly(Atom.of("bs_w3"), Atom.of("bs_w4"));
            assertThat(toFixture.node().info(w3, 0)).isEmpty();
        }

        @Test
        void aSentMessage_arrivesAndAnExitWithAReason_endsAProcess() {
            toFixture.allowDestructive(true);
            Pid counter = pid("bs_counter");
            toFixture.node().send(counter, Tuple.of(Atom.of("$gen_cast"), Tuple.of(Atom.of("add"), 7L)));
            awaitValue(() -> toFixture.node().state(counter).filter(s -> ((Map<?, ?>) s).get(Atom.of("count")).equals(7L)), "count 7");
            Supervision.Supervisor before = toFixture.node().supervisor(pid("bs_mid")).orElseThrow();
            Pid w2 = child(before, "bs_w2").pid().orElseThrow();
            toFixture.node().exit(w2, Tuple.of(Atom.of("shutdown"), "by test"));
            await(() -> toFixture.node().info(w2, 0).isEmpty(), "bs_w2 to exit");
            // rest_for_one: bs_w2 and every child after it start again; wait for all, so later tests see a settled tree
            awaitValue(() -> toFixture.node().supervisor(pid("bs_mid")).filter(s -> s.children().stream().allMatch(c ->
                    c.pid().isPresent() && !c.pid().equals(child(before, ((Atom) c.id()).name()).pid()))), "bs_mid to restart its children");
        }

        @Test
        void startingAChild_underASimpleOneForOneSupervisor() {
            toFixture.allowDestructive(true);
            Pid dyn = pid("bs_dyn");
            Pid started = toFixture.node().startChild(dyn, List.of());
            assertThat(toFixture.node().supervisor(dyn).orElseThrow().children()).anySatisfy(c -> assertThat(c.pid()).contains(started));
        }
    }

    @Nested
    class Cluster {
        @Test
        void everyConnectedNodeIsListed_andASelectedNodeIsReadAndActedOn() {
            OtpErlangObject connected = toFixture.rpc(fixture.node(), Duration.ofSeconds(10), "net_kernel", "connect_node",
                    new OtpErlangAtom(elixir.node()));
            assertThat(connected).isEqualTo(new OtpErlangAtom("true"));
            assertThat(toFixture.cluster()).containsExactly(fixture.node(), elixir.node());

            BeamNode other = toFixture.node(elixir.node());
            Pid dyn = other.whereis("Elixir.BsDyn").orElseThrow();
            assertThat(dyn.node()).isNotEqualTo(pid("bs_top").node());
            Supervision.Supervisor sup = other.supervisor(dyn).orElseThrow();
            assertThat(sup.dynamic()).isTrue();
            assertThat(sup.strategy()).isEqualTo("one_for_one");
            assertThat(other.processes()).anySatisfy(p -> {
                assertThat(p.pid()).isEqualTo(dyn);
                assertThat(p.registeredName()).isEqualTo("BsDyn");
            });
            assertThat(other.whereis("BsDyn")).contains(dyn);

            toFixture.allowDestructive(true);
            Pid task = other.startChild(dyn, Map.of(Atom.of("id"), Atom.of("sleeper"), Atom.of("restart"), Atom.of("temporary"),
                    Atom.of("start"), Tuple.of(Atom.of("Elixir.Task"), Atom.of("start_link"),
                            List.of(Atom.of("Elixir.Process"), Atom.of("sleep"), List.of(Atom.of("infinity"))))));
            assertThat(other.supervisor(dyn).orElseThrow().children()).anySatisfy(c -> assertThat(c.pid()).contains(task));
        }
    }

    @Nested
    class Reconnecting {
        @Test
        void aNodeThatGoesDown_isReportedDown_andReconnectedWhenItComesBack() throws Exception {
            String name = LocalBeam.randomName(), cookie = LocalBeam.randomCookie();
            LocalBeam first = remember(LocalBeam.start(LocalBeam.Shell.ERL, name, cookie, List.of()));
            try (Connection c = remember(first.attach())) {
                Pid before = c.node().whereis("code_server").orElseThrow();
                first.kill();
                assertThat(c.awaitState(Connection.State.RECONNECTING, DEADLINE)).isTrue();
                assertThatThrownBy(() -> c.node().processCount())
                        .isInstanceOfSatisfying(RemoteError.class, e -> assertThat(e.kind()).isEqualTo(RemoteError.Kind.NODE_DOWN))
                        .hasMessageContaining("is down");
                assertThat(c.lastError()).isNotNull();

                LocalBeam again = remember(LocalBeam.start(LocalBeam.Shell.ERL, name, cookie, List.of()));
                assertThat(c.awaitState(Connection.State.CONNECTED, DEADLINE)).isTrue();
                Pid after = c.node().whereis("code_server").orElseThrow();
                assertThat(after.node()).as("a new incarnation gets a new node index").isNotEqualTo(before.node());
                assertThat(c.node().processCount()).isPositive();
                assertThat(c.node().info(before, 0)).isEmpty();
                again.close();
            }
        }
    }

    @Test
    void pidsOfAttachedNode_printAsInItsOwnShell() {
        Pid top = pid("bs_top");
        assertThat(top.node()).isZero();
        assertThat(toFixture.pids().remote(top).node()).isEqualTo(fixture.node());
        assertThat(toFixture.node().info(top, 0)).isPresent();
        assertThat(toFixture.rpc(fixture.node(), Duration.ofSeconds(5), "erlang", "is_process_alive", toFixture.pids().toOtp(top)))
                .isEqualTo(new OtpErlangAtom("true"));
    }
}
