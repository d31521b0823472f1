package beamscope.app.tree;

import beamscope.app.tree.SupervisorInfo.Child;
import beamscope.app.tree.SupervisorInfo.RestartType;
import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple3;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A demo application for the tree tests and screenshots, shaped like the one in the observer anchors:
 * top_sup (one_for_one) with a flooded bank, counter_sup (one_for_all) with three counters and
 * pool_sup (rest_for_one) with four workers. Until the OTP layer lands, a small stand-in supervisor
 * restarts children and publishes what the OTP observation API would report in its dictionary.
 */
final class TreeDemo {

    static final Atom EXIT = Atom.of("EXIT");
    static final String INFO = "$beamscope_supervisor";

    record Spec(String id, Supplier<Behavior> start, boolean supervisor) {}

    static Pid start(Node node) {
        return node.spawn(supervisor("top_sup", Strategy.ONE_FOR_ONE, 3, 5, List.of(
                new Spec("bank", () -> worker("Bank.loop/1"), false),
                new Spec("counter_sup", () -> supervisor("counter_sup", Strategy.ONE_FOR_ALL, 3, 5, List.of(
                        new Spec("counter_a", () -> worker("Counter.loop/1"), false),
                        new Spec("counter_b", () -> worker("Counter.loop/1"), false),
                        new Spec("counter_c", () -> worker("Counter.loop/1"), false))), true),
                new Spec("pool_sup", () -> supervisor("pool_sup", Strategy.REST_FOR_ONE, 1, 5, List.of(
                        new Spec("w1", () -> worker("Pool.worker/1"), false),
                        new Spec("w2", () -> worker("Pool.worker/1"), false),
                        new Spec("w3", () -> worker("Pool.worker/1"), false),
                        new Spec("w4", () -> worker("Pool.worker/1"), false))), true))),
                SpawnOptions.defaults().withInitialCall("Supervisor top_sup"));
    }

    /** A worker that never takes its messages, so its mailbox shows what was sent to it. */
    static Behavior worker(String label) {
        return Behaviors.receive(label, (ctx, msg) -> Behaviors.unhandled());
    }

    /** A minimal supervisor: traps exits and restarts with the strategy's rule; no intensity limit. */
    static Behavior supervisor(String name, Strategy strategy, int intensity, int period, List<Spec> specs) {
        return Behaviors.setup(ctx -> {
            ctx.trapExit(true);
            ctx.register(name);
            Pid[] pids = new Pid[specs.size()];
            int[] restarts = new int[specs.size()];
            for (int i = 0; i < pids.length; i++) pids[i] = startChild(ctx, specs.get(i));
            publish(ctx, strategy, intensity, period, specs, pids, restarts);
            return supervising(strategy, intensity, period, specs, pids, restarts);
        }).named("Supervisor " + name);
    }

    private static Pid startChild(ProcessContext ctx, Spec s) {
        Behavior b = s.start().get();
        return ctx.spawnLink(b, SpawnOptions.defaults().withInitialCall(s.supervisor() ? "Supervisor " + s.id() : b.label()));
    }

    private static Behavior supervising(Strategy strategy, int intensity, int period, List<Spec> specs, Pid[] pids,
            int[] restarts) {
        return Behaviors.receive((ctx, msg) -> {
            if (!(msg instanceof Tuple3(Atom tag, Pid from, Object reason)) || tag != EXIT) return Behaviors.unhandled();
            int i = List.of(pids).indexOf(from);
            if (i < 0) return Behaviors.same();
            int first = switch (strategy) {
                case ONE_FOR_ALL -> 0;
                default -> i;
            };
            int last = strategy == Strategy.ONE_FOR_ONE || strategy == Strategy.SIMPLE_ONE_FOR_ONE ? i : pids.length - 1;
            for (int j = last; j >= first; j--) {
                if (j == i) continue;
                ctx.unlink(pids[j]);
                ctx.exit(pids[j], Atom.of("shutdown"));
            }
            for (int j = first; j <= last; j++) {
                pids[j] = startChild(ctx, specs.get(j));
                restarts[j]++;
            }
            publish(ctx, strategy, intensity, period, specs, pids, restarts);
            return Behaviors.same();
        });
    }

    private static void publish(ProcessContext ctx, Strategy strategy, int intensity, int period, List<Spec> specs,
            Pid[] pids, int[] restarts) {
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < pids.length; i++)
            children.add(new Child(specs.get(i).id(), pids[i], specs.get(i).supervisor(), RestartType.PERMANENT, restarts[i]));
        ctx.put(INFO, new SupervisorInfo(strategy, intensity, period, children));
    }

    /** Reads what the stand-in supervisors publish, as the OTP probe will read Observe.supervisor. */
    static SupervisorProbe probe(Node node) {
        return processes -> {
            Map<Pid, SupervisorInfo> out = new HashMap<>();
            for (ProcessSummary p : processes)
                if (p.initialCall() != null && p.initialCall().startsWith("Supervisor "))
                    node.dictionaryGet(p.pid(), INFO).ifPresent(o -> out.put(p.pid(), (SupervisorInfo) o));
            return out;
        };
    }

    /** A process with {@code n} idle children, like a big DynamicSupervisor. */
    static Pid pool(Node node, String name, int n) {
        return node.spawn(Behaviors.setup(ctx -> {
            ctx.register(name);
            for (int i = 0; i < n; i++) ctx.spawn(worker("Conn.loop/1"));
            return Behaviors.receive((c, m) -> Behaviors.unhandled());
        }), SpawnOptions.defaults().withInitialCall("Pool " + name));
    }
}
