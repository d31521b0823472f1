package beamscope.app.stress;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Supervisor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts many children under one supervisor from a process inside the node: each {@code start_child}
 * call is made by that process, so the supervisor's reply wakes it on the same scheduler (run-next)
 * instead of waking a Java thread per child. The calls are still one at a time, in order, as a loop of
 * {@code DynamicSupervisor.start_child/2} in an Elixir process would make them.
 */
public final class Spawner {
    private Spawner() {}

    /** A running spawner: {@link #done()} opens when it has finished, failed or been cancelled. */
    public record Handle(Pid pid, CountDownLatch done, AtomicBoolean cancelled, Object[] failed) {
        public void cancel() {
            cancelled.set(true);
        }

        /** The start result that stopped it early, or null. */
        public Object failure() {
            return failed[0];
        }
    }

    /**
     * Spawns the spawner. {@code started} counts the children started (any thread may read it).
     *
     * @param dynamic whether {@code sup} is a DynamicSupervisor (else a static one, whose children need
     *                distinct ids: give a spec whose id is replaced by {@code id_N})
     */
    public static Handle start(Node node, Pid sup, ChildSpec spec, int count, AtomicInteger started) {
        return start(node, sup, spec, count, started, true);
    }

    public static Handle start(Node node, Pid sup, ChildSpec spec, int count, AtomicInteger started, boolean dynamic) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Object[] failed = new Object[1];
        Pid pid = node.spawn(Behaviors.setup(ctx -> next(ctx, sup, spec, count, started, cancelled, failed, done, dynamic)),
                SpawnOptions.defaults().withInitialCall("Stress.spawner/3"));
        return new Handle(pid, done, cancelled, failed);
    }

    private static Behavior next(beamscope.runtime.ProcessContext ctx, Pid sup, ChildSpec spec, int left,
            AtomicInteger started, AtomicBoolean cancelled, Object[] failed, CountDownLatch done, boolean dynamic) {
        if (left == 0 || cancelled.get()) {
            done.countDown();
            return Behaviors.stop();
        }
        java.util.function.Function<StartResult, Behavior> then = r -> {
            if (!(r instanceof StartResult.Ok)) {
                failed[0] = r;
                done.countDown();
                return Behaviors.stop();
            }
            started.incrementAndGet();
            return next(ctx, sup, spec, left - 1, started, cancelled, failed, done, dynamic);
        };
        if (dynamic) return DynamicSupervisor.startChild(ctx, sup, spec, then);
        ChildSpec own = new ChildSpec(spec.id() + "_" + started.get() + "_" + System.nanoTime(), spec.start(), spec.restart(),
                spec.shutdown(), spec.type());
        return Supervisor.startChild(ctx, sup, own, then);
    }
}
