package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.Tuple;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.ServerView;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Elixir's GenServer, Agent, Supervisor and DynamicSupervisor (the prelude's) are seen through the same calls
 * the views make for Java ones: {@link Observe#isSupervisor}, {@link Observe#supervisor}, {@link Observe#server}.
 */
class ElixirOtpObservationTest {

    static final String ACCOUNTS = """
            defmodule Account do
              use GenServer
              def start_link({name, balance}), do: GenServer.start_link(__MODULE__, balance, name: name)
              def init(balance), do: {:ok, %{balance: balance}}
              def handle_cast({:deposit, n}, s), do: {:noreply, %{s | balance: s.balance + n}}
              def handle_call(:balance, _from, s), do: {:reply, s.balance, s}
            end
            children = [
              Supervisor.child_spec({Account, {:alice, 10}}, id: :alice),
              Supervisor.child_spec(%{id: Account, start: {Account, :start_link, [{:bob, 20}]}}, id: :bob)
            ]
            {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_all, max_restarts: 7, max_seconds: 9, name: :bank)
            """;

    private static Shell.Result eval(Shell shell, String src) throws Exception {
        Shell.Result r = shell.eval(src).get(60, TimeUnit.SECONDS);
        assertFalse(r.error(), r::text);
        return r;
    }

    private static Shell shell(Node node) {
        return new Shell(Elixir.on(node), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Polls {@code read} until {@code ok} accepts its value, with a deadline (no sleeping for time). */
    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> ok) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T v = read.get();
        while (!ok.test(v)) {
            if (System.nanoTime() > deadline) throw new AssertionError("never became as expected: " + v);
            Thread.onSpinWait();
            Thread.yield();
            v = read.get();
        }
        return v;
    }

    private static ProcessSummary summary(Node node, Pid pid) {
        return node.processes().stream().filter(p -> p.pid().equals(pid)).findFirst().orElseThrow();
    }

    /** As ChildSpec.offender: {@code pid} null is {@code :undefined}. */
    static List<Object> offender(String id, Object pid) {
        return List.of(Tuple.of(Atom.of("pid"), pid == null ? Atom.UNDEFINED : pid), Tuple.of(Atom.of("id"), Atom.of(id)),
                Tuple.of(Atom.of("restart_type"), Atom.of("permanent")), Tuple.of(Atom.of("shutdown"), 5000L),
                Tuple.of(Atom.of("child_type"), Atom.of("worker")));
    }

    static Object progress(Object sup, String id, Pid pid, long restartCount) {
        return Tuple.of(Atom.of("progress_report"), List.of(Tuple.of(Atom.of("supervisor"), sup),
                Tuple.of(Atom.of("started"), offender(id, pid)), Tuple.of(Atom.of("restart_count"), restartCount)));
    }

    static Object report(Object sup, String context, Object reason, String id, Object pid) {
        return Tuple.of(Atom.of("supervisor_report"), List.of(Tuple.of(Atom.of("supervisor"), sup),
                Tuple.of(Atom.of("errorContext"), Atom.of(context)), Tuple.of(Atom.of("reason"), reason),
                Tuple.of(Atom.of("offender"), offender(id, pid))));
    }

    @Test
    void anElixirSupervisorShowsItsStrategyIntensityNameAndChildrenInStartOrder() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = shell(node);
            eval(shell, ACCOUNTS);
            Pid sup = node.whereis("bank").orElseThrow();
            Pid alice = node.whereis("alice").orElseThrow(), bob = node.whereis("bob").orElseThrow();

            assertTrue(Observe.isSupervisor(summary(node, sup)));
            assertFalse(Observe.isSupervisor(summary(node, alice)));
            assertEquals(Optional.of(false), Observe.dynamicSupervisor(node, sup));
            assertTrue(Observe.supervisors(node).contains(sup));
            SupervisorView v = Observe.supervisor(node, sup).orElseThrow();
            assertEquals(Strategy.ONE_FOR_ALL, v.strategy());
            assertEquals(7, v.intensity());
            assertEquals(9, v.period());
            assertEquals(Optional.of("bank"), v.name());
            assertEquals("Supervisor", v.label());
            assertEquals(List.of(
                    new ChildView(Atom.of("alice"), Optional.of(alice), ChildView.Status.RUNNING, ChildType.WORKER, Restart.PERMANENT, 0),
                    new ChildView(Atom.of("bob"), Optional.of(bob), ChildView.Status.RUNNING, ChildType.WORKER, Restart.PERMANENT, 0)),
                    v.children());
            assertEquals("Account.init/1", summary(node, alice).initialCall());
        }
    }

    @Test
    void anElixirGenServersStateIsPublishedAfterEveryCallbackAndItsRestartsAreCounted() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = shell(node);
            EventSubscription reports = node.subscribe(EventFilter.kinds(Event.Report.class), 1000);
            eval(shell, ACCOUNTS);
            Pid alice = node.whereis("alice").orElseThrow(), sup = node.whereis("bank").orElseThrow();
            Pid bob = node.whereis("bob").orElseThrow();
            assertEquals(new ServerView(alice, "Account", "%{balance: 10}"), Observe.server(node, alice).orElseThrow());
            assertTrue(Observe.servers(node).contains(alice));

            // the call is answered after the cast was handled, and the state is published before the next message
            assertEquals("15", eval(shell, "GenServer.cast(:alice, {:deposit, 5})\nGenServer.call(:alice, :balance)").text());
            assertEquals("%{balance: 15}", Observe.server(node, alice).orElseThrow().state());

            // one_for_all: killing alice restarts both, each counted once
            eval(shell, "Process.exit(Process.whereis(:alice), :kill)");
            SupervisorView after = eventually(() -> Observe.supervisor(node, sup).orElseThrow(),
                    v -> v.children().stream().allMatch(c -> c.restartCount() == 1 && c.pid().isPresent()
                            && !c.pid().get().equals(alice)));
            Pid alice2 = after.children().get(0).pid().orElseThrow();
            assertEquals(Optional.of(alice2), node.whereis("alice"));
            assertEquals("%{balance: 10}", Observe.server(node, alice2).orElseThrow().state());

            // the reports a Java supervisor makes, which the event log and the tree show: both starts, the
            // child_terminated of the killed child, both restarts (restart_count 1)
            List<Event> events = new java.util.ArrayList<>();
            reports.drainTo(events, 1000);
            List<Object> details = events.stream().map(e -> (Event.Report) e).filter(r -> r.pid().equals(sup))
                    .map(r -> (Object) Tuple.of(r.kind(), r.details())).toList();
            Object bank = Atom.of("bank");
            assertEquals(List.of(progress(bank, "alice", alice, 0), progress(bank, "bob", bob, 0),
                    report(bank, "child_terminated", Atom.KILLED, "alice", alice),
                    progress(bank, "alice", alice2, 1), progress(bank, "bob", after.children().get(1).pid().orElseThrow(), 1)),
                    details);
        }
    }

    @Test
    void anElixirSupervisorThatGivesUpReportsItAsAJavaOneDoes() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = shell(node);
            EventSubscription reports = node.subscribe(EventFilter.kinds(Event.Report.class), 1000);
            eval(shell, """
                    {:ok, sup} = Supervisor.start_link([%{id: :w, start: {Agent, :start_link, [fn -> 0 end, [name: :w]]}}],
                                                       strategy: :one_for_one, max_restarts: 0, name: :fragile)
                    Process.unlink(sup)
                    """);
            Pid sup = node.whereis("fragile").orElseThrow(), w = node.whereis("w").orElseThrow();
            eval(shell, "Process.exit(Process.whereis(:w), :kill)");
            eventually(() -> node.isAlive(sup), alive -> !alive);
            List<Event> events = new java.util.ArrayList<>();
            reports.drainTo(events, 1000);
            Event.Report last = events.stream().map(e -> (Event.Report) e).filter(r -> r.pid().equals(sup))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(report(Atom.of("fragile"), "shutdown", Atom.of("reached_max_restart_intensity"), "w", null),
                    Tuple.of(last.kind(), last.details()));
            assertEquals(Optional.of(Atom.SHUTDOWN), node.exitReason(sup));
            assertFalse(node.isAlive(w));
        }
    }

    @Test
    void aModuleBasedDynamicSupervisorShowsItsLimit_andItsNameInUseIsAlreadyStarted() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = shell(node);
            eval(shell, """
                    defmodule Jobs do
                      use DynamicSupervisor
                      def start_link(max), do: DynamicSupervisor.start_link(__MODULE__, max, name: __MODULE__)
                      def init(max), do: DynamicSupervisor.init(strategy: :one_for_one, max_children: max)
                    end
                    {:ok, _} = Jobs.start_link(4)
                    """);
            Pid jobs = node.whereis("Elixir.Jobs").orElseThrow();
            SupervisorView v = Observe.supervisor(node, jobs).orElseThrow();
            assertTrue(v.dynamic());
            assertEquals(4, v.maxChildren());
            assertEquals(Optional.of("Elixir.Jobs"), v.name());
            assertEquals("{:error, {:already_started, " + jobs + "}}", eval(shell, "Jobs.start_link(2)").text());
        }
    }

    @Test
    void anElixirDynamicSupervisorAndAgentShowAsJavaOnesDo() throws Exception {
        try (Node node = Node.start()) {
            Shell shell = shell(node);
            eval(shell, """
                    {:ok, dyn} = DynamicSupervisor.start_link(name: :pool, max_restarts: 2)
                    {:ok, agent} = DynamicSupervisor.start_child(:pool, %{id: :a, start: {Agent, :start_link, [fn -> [1, 2] end, [name: :bag]]}})
                    Agent.update(:bag, fn l -> [0 | l] end)
                    """);
            Pid dyn = node.whereis("pool").orElseThrow(), bag = node.whereis("bag").orElseThrow();
            assertTrue(Observe.isSupervisor(summary(node, dyn)));
            assertEquals(Optional.of(true), Observe.dynamicSupervisor(node, dyn));
            SupervisorView v = Observe.supervisor(node, dyn).orElseThrow();
            assertEquals("DynamicSupervisor", v.label());
            assertEquals(2, v.intensity());
            assertEquals(-1, v.maxChildren());
            assertEquals(List.of(new ChildView(Atom.UNDEFINED, Optional.of(bag), ChildView.Status.RUNNING, ChildType.WORKER,
                    Restart.PERMANENT, 0)), v.children());
            assertEquals(new ServerView(bag, "Agent", "[0, 1, 2]"), Observe.server(node, bag).orElseThrow());

            assertEquals("[{:undefined, " + bag + ", :worker, [Agent]}]", eval(shell, "DynamicSupervisor.which_children(:pool)").text());

            // a limit shows, and holds
            eval(shell, "{:ok, _} = DynamicSupervisor.start_link(name: :one, max_children: 1)");
            assertEquals("{:error, :max_children}", eval(shell, """
                    {:ok, _} = DynamicSupervisor.start_child(:one, %{id: :x, start: {Agent, :start_link, [fn -> 1 end]}})
                    DynamicSupervisor.start_child(:one, %{id: :y, start: {Agent, :start_link, [fn -> 2 end]}})
                    """).text());
            SupervisorView one = Observe.supervisor(node, node.whereis("one").orElseThrow()).orElseThrow();
            assertEquals(1, one.maxChildren());
            assertEquals(1, one.children().size());
        }
    }
}
