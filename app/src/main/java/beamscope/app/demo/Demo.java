package beamscope.app.demo;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in demo: the example servers (counters, a bank account, a stack, a key-value store, a pool
 * of workers) and a ticker that keeps messages flowing to them. (Unsupervised until the OTP layer lands.)
 */
public final class Demo {
    static final Atom TICK = Atom.of("tick");

    private final Node node;
    private final List<Pid> pids;

    private Demo(Node node, List<Pid> pids) {
        this.node = node;
        this.pids = pids;
    }

    public static Demo start(Node node) {
        List<Pid> all = new ArrayList<>();
        Pid[] counters = new Pid[3];
        for (int i = 0; i < counters.length; i++)
            all.add(counters[i] = spawn(node, Examples.counter(0), "counter" + (i + 1), "Counter.init/1"));
        Pid bank = spawn(node, Examples.bankAccount(100), "bank", "BankAccount.init/1");
        Pid stack = spawn(node, Examples.stack(List.of()), "stack", "Stack.init/1");
        Pid kv = spawn(node, Examples.kvStore(java.util.Map.of()), "kv", "KVStore.init/1");
        all.addAll(List.of(bank, stack, kv));
        Pid[] pool = new Pid[4];
        for (int i = 0; i < pool.length; i++)
            all.add(pool[i] = spawn(node, Examples.echo(), null, "Worker.init/1"));
        Pid[] targets = {counters[0], counters[1], counters[2], bank, stack, kv};
        all.add(node.spawn(Behaviors.setup(ctx -> {
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(targets, pool, 0);
        }), SpawnOptions.defaults().withName("ticker").withInitialCall("Ticker.init/1")));
        return new Demo(node, all);
    }

    private static Pid spawn(Node node, Behavior b, String name, String initialCall) {
        SpawnOptions o = SpawnOptions.defaults().withInitialCall(initialCall);
        return node.spawn(b, name == null ? o : o.withName(name));
    }

    private static Behavior ticking(Pid[] targets, Pid[] pool, long n) {
        return Behaviors.receive("Ticker", (ctx, msg) -> {
            if (msg != TICK) return Behaviors.unhandled();
            Pid to = targets[(int) (n % targets.length)];
            Object m = switch ((int) (n % targets.length)) {
                case 0, 1, 2 -> Tuple.of(Examples.INCREMENT, 1L);
                case 3 -> Tuple.of(n % 2 == 0 ? Examples.DEPOSIT : Examples.WITHDRAW, 10L);
                case 4 -> Tuple.of(Examples.PUSH, n);
                default -> Tuple.of(Examples.PUT, Atom.of("k" + (n % 5)), n);
            };
            ctx.send(to, Tuple.of(Examples.GEN_CAST, m));
            ctx.send(pool[(int) (n % pool.length)], Tuple.of(Examples.GEN_CAST, Tuple.of(Atom.of("job"), n)));
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(targets, pool, n + 1);
        });
    }

    /** The demo's processes, as started. */
    public List<Pid> pids() {
        return pids;
    }

    public void stop() {
        for (Pid p : pids) node.exit(p, Atom.KILL);
    }
}
