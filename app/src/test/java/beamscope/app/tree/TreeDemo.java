package beamscope.app.tree;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.List;

/**
 * A demo application for the tree tests and screenshots, shaped like the one in the observer anchors:
 * top_sup (one_for_one) with a bank, counter_sup (one_for_all) with three counters and pool_sup
 * (rest_for_one) with four workers, all real OTP supervisors.
 */
final class TreeDemo {

    static Pid start(Node node) {
        StartResult r = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(
                ChildSpec.worker("bank", ChildStart.spawnLink(worker("Bank.loop/1"))),
                ChildSpec.supervisor("counter_sup", SupervisorFlags.of(Strategy.ONE_FOR_ALL), List.of(
                        ChildSpec.worker("counter_a", ChildStart.spawnLink(worker("Counter.loop/1"))),
                        ChildSpec.worker("counter_b", ChildStart.spawnLink(worker("Counter.loop/1"))),
                        ChildSpec.worker("counter_c", ChildStart.spawnLink(worker("Counter.loop/1"))))),
                ChildSpec.supervisor("pool_sup", SupervisorFlags.of(Strategy.REST_FOR_ONE), List.of(
                        ChildSpec.worker("w1", ChildStart.spawnLink(worker("Pool.worker/1"))),
                        ChildSpec.worker("w2", ChildStart.spawnLink(worker("Pool.worker/1"))),
                        ChildSpec.worker("w3", ChildStart.spawnLink(worker("Pool.worker/1"))),
                        ChildSpec.worker("w4", ChildStart.spawnLink(worker("Pool.worker/1")))))),
                StartOptions.named("top_sup"));
        if (r instanceof StartResult.Ok(Pid pid)) return pid;
        throw new IllegalStateException("demo did not start: " + r);
    }

    /** A worker that never takes its messages, so its mailbox shows what was sent to it. */
    static Behavior worker(String label) {
        return Behaviors.receive(label, (ctx, msg) -> Behaviors.unhandled());
    }

    static SupervisorProbe probe(Node node) {
        return new OtpProbe(node);
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
