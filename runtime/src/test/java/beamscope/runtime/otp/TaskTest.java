package beamscope.runtime.otp;

import static beamscope.runtime.otp.OtpTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.ManualClock;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskTest {
    static final Atom TASK = Atom.of("Elixir.Task"), AWAIT = Atom.of("await"), AWAIT_MANY = Atom.of("await_many"),
            RESULT = Atom.of("result");

    final ManualClock clock = new ManualClock();
    final Node node = node(clock);
    final Inbox me = node.inbox("test");

    @AfterEach
    void close() {
        me.close();
        node.close();
    }

    @Nested
    class InsideAProcess {
        @Test
        void asyncAwait_returnsTheResult_E1() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                Task t = Task.async(ctx, () -> 6 * 7);
                return Task.await(ctx, t, r -> {
                    ctx.send(test, Tuple.of(RESULT, r));
                    return Behaviors.stop();
                });
            }));
            assertThat(receive(me, m -> tagged(m, RESULT))).isEqualTo(Tuple.of(RESULT, 42));
        }

        @Test
        void aTimeout_exitsTheCaller_withTheAwaitReason_E2() {
            Pid test = me.pid();
            Pid caller = node.spawn(Behaviors.setup(ctx -> {
                // a task that never answers: a process that just waits, monitored and linked like a task
                Pid p = ctx.spawnLink(Behaviors.receive((c, m) -> Behaviors.same()));
                Task t = new Task(p, ctx.makeRef(), ctx.monitor(p), ctx.self(), null);
                ctx.send(test, Tuple.of(Atom.of("task"), t));
                return Task.await(ctx, t, Duration.ofMillis(100), r -> Behaviors.stop());
            }));
            Ref mon = me.monitor(caller);
            Task t = (Task) ((Tuple) receive(me, m -> tagged(m, Atom.of("task")))).get(1);
            Object down = advanceUntil(clock, Duration.ofMillis(100), me, m -> isDown(m, mon));
            assertThat(((Tuple5) down).e4()).isEqualTo(Tuple.of(Atom.TIMEOUT, Tuple.of(TASK, AWAIT, List.of(t, 100L))));
        }

        @Test
        void aCrashingTask_exitsATrappingCallerThroughAwait_E2_E3() {
            Pid caller = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                Task t = Task.async(ctx, () -> {
                    throw new IllegalStateException("boom");
                });
                return Task.await(ctx, t, r -> Behaviors.stop());
            }));
            Ref mon = me.monitor(caller);
            Object reason = downReason(me, mon);
            if (Atom.NOPROC.equals(reason)) reason = node.exitReason(caller).orElseThrow();
            Tuple outer = (Tuple) reason;
            assertThat(((Tuple2) outer.get(0)).e0()).isInstanceOf(IllegalStateException.class);
            assertThat(((Tuple) outer.get(1)).get(1)).isEqualTo(AWAIT);
        }

        @Test
        void aCrashingTask_killsANonTrappingCaller_throughTheLink_E3() {
            Pid test = me.pid();
            Pid caller = node.spawn(Behaviors.setup(ctx -> {
                Task t = Task.async(ctx, () -> {
                    throw new IllegalStateException("boom");
                });
                ctx.send(test, Tuple.of(Atom.of("task"), t.pid()));
                return Behaviors.receive((c, m) -> Behaviors.same());
            }));
            Pid task = (Pid) ((Tuple) receive(me, m -> tagged(m, Atom.of("task")))).get(1);
            Ref mon = me.monitor(caller);
            Object reason = downReason(me, mon);
            if (Atom.NOPROC.equals(reason)) reason = node.exitReason(caller).orElseThrow();
            assertThat(reason).isEqualTo(node.exitReason(task).orElseThrow());
        }

        @Test
        void awaitMany_returnsResultsInInputOrder_E4() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                List<Task> tasks = List.of(Task.async(ctx, () -> 1), Task.async(ctx, () -> 2), Task.async(ctx, () -> 3));
                return Task.awaitMany(ctx, tasks, Duration.ofSeconds(5), rs -> {
                    ctx.send(test, Tuple.of(RESULT, rs));
                    return Behaviors.stop();
                });
            }));
            assertThat(receive(me, m -> tagged(m, RESULT))).isEqualTo(Tuple.of(RESULT, List.of(1, 2, 3)));
        }

        @Test
        void awaitMany_timesOutWithOneSharedTimeout_E4() {
            Pid test = me.pid();
            Pid caller = node.spawn(Behaviors.setup(ctx -> {
                Pid p = ctx.spawnLink(Behaviors.receive((c, m) -> Behaviors.same()));
                List<Task> tasks = List.of(Task.async(ctx, () -> 1), new Task(p, ctx.makeRef(), ctx.monitor(p), ctx.self(), null));
                ctx.send(test, Tuple.of(Atom.of("tasks"), tasks));
                return Task.awaitMany(ctx, tasks, Duration.ofMillis(100), rs -> Behaviors.stop());
            }));
            Ref mon = me.monitor(caller);
            Object tasks = ((Tuple) receive(me, m -> tagged(m, Atom.of("tasks")))).get(1);
            Object down = advanceUntil(clock, Duration.ofMillis(100), me, m -> isDown(m, mon));
            assertThat(((Tuple5) down).e4()).isEqualTo(Tuple.of(Atom.TIMEOUT, Tuple.of(TASK, AWAIT_MANY, List.of(tasks, 100L))));
        }
    }

    @Nested
    class YieldAndShutdown {
        @Test
        void yield_givesNilInTime_thenTheResultLater_E5() {
            Pid test = me.pid();
            Pid caller = node.spawn(Behaviors.setup(ctx -> {
                Pid p = ctx.spawnLink(Behaviors.receive((c, m) -> {
                    c.send((Pid) ((Tuple) m).get(0), ((Tuple) m).get(1)); // answers like a task when told
                    return Behaviors.stop();
                }));
                Ref ref = ctx.makeRef();
                Task t = new Task(p, ref, ctx.monitor(p), ctx.self(), null);
                return Task.yield(ctx, t, Duration.ofMillis(100), first -> {
                    ctx.send(test, Tuple.of(RESULT, first));
                    ctx.send(p, Tuple.of(ctx.self(), Tuple.of(ref, 7L)));
                    return Task.yield(ctx, t, Duration.ofMillis(100), second -> {
                        ctx.send(test, Tuple.of(RESULT, second));
                        return Behaviors.stop();
                    });
                });
            }));
            assertThat(advanceUntil(clock, Duration.ofMillis(100), me, m -> tagged(m, RESULT))).isEqualTo(Tuple.of(RESULT, Atom.NIL));
            assertThat(receive(me, m -> tagged(m, RESULT))).isEqualTo(Tuple.of(RESULT, Tuple.of(Atom.OK, 7L)));
        }

        @Test
        void shutdown_stopsARunningTask_andGivesNil_E5() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                Pid p = ctx.spawnLink(Behaviors.receive((c, m) -> Behaviors.same()));
                Task t = new Task(p, ctx.makeRef(), ctx.monitor(p), ctx.self(), null);
                return Task.shutdown(ctx, t, Shutdown.BRUTAL_KILL, r -> {
                    ctx.send(test, Tuple.of(RESULT, r, ctx.isAlive(p)));
                    return Behaviors.stop();
                });
            }));
            assertThat(receive(me, m -> tagged(m, RESULT))).isEqualTo(Tuple.of(RESULT, Atom.NIL, false));
        }

        @Test
        void shutdown_ofAFinishedTask_returnsItsResult_E5() {
            Pid test = me.pid();
            node.spawn(Behaviors.setup(ctx -> {
                Task t = Task.async(ctx, () -> 5L);
                return Task.shutdown(ctx, t, Shutdown.millis(100), r -> {
                    ctx.send(test, Tuple.of(RESULT, r));
                    return Behaviors.stop();
                });
            }));
            Object r = receive(me, m -> tagged(m, RESULT));
            // the task may finish before or after the shutdown signal reaches it
            assertThat(r).isIn(Tuple.of(RESULT, Tuple.of(Atom.OK, 5L)), Tuple.of(RESULT, Atom.NIL));
        }
    }

    @Nested
    class OutsideAProcess {
        @Test
        void asyncAwait() {
            assertThat(Task.await(Task.async(node, () -> "done"))).isEqualTo("done");
        }

        @Test
        void awaitMany() {
            List<Task> tasks = List.of(Task.async(node, () -> 1), Task.async(node, () -> 2));
            assertThat(Task.awaitMany(tasks, Duration.ofSeconds(5))).containsExactly(1, 2);
        }

        @Test
        void aCrash_throwsTheAwaitReason() {
            Task t = Task.async(node, () -> {
                throw new IllegalStateException("boom");
            });
            ExitException e = catchThrowableOfType(ExitException.class, () -> Task.await(t));
            Tuple reason = (Tuple) e.reason();
            assertThat(((Tuple2) reason.get(0)).e0()).isInstanceOf(IllegalStateException.class);
            assertThat(reason.get(1)).isEqualTo(Tuple.of(TASK, AWAIT, List.of(t, 5000L)));
        }
    }
}
