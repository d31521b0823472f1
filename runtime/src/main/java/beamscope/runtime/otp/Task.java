package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Elixir's {@code Task}: run a function in its own process and await its result (E1–E4).
 *
 * <pre>{@code
 * // inside a process: no blocking, the await is the next behaviour
 * Task t = Task.async(ctx, () -> expensive());
 * return Task.await(ctx, t, result -> next(result));
 * // outside (tests, GUI): blocks this thread
 * Object r = Task.await(Task.async(node, () -> 42));
 * }</pre>
 *
 * <p>A task sends {@code {ref, result}} to its owner and exits normal; if it raises, its exit reason comes
 * with the DOWN of the owner's monitor. Inside a process {@code async} links the task to the owner (E1,
 * E3). Outside, the owner is a private inbox and the task is monitored only: the calling thread is not a
 * process that could die with it; when await times out the inbox closes, so the late result is dropped.
 *
 * <p>A task's function is plain Java that may block (sleep, I/O): it runs on a dirty scheduler
 * ({@link ProcessContext#blocking}), so a task never holds a normal scheduler, and the task process
 * counts as running there meanwhile. It must not use the caller's context.
 */
public final class Task {
    static final Atom TASK = Atom.of("Elixir.Task"), AWAIT = Atom.of("await"), AWAIT_MANY = Atom.of("await_many"),
            CALLERS = Atom.of("$callers");

    private final Pid pid;
    private final Ref ref;
    private final Ref monitor;
    private final Pid owner;
    private final Inbox inbox;
    private final Node node;

    Task(Pid pid, Ref ref, Ref monitor, Pid owner, Inbox inbox) {
        this(pid, ref, monitor, owner, inbox, null);
    }

    private Task(Pid pid, Ref ref, Ref monitor, Pid owner, Inbox inbox, Node node) {
        this.pid = pid;
        this.ref = ref;
        this.monitor = monitor;
        this.owner = owner;
        this.inbox = inbox;
        this.node = node;
    }

    public Pid pid() {
        return pid;
    }

    /** The tag of the result message {@code {ref, result}}. */
    public Ref ref() {
        return ref;
    }

    public Pid owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "%Task{owner: " + owner + ", pid: " + pid + ", ref: " + ref + "}";
    }

    private static Behavior body(Pid owner, Ref ref, Callable<?> fun) {
        return Behaviors.setup(ctx -> {
            ctx.put(CALLERS, List.of(owner)); // E7
            return ctx.blocking(fun, result -> {
                ctx.send(owner, Tuple.of(ref, result));
                return Behaviors.stop();
            });
        });
    }

    private static SpawnOptions options() {
        return SpawnOptions.defaults().withInitialCall("Task.async/1");
    }

    // ------------------------------------------------------------------ inside a process

    /** {@code Task.async(fun)}: linked to the caller, monitored, awaitable once by the caller (E1). */
    public static Task async(ProcessContext ctx, Callable<?> fun) {
        Ref ref = ctx.makeRef();
        Pid pid = ctx.spawnLink(body(ctx.self(), ref, fun), options());
        Ref mon = ctx.monitor(pid);
        return new Task(pid, ref, mon, ctx.self(), null);
    }

    /** {@code Task.await(task)} with the 5000 ms default. */
    public static Behavior await(ProcessContext ctx, Task task, Function<Object, Behavior> then) {
        return await(ctx, task, GenServer.DEFAULT_TIMEOUT, then);
    }

    /**
     * {@code Task.await(task, timeout)} (E2): the next behaviour waits for the result. If the task died the
     * caller exits with {@code {reason, {Task, :await, [task, timeout]}}}; on timeout with
     * {@code {:timeout, {Task, :await, [task, timeout]}}}.
     */
    public static Behavior await(ProcessContext ctx, Task task, Duration timeout, Function<Object, Behavior> then) {
        checkOwner(ctx, task);
        Behavior.Receive wait = Behaviors.receive("Task.await", (c, m) -> {
            if (m instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)) {
                c.demonitor(task.monitor, true);
                return ProcLib.nonSame(then.apply(result));
            }
            if (ProcLib.isDown(m, task.monitor)) {
                Object reason = ((Tuple5) m).e4();
                // a task that finished before the monitor was set: its result is queued behind the DOWN
                return Behaviors.receive((c2, m2) -> m2 instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)
                                ? ProcLib.nonSame(then.apply(result)) : Behaviors.unhandled())
                        .after(Duration.ZERO, c2 -> {
                            throw new ExitException(failure(realReason(c2.node(), task, reason), AWAIT, task, timeout));
                        });
            }
            return Behaviors.unhandled();
        });
        if (ProcLib.isInfinite(timeout)) return wait;
        return wait.after(timeout, c -> {
            c.demonitor(task.monitor, true);
            throw new ExitException(failure(Atom.TIMEOUT, AWAIT, task, timeout));
        });
    }

    /**
     * {@code Task.await_many(tasks, timeout)} (E4): the results in input order, one shared timeout; exits
     * with {@code {:timeout, {Task, :await_many, [tasks, timeout]}}} or the first dead task's reason.
     */
    public static Behavior awaitMany(ProcessContext ctx, List<Task> tasks, Duration timeout,
            Function<List<Object>, Behavior> then) {
        for (Task t : tasks) checkOwner(ctx, t);
        if (tasks.isEmpty()) return ProcLib.nonSame(then.apply(List.of()));
        long deadline = ProcLib.isInfinite(timeout) ? Long.MAX_VALUE : ctx.nanoTime() + timeout.toNanos();
        return awaitManyStep(ctx, List.copyOf(tasks), timeout, deadline, new Object[tasks.size()],
                new boolean[tasks.size()], then);
    }

    /** One round of await_many; each round's {@code after} is what is left of the shared deadline. */
    private static Behavior awaitManyStep(ProcessContext ctx, List<Task> tasks, Duration timeout, long deadline,
            Object[] results, boolean[] done, Function<List<Object>, Behavior> then) {
        Behavior.Receive wait = Behaviors.receive("Task.await_many", (c, m) -> {
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                if (done[i]) continue;
                if (m instanceof Tuple2(Ref r, Object result) && r.equals(t.ref)) {
                    c.demonitor(t.monitor, true);
                    results[i] = result;
                    done[i] = true;
                    for (boolean d : done) if (!d) return awaitManyStep(c, tasks, timeout, deadline, results, done, then);
                    return ProcLib.nonSame(then.apply(Arrays.asList(results)));
                }
                if (ProcLib.isDown(m, t.monitor)) {
                    Object reason = ((Tuple5) m).e4();
                    if (Atom.NOPROC.equals(reason)) {
                        // it finished before the monitor was set: its result is queued right behind
                        Object real = c.node().exitReason(t.pid).orElse(Atom.NOPROC);
                        if (Atom.NORMAL.equals(real)) return awaitManyStep(c, tasks, timeout, deadline, results, done, then);
                        reason = real;
                    }
                    throw new ExitException(failure(reason, AWAIT_MANY, tasks, timeout));
                }
            }
            return Behaviors.unhandled();
        });
        if (deadline == Long.MAX_VALUE) return wait;
        return wait.after(Duration.ofNanos(Math.max(0, deadline - ctx.nanoTime())), c -> {
            for (Task t : tasks) c.demonitor(t.monitor, true);
            throw new ExitException(failure(Atom.TIMEOUT, AWAIT_MANY, tasks, timeout));
        });
    }

    /**
     * {@code Task.yield(task, timeout)} (E5): continues with {@code {:ok, result}}, {@code {:exit, reason}}
     * or {@code nil} when nothing came in time; after {@code nil} the task is still monitored and can be
     * awaited or yielded again.
     */
    public static Behavior yield(ProcessContext ctx, Task task, Duration timeout, Function<Object, Behavior> then) {
        checkOwner(ctx, task);
        Behavior.Receive wait = Behaviors.receive("Task.yield", (c, m) -> {
            if (m instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)) {
                c.demonitor(task.monitor, true);
                return ProcLib.nonSame(then.apply(Tuple.of(Atom.OK, result)));
            }
            if (ProcLib.isDown(m, task.monitor)) return afterDown(c, task, ((Tuple5) m).e4(), then);
            return Behaviors.unhandled();
        });
        if (ProcLib.isInfinite(timeout)) return wait;
        return wait.after(timeout, c -> ProcLib.nonSame(then.apply(Atom.NIL)));
    }

    /**
     * {@code Task.shutdown(task, timeout)} (E5): unlinks, sends {@code :shutdown}, kills after the timeout
     * (at once with {@link Shutdown#BRUTAL_KILL}), and continues with {@code {:ok, result}} if the result
     * came before the task stopped, {@code {:exit, reason}} for another exit reason, or {@code nil}.
     */
    public static Behavior shutdown(ProcessContext ctx, Task task, Shutdown how, Function<Object, Behavior> then) {
        checkOwner(ctx, task);
        ctx.unlink(task.pid);
        ctx.exit(task.pid, how instanceof Shutdown.BrutalKill ? Atom.KILL : Atom.SHUTDOWN);
        Behavior.Receive wait = Behaviors.receive("Task.shutdown", (c, m) -> {
            if (m instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)) {
                c.demonitor(task.monitor, true);
                return ProcLib.nonSame(then.apply(Tuple.of(Atom.OK, result)));
            }
            if (ProcLib.isDown(m, task.monitor)) return afterDown(c, task, ((Tuple5) m).e4(), then);
            return Behaviors.unhandled();
        });
        if (how instanceof Shutdown.Timeout t) {
            return wait.after(t.after(), c -> {
                c.exit(task.pid, Atom.KILL);
                return Behaviors.receive((c2, m) -> {
                    if (m instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)) {
                        c2.demonitor(task.monitor, true);
                        return ProcLib.nonSame(then.apply(Tuple.of(Atom.OK, result)));
                    }
                    return ProcLib.isDown(m, task.monitor) ? afterDown(c2, task, ((Tuple5) m).e4(), then) : Behaviors.unhandled();
                });
            });
        }
        return wait;
    }

    /** After the task's DOWN: its result if it is queued (it finished first), else exit or nil. */
    private static Behavior afterDown(ProcessContext ctx, Task task, Object reason, Function<Object, Behavior> then) {
        return Behaviors.receive((c, m) -> m instanceof Tuple2(Ref r, Object result) && r.equals(task.ref)
                        ? ProcLib.nonSame(then.apply(Tuple.of(Atom.OK, result))) : Behaviors.unhandled())
                .after(Duration.ZERO, c -> {
                    Object real = realReason(c.node(), task, reason);
                    boolean quiet = Atom.SHUTDOWN.equals(real) || Atom.KILLED.equals(real) || Atom.NORMAL.equals(real);
                    return ProcLib.nonSame(then.apply(quiet ? Atom.NIL : Tuple.of(Atom.of("exit"), real)));
                });
    }

    /** {@code Task.start(fun)}: fire and forget, not linked. */
    public static Pid start(ProcessContext ctx, Callable<?> fun) {
        return ctx.spawn(runOnly(fun), SpawnOptions.defaults().withInitialCall("Task.start/1"));
    }

    /** {@code Task.start_link(fun)}: fire and forget, linked; cannot be awaited (E6). */
    public static Pid startLink(ProcessContext ctx, Callable<?> fun) {
        return ctx.spawnLink(runOnly(fun), SpawnOptions.defaults().withInitialCall("Task.start_link/1"));
    }

    /** A child start for a task under a supervisor (use {@link Restart#TEMPORARY}, Task's default, E6). */
    public static ChildStart child(Callable<?> fun) {
        return (ctx, then) -> then.apply(StartResult.ok(startLink(ctx, fun)));
    }

    private static Behavior runOnly(Callable<?> fun) {
        return Behaviors.blocking(fun, result -> Behaviors.stop());
    }

    private static void checkOwner(ProcessContext ctx, Task task) {
        if (!task.owner.equals(ctx.self()))
            throw new IllegalArgumentException("task " + task + " must be queried from the owner but was queried from "
                    + ctx.self());
    }

    /**
     * A monitor set after the task had already exited says {@code :noproc}; the node remembers the real
     * reason of recent exits.
     */
    private static Object realReason(Node node, Task task, Object reason) {
        return Atom.NOPROC.equals(reason) && node != null ? node.exitReason(task.pid).orElse(reason) : reason;
    }

    private static Object failure(Object reason, Atom fn, Object task, Duration timeout) {
        return Tuple.of(reason, Tuple.of(TASK, fn, ProcLib.list(task, ProcLib.timeoutTerm(timeout))));
    }

    // ------------------------------------------------------------------ outside a process

    /** {@code Task.async(fun)} from outside a process: the owner is a private inbox. */
    public static Task async(Node node, Callable<?> fun) {
        Inbox inbox = node.inbox("Task.owner");
        Ref ref = node.makeRef();
        Pid pid = node.spawn(body(inbox.pid(), ref, fun), options());
        Ref mon = inbox.monitor(pid);
        return new Task(pid, ref, mon, inbox.pid(), inbox, node);
    }

    public static Pid start(Node node, Callable<?> fun) {
        return node.spawn(runOnly(fun), SpawnOptions.defaults().withInitialCall("Task.start/1"));
    }

    /** Blocks up to 5000 ms. */
    public static Object await(Task task) {
        return await(task, GenServer.DEFAULT_TIMEOUT);
    }

    /** Blocks this (non-scheduler) thread; throws {@link ExitException} with the same reasons as in a process. */
    public static Object await(Task task, Duration timeout) {
        return awaitOutside(task, timeout, AWAIT, task, timeout);
    }

    public static List<Object> awaitMany(List<Task> tasks, Duration timeout) {
        long deadline = ProcLib.isInfinite(timeout) ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        List<Object> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            Duration left = deadline == Long.MAX_VALUE ? GenServer.INFINITY
                    : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            out.add(awaitOutside(t, left, AWAIT_MANY, List.copyOf(tasks), timeout));
        }
        return out;
    }

    private static Object awaitOutside(Task task, Duration wait, Atom fn, Object shown, Duration timeout) {
        if (task.inbox == null) throw new IllegalArgumentException("task " + task + " belongs to a process; await it there");
        Calls.ensureNotOnScheduler();
        Inbox inbox = task.inbox;
        try {
            Optional<Object> m;
            do {
                m = inbox.receive(x -> x instanceof Tuple2(Ref r, Object y) && r.equals(task.ref) || ProcLib.isDown(x, task.monitor),
                        ProcLib.isInfinite(wait) ? ProcLib.FOREVER : wait);
            } while (m.isEmpty() && ProcLib.isInfinite(wait));
            if (m.isEmpty()) throw new ExitException(failure(Atom.TIMEOUT, fn, shown, timeout));
            if (m.get() instanceof Tuple2(Ref r, Object result)) return result;
            Optional<Object> late = inbox.receive(x -> x instanceof Tuple2(Ref r, Object y) && r.equals(task.ref), Duration.ZERO);
            if (late.isPresent()) return ((Tuple2) late.get()).e1();
            throw new ExitException(failure(realReason(task.node, task, ((Tuple5) m.get()).e4()), fn, shown, timeout));
        } finally {
            inbox.close();
        }
    }
}
