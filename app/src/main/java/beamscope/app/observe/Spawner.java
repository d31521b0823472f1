package beamscope.app.observe;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Supervisor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Starts many children under one supervisor from a process inside the node. Each {@code start_child}
 * call is made by that process, so the supervisor's reply wakes it on the same scheduler (run-next) instead
 * of waking a Java thread per child (about 50 µs of thread hand-over each on this machine's vCPUs). The
 * calls are still one at a time and in order, as a loop of {@code start_child} in an Elixir process makes
 * them.
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

        /**
         * Waits up to {@code millis} for the end; true when done. A spawner whose call failed with an exit
         * (its supervisor gone) is itself gone without opening the latch: check {@code node.isAlive(pid())}.
         */
        public boolean await(long millis) throws InterruptedException {
            return done.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Spawns the spawner.
     *
     * @param dynamic whether {@code sup} is a DynamicSupervisor (else a static supervisor: give each child its own id)
     * @param spec    the i-th child's spec, i from 0
     * @param started counts the children started (any thread may read it)
     */
    public static Handle start(Node node, Pid sup, boolean dynamic, IntFunction<ChildSpec> spec, int count,
            AtomicInteger started) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Object[] failed = new Object[1];
        Pid pid = node.spawn(Behaviors.setup(ctx -> next(ctx, sup, dynamic, spec, 0, count, started, cancelled, failed, done)),
                SpawnOptions.defaults().withInitialCall("Spawner.start_children/3"));
        return new Handle(pid, done, cancelled, failed);
    }

    private static Behavior next(ProcessContext ctx, Pid sup, boolean dynamic, IntFunction<ChildSpec> spec, int i,
            int count, AtomicInteger started, AtomicBoolean cancelled, Object[] failed, CountDownLatch done) {
        if (i == count || cancelled.get()) {
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
            return next(ctx, sup, dynamic, spec, i + 1, count, started, cancelled, failed, done);
        };
        ChildSpec s = spec.apply(i);
        return dynamic ? DynamicSupervisor.startChild(ctx, sup, s, then) : Supervisor.startChild(ctx, sup, s, then);
    }
}
