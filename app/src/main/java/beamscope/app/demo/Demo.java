package beamscope.app.demo;

import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo, a supervision tree of the example servers with some traffic:
 *
 * <pre>
 * demo_sup (one_for_one)
 * ├── bank          BankAccount
 * ├── counter_sup   (one_for_all)  counter1, counter2, counter3
 * ├── pool_sup      (rest_for_one) worker1 … worker4 (Echo loops)
 * ├── stack         Stack
 * ├── kv            KVStore
 * ├── spawned       DynamicSupervisor (the window spawns supervised processes here)
 * └── ticker        increments one of the counters every 100 ms
 * </pre>
 *
 * <p>The ticker only touches the counters, so messages keep flowing while the bank, stack and kv change
 * only when someone sends them something: a class sees that a deposit of 50 landed.
 */
public final class Demo {
    public static final String TOP = "demo_sup", SPAWNED = "spawned";
    static final Atom TICK = Atom.of("tick"), JOB = Atom.of("job");
    /** What the ticker sends to: the counters only; the bank, stack and kv hold still for a class. */
    static final List<String> TARGETS = List.of("counter1", "counter2", "counter3");

    private final Node node;
    private final Pid top;

    private Demo(Node node, Pid top) {
        this.node = node;
        this.top = top;
    }

    /** Starts the tree; blocks until every child has started, so call it off the FX thread. */
    public static Demo start(Node node) {
        List<ChildSpec> counters = new ArrayList<>();
        for (int i = 1; i <= 3; i++) counters.add(server("counter" + i, ProcessKind.COUNTER));
        List<ChildSpec> workers = new ArrayList<>();
        for (int i = 1; i <= 4; i++)
            workers.add(ChildSpec.worker(Atom.of("worker" + i), Examples.childStart(ProcessKind.ECHO, null)));
        List<ChildSpec> children = List.of(
                server("bank", ProcessKind.BANK_ACCOUNT),
                ChildSpec.supervisor(Atom.of("counter_sup"), ChildStart.supervisor(SupervisorFlags.of(Strategy.ONE_FOR_ALL),
                        counters, StartOptions.named("counter_sup"))),
                ChildSpec.supervisor(Atom.of("pool_sup"), ChildStart.supervisor(SupervisorFlags.of(Strategy.REST_FOR_ONE),
                        workers, StartOptions.named("pool_sup"))),
                server("stack", ProcessKind.STACK),
                server("kv", ProcessKind.KV_STORE),
                ChildSpec.supervisor(Atom.of(SPAWNED), DynamicSupervisor.childStart(DynamicSupervisor.INFINITY,
                        StartOptions.named(SPAWNED))),
                ChildSpec.worker(Atom.of("ticker"), (ctx, then) -> then.apply(StartResult.ok(ctx.spawnLink(ticker(),
                        SpawnOptions.defaults().withName("ticker").withInitialCall("Ticker.init/1"))))));
        StartResult r = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(10, 5), children,
                StartOptions.named(TOP));
        if (!(r instanceof StartResult.Ok(Pid pid))) throw new IllegalStateException("demo did not start: " + r);
        return new Demo(node, pid);
    }

    private static ChildSpec server(String name, ProcessKind kind) {
        return ChildSpec.worker(Atom.of(name), ChildStart.genServer(Examples.server(kind), Examples.initialArg(kind),
                StartOptions.named(name)));
    }

    private static Behavior ticker() {
        return Behaviors.setup(ctx -> {
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(0);
        });
    }

    private static Behavior ticking(long n) {
        return Behaviors.receive("Ticker", (ctx, msg) -> {
            if (msg != TICK) return Behaviors.same();
            int i = (int) (n % TARGETS.size());
            Object m = Tuple.of(Examples.INCREMENT, 1L);
            // Names are looked up each time: a restarted server has a new pid under the same name.
            ctx.whereis(TARGETS.get(i)).ifPresent(p -> GenServer.cast(ctx, p, m));
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(n + 1);
        });
    }

    public Pid top() {
        return top;
    }

    public void stop() {
        node.exit(top, Atom.SHUTDOWN);
    }
}
