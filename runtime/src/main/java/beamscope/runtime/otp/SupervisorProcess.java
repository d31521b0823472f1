package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.Tuple5;
import beamscope.runtime.otp.GenServer.From;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The process loop of a {@link Supervisor} and a {@link DynamicSupervisor} (OTP's supervisor.erl). One
 * instance per supervisor process, touched only by that process. Multi-step work (starting a child
 * whose init is synchronous, stopping children one at a time) is written as continuations: while it
 * runs, the supervisor's behaviour is a selective receive for just that step, and everything else (calls,
 * other children's EXITs) stays queued until the main loop takes over again.
 *
 * <p>Children are kept in start order ({@link #children}); which_children reverses it (D11), shutdown
 * walks it right to left (D10).
 */
final class SupervisorProcess {
    static final System.Logger LOG = System.getLogger("beamscope.otp.Supervisor");
    static final Atom SUPERVISOR_REPORT = Atom.of("supervisor_report");
    static final Atom PROGRESS_REPORT = Atom.of("progress_report");
    static final Atom TRY_AGAIN = Atom.of("$try_again_restart");
    static final Atom SHUTDOWN_TIMEOUT = Atom.of("$shutdown_timeout");
    static final Atom WHICH_CHILDREN = Atom.of("which_children"), COUNT_CHILDREN = Atom.of("count_children"),
            TERMINATE_CHILD = Atom.of("terminate_child"), RESTART_CHILD = Atom.of("restart_child"),
            DELETE_CHILD = Atom.of("delete_child"), START_CHILD = Atom.of("start_child");
    static final Atom NOT_FOUND = Atom.of("not_found"), RUNNING = Atom.of("running"),
            RESTARTING = Atom.of("restarting"), ALREADY_PRESENT = Atom.of("already_present"),
            MAX_CHILDREN = Atom.of("max_children");
    private static final Atom GET_STATE = Atom.of("get_state"), TERMINATE = Atom.of("terminate");

    /** A child: its spec, its pid when running, and how often it was restarted. */
    static final class Child {
        final ChildSpec spec;
        Pid pid;
        boolean restarting;
        int restartCount;

        Child(ChildSpec spec) {
            this.spec = spec;
        }

        Object id(boolean dynamic) {
            return dynamic ? Atom.UNDEFINED : spec.id();
        }
    }

    private final SupervisorFlags flags;
    private final boolean dynamic;
    private final int maxChildren;
    private final Pid parent;
    private final String label;
    private final String name;
    private final Published.Supervisor observed;
    private final List<Child> children = new ArrayList<>();
    // Restarts in the intensity window as (second, how many in it), oldest first; restartCount is their sum.
    // Seconds only grow (monotonic clock), so the window drops from the front: O(1) per restart and at most
    // period + 1 entries, where a list of every restart (OTP's) grows with the restart rate.
    private final ArrayDeque<long[]> restarts = new ArrayDeque<>();
    private long restartCount;
    private Pid self;
    private Behavior.Receive main;

    private SupervisorProcess(SupervisorFlags flags, boolean dynamic, int maxChildren, Pid parent, String label,
            String name, Published.Supervisor observed) {
        this.flags = flags;
        this.dynamic = dynamic;
        this.maxChildren = maxChildren;
        this.parent = parent;
        this.label = label;
        this.name = name;
        this.observed = observed;
    }

    static Behavior init(ProcessContext ctx, ProcLib.Starter st, SupervisorFlags flags, List<ChildSpec> specs,
            String name, boolean dynamic, int maxChildren) {
        String label = dynamic ? "DynamicSupervisor" : "Supervisor";
        Published.Supervisor observed = new Published.Supervisor(null);
        if (!ProcLib.initProcess(ctx, st, name, label + ".init/1", observed)) return Behaviors.stop();
        ctx.trapExit(true); // D7
        SupervisorProcess sp = new SupervisorProcess(flags, dynamic, maxChildren,
                st.parent() == null ? ctx.self() : st.parent(), label, name, observed);
        sp.self = ctx.self();
        java.util.Set<Object> ids = new java.util.HashSet<>();
        for (ChildSpec s : specs) {
            if (!ids.add(s.id())) {
                Object reason = Tuple.of(Atom.SHUTDOWN, Tuple.of(Atom.of("duplicate_child_name"), s.id()));
                st.ack(ctx, StartResult.error(reason));
                return Behaviors.stop(reason);
            }
        }
        sp.publish();
        return sp.startInitial(ctx, List.copyOf(specs), 0, st);
    }

    // ================================================================== init (D8, D9)

    private Behavior startInitial(ProcessContext ctx, List<ChildSpec> specs, int i, ProcLib.Starter st) {
        if (i == specs.size()) {
            publish();
            st.ack(ctx, StartResult.ok(ctx.self()));
            return main();
        }
        ChildSpec spec = specs.get(i);
        return startChild(ctx, spec, r -> {
            switch (r) {
                case StartResult.Ok ok -> {
                    Child ch = new Child(spec);
                    ch.pid = ok.pid();
                    children.add(ch);
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (spec.restart() != Restart.TEMPORARY) children.add(new Child(spec)); // D6
                }
                case StartResult.Error e -> {
                    report(ctx, Atom.of("start_error"), e.reason(), spec, Atom.UNDEFINED);
                    Object reason = Tuple.of(Atom.SHUTDOWN, Tuple.of(Atom.of("failed_to_start_child"), spec.id(), e.reason()));
                    return terminateAll(ctx, () -> {
                        st.ack(ctx, StartResult.error(reason));
                        return Behaviors.stop(reason);
                    });
                }
            }
            publish();
            return Behaviors.setup(c -> startInitial(c, specs, i + 1, st));
        });
    }

    /** Runs a start function; an exception counts as {@code {:error, {:EXIT, reason}}} (D6, D9). */
    private Behavior startChild(ProcessContext ctx, ChildSpec spec, Function<StartResult, Behavior> then) {
        boolean[] called = {false};
        Function<StartResult, Behavior> once = r -> {
            called[0] = true;
            return then.apply(r == null ? StartResult.error(Tuple.of(ProcLib.BAD_RETURN_VALUE, null)) : r);
        };
        try {
            return spec.start().start(ctx, once);
        } catch (Throwable t) {
            if (called[0]) throw sneaky(t);
            return once.apply(StartResult.error(Tuple.of(Atom.EXIT, ProcLib.crashReason(t))));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    // ================================================================== the main loop

    private Behavior main() {
        if (main == null) main = Behaviors.receive(label, this::handle);
        return main;
    }

    private Behavior handle(ProcessContext ctx, Object msg) throws Exception {
        if (msg instanceof Tuple3(Atom tag, Pid from, Object reason) && tag == Atom.EXIT) {
            if (from.equals(parent)) return terminateAll(ctx, () -> Behaviors.stop(reason));
            Child ch = byPid(from);
            if (ch == null) return Behaviors.same();
            return childExited(ctx, ch, reason);
        }
        if (msg instanceof Tuple3(Atom tag, From from, Object request)) {
            if (tag == Calls.GEN_CALL) return call(ctx, from, request);
            if (tag == Calls.SYSTEM) {
                if (request == GET_STATE) {
                    GenServer.reply(ctx, from, observed.view);
                    return Behaviors.same();
                }
                if (request instanceof Tuple2(Atom t, Object reason) && t == TERMINATE)
                    return terminateAll(ctx, () -> Behaviors.stop(reason));
                return Behaviors.same();
            }
        }
        if (msg instanceof Tuple2(Atom tag, Object id) && tag == TRY_AGAIN) {
            Child ch = byIdentity(id);
            if (ch != null && ch.restarting) return restart(ctx, ch);
            return Behaviors.same();
        }
        if (Calls.dropIfLateReply(ctx, msg)) return Behaviors.same();
        LOG.log(System.Logger.Level.ERROR, () -> label + " " + ctx.self() + " received unexpected message: "
                + Terms.inspect(msg, 500)); // D37
        return Behaviors.same();
    }

    // ================================================================== restarts (D12–D23)

    private Behavior childExited(ProcessContext ctx, Child ch, Object reason) {
        Pid old = ch.pid;
        ch.pid = null;
        Restart rt = ch.spec.restart();
        if (rt == Restart.PERMANENT || !ProcLib.isNormalExit(reason))
            report(ctx, Atom.of("child_terminated"), reason, ch.spec, old);
        if (!rt.restartsAfter(reason)) {
            if (rt == Restart.TEMPORARY || dynamic) children.remove(ch);
            publish();
            return main();
        }
        return restart(ctx, ch);
    }

    /** add_restart: more than intensity restarts in the last period seconds, inclusive (D21). */
    private boolean addRestart(ProcessContext ctx) {
        long now = Math.floorDiv(ctx.nanoTime(), 1_000_000_000L);
        long threshold = now - flags.period();
        while (!restarts.isEmpty() && restarts.peekFirst()[0] < threshold) restartCount -= restarts.pollFirst()[1];
        long[] last = restarts.peekLast();
        if (last != null && last[0] >= now) last[1]++;
        else restarts.addLast(new long[] {now, 1});
        restartCount++;
        return restartCount <= flags.intensity();
    }

    private Behavior restart(ProcessContext ctx, Child ch) {
        if (!addRestart(ctx)) {
            report(ctx, Atom.SHUTDOWN, Atom.of("reached_max_restart_intensity"), ch.spec,
                    ch.pid == null ? Atom.UNDEFINED : ch.pid);
            return terminateAll(ctx, () -> Behaviors.stop(Atom.SHUTDOWN)); // D20
        }
        ch.restarting = false;
        List<Child> group;
        List<Child> toStop = new ArrayList<>();
        switch (flags.strategy()) {
            case ONE_FOR_ONE -> group = new ArrayList<>(List.of(ch));
            case ONE_FOR_ALL -> {
                group = new ArrayList<>(children);
                for (Child c : children) if (c != ch && c.pid != null) toStop.add(c);
            }
            case REST_FOR_ONE -> {
                int idx = children.indexOf(ch);
                group = new ArrayList<>(children.subList(idx, children.size()));
                for (Child c : group) if (c != ch && c.pid != null) toStop.add(c);
            }
            default -> throw new IllegalStateException();
        }
        java.util.Collections.reverse(toStop);
        return terminateList(ctx, toStop, 0, () -> {
            group.removeIf(c -> !children.contains(c)); // temporary siblings are gone (D16)
            return restartGroup(ctx, group, 0);
        });
    }

    /** Starts {@code group} left to right; a failed start is retried through a message to self (D19). */
    private Behavior restartGroup(ProcessContext ctx, List<Child> group, int i) {
        if (i == group.size()) {
            publish();
            return main();
        }
        Child ch = group.get(i);
        return startChild(ctx, ch.spec, r -> {
            switch (r) {
                case StartResult.Ok ok -> {
                    ch.pid = ok.pid();
                    ch.restartCount++;
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (ch.spec.restart() == Restart.TEMPORARY || dynamic) children.remove(ch);
                }
                case StartResult.Error e -> {
                    report(ctx, Atom.of("start_error"), e.reason(), ch.spec, Atom.UNDEFINED);
                    ch.restarting = true;
                    ctx.send(ctx.self(), Tuple.of(TRY_AGAIN, identity(ch)));
                    publish();
                    return main();
                }
            }
            publish();
            return Behaviors.setup(c -> restartGroup(c, group, i + 1));
        });
    }

    // ================================================================== stopping children (D24–D28)

    /** Stops every running child, right to left (parallel for a DynamicSupervisor, D28), then {@code then}. */
    private Behavior terminateAll(ProcessContext ctx, Supplier<Behavior> then) {
        List<Child> running = new ArrayList<>();
        for (int i = children.size() - 1; i >= 0; i--) if (children.get(i).pid != null) running.add(children.get(i));
        if (dynamic) return terminateParallel(ctx, running, then);
        return terminateList(ctx, running, 0, then);
    }

    private Behavior terminateList(ProcessContext ctx, List<Child> list, int i, Supplier<Behavior> then) {
        if (i == list.size()) return ProcLib.nonSame(then.get());
        Child ch = list.get(i);
        return shutdown(ctx, ch, error -> {
            stopped(ctx, ch, error);
            return Behaviors.setup(c -> terminateList(c, list, i + 1, then));
        });
    }

    /** After a child was stopped: the report if it did not stop as asked; temporary specs go. */
    private void stopped(ProcessContext ctx, Child ch, Object error) {
        if (error != null) report(ctx, Atom.of("shutdown_error"), error, ch.spec, ch.pid);
        ch.pid = null;
        ch.restarting = false;
        if (ch.spec.restart() == Restart.TEMPORARY || dynamic) children.remove(ch);
        publish();
    }

    /**
     * Stops one child: monitor, unlink (a child that unlinked cannot hang us), then kill or
     * {@code exit(child, :shutdown)} with the timeout. Continues with null, or the unexpected reason.
     */
    private Behavior shutdown(ProcessContext ctx, Child ch, Function<Object, Behavior> then) {
        Pid pid = ch.pid;
        boolean permanent = ch.spec.restart() == Restart.PERMANENT;
        Ref mon = ctx.monitor(pid);
        ctx.unlink(pid);
        return Behaviors.receive("Supervisor.shutdown", (c, m) -> {
            // An EXIT already queued: the child was dead before we asked.
            if (m instanceof Tuple3(Atom tag, Pid p, Object reason) && tag == Atom.EXIT && p.equals(pid)) {
                return awaitDown(mon, r -> then.apply(Atom.NORMAL.equals(reason) && !permanent ? null : reason));
            }
            return Behaviors.unhandled();
        }).after(Duration.ZERO, c -> {
            Shutdown how = ch.spec.shutdown();
            Object expected = how instanceof Shutdown.BrutalKill ? Atom.KILLED : Atom.SHUTDOWN;
            Function<Object, Behavior> judge = r -> then.apply(
                    r.equals(expected) || !permanent && ProcLib.isNormalExit(r) ? null : r);
            if (how instanceof Shutdown.BrutalKill) {
                c.exit(pid, Atom.KILL);
                return awaitDown(mon, judge);
            }
            c.exit(pid, Atom.SHUTDOWN);
            Behavior.Receive wait = awaitDown(mon, judge);
            if (how instanceof Shutdown.Timeout t) {
                return wait.after(t.after(), c2 -> {
                    c2.exit(pid, Atom.KILL);
                    return awaitDown(mon, then::apply);
                });
            }
            return wait;
        });
    }

    private static Behavior.Receive awaitDown(Ref mon, Function<Object, Behavior> then) {
        return Behaviors.receive("Supervisor.shutdown", (c, m) -> ProcLib.isDown(m, mon)
                ? ProcLib.nonSame(then.apply(realReason(c, (Tuple5) m))) : Behaviors.unhandled());
    }

    /** A monitor set just after the child exited says noproc; the node remembers the real reason. */
    private static Object realReason(ProcessContext ctx, Tuple5 down) {
        return Atom.NOPROC.equals(down.e4()) && down.e3() instanceof Pid p
                ? ctx.node().exitReason(p).orElse(Atom.NOPROC) : down.e4();
    }

    /** D28: unlink and monitor all, signal all, one timer per distinct shutdown timeout, wait for every DOWN. */
    private Behavior terminateParallel(ProcessContext ctx, List<Child> running, Supplier<Behavior> then) {
        if (running.isEmpty()) return ProcLib.nonSame(then.get());
        Map<Ref, Child> pending = new LinkedHashMap<>();
        Map<Long, Ref> timers = new HashMap<>();
        Ref token = ctx.makeRef();
        List<beamscope.runtime.TimerRef> armed = new ArrayList<>();
        for (Child ch : running) {
            Ref mon = ctx.monitor(ch.pid);
            ctx.unlink(ch.pid);
            pending.put(mon, ch);
            switch (ch.spec.shutdown()) {
                case Shutdown.BrutalKill b -> ctx.exit(ch.pid, Atom.KILL);
                case Shutdown.Infinity i -> ctx.exit(ch.pid, Atom.SHUTDOWN);
                case Shutdown.Timeout t -> {
                    ctx.exit(ch.pid, Atom.SHUTDOWN);
                    long ms = t.after().toMillis();
                    if (!timers.containsKey(ms)) {
                        timers.put(ms, token);
                        armed.add(ctx.sendAfter(ctx.self(), Tuple.of(SHUTDOWN_TIMEOUT, token, ms), t.after()));
                    }
                }
            }
        }
        return Behaviors.receive("DynamicSupervisor.shutdown", (c, m) -> {
            if (m instanceof Tuple5(Atom tag, Ref mon, Object p, Object o, Object r0) && tag == Atom.DOWN
                    && pending.containsKey(mon)) {
                Object reason = realReason(c, (Tuple5) m);
                Child ch = pending.remove(mon);
                boolean permanent = ch.spec.restart() == Restart.PERMANENT;
                Object expected = ch.spec.shutdown() instanceof Shutdown.BrutalKill ? Atom.KILLED : Atom.SHUTDOWN;
                stopped(c, ch, reason.equals(expected) || !permanent && ProcLib.isNormalExit(reason) ? null : reason);
                if (pending.isEmpty()) {
                    for (beamscope.runtime.TimerRef t : armed) c.cancelTimer(t);
                    return ProcLib.nonSame(then.get());
                }
                return Behaviors.same();
            }
            if (m instanceof Tuple3(Atom tag, Ref t, Long ms) && tag == SHUTDOWN_TIMEOUT && t.equals(token)) {
                for (Child ch : pending.values()) {
                    if (ch.spec.shutdown() instanceof Shutdown.Timeout to && to.after().toMillis() == ms) c.exit(ch.pid, Atom.KILL);
                }
                return Behaviors.same();
            }
            return Behaviors.unhandled();
        });
    }

    // ================================================================== the management API (D29–D36)

    private Behavior call(ProcessContext ctx, From from, Object request) throws Exception {
        if (request == WHICH_CHILDREN) {
            List<ChildView> out = new ArrayList<>();
            if (dynamic) for (Child c : children) out.add(view(c));
            else for (int i = children.size() - 1; i >= 0; i--) out.add(view(children.get(i)));
            GenServer.reply(ctx, from, List.copyOf(out));
            return Behaviors.same();
        }
        if (request == COUNT_CHILDREN) {
            int active = 0, sups = 0, workers = 0;
            for (Child c : children) {
                if (c.pid != null && ctx.isAlive(c.pid)) active++;
                if (c.spec.type() == ChildType.SUPERVISOR) sups++;
                else workers++;
            }
            GenServer.reply(ctx, from, new Supervisor.ChildCounts(children.size(), active, sups, workers));
            return Behaviors.same();
        }
        if (request instanceof Tuple2(Atom op, Object arg)) {
            if (op == START_CHILD && arg instanceof ChildSpec spec) return startChildCall(ctx, from, spec);
            Child ch = dynamic ? (arg instanceof Pid p ? byPid(p) : null) : byId(arg);
            if (op == TERMINATE_CHILD) {
                if (ch == null) return reply(ctx, from, Tuple.of(Atom.ERROR, NOT_FOUND));
                if (ch.pid == null) {
                    stopped(ctx, ch, null);
                    return reply(ctx, from, Atom.OK);
                }
                return shutdown(ctx, ch, error -> {
                    stopped(ctx, ch, error);
                    GenServer.reply(ctx, from, Atom.OK);
                    return main();
                });
            }
            if (op == RESTART_CHILD || op == DELETE_CHILD) {
                if (ch == null) return reply(ctx, from, op == RESTART_CHILD ? StartResult.error(NOT_FOUND)
                        : Tuple.of(Atom.ERROR, NOT_FOUND));
                Object busy = ch.pid != null ? RUNNING : ch.restarting ? RESTARTING : null;
                if (busy != null) return reply(ctx, from, op == RESTART_CHILD ? StartResult.error(busy) : Tuple.of(Atom.ERROR, busy));
                if (op == DELETE_CHILD) {
                    children.remove(ch);
                    publish();
                    return reply(ctx, from, Atom.OK);
                }
                // D31: a restart asked for does not count toward intensity.
                return startChild(ctx, ch.spec, r -> {
                    if (r instanceof StartResult.Ok ok) {
                        ch.pid = ok.pid();
                        ch.restartCount++;
                        progress(ctx, ch);
                        publish();
                    }
                    GenServer.reply(ctx, from, r);
                    return main();
                });
            }
        }
        return reply(ctx, from, Tuple.of(Atom.ERROR, Tuple.of(Atom.of("unknown_call"), request)));
    }

    private Behavior startChildCall(ProcessContext ctx, From from, ChildSpec spec) {
        if (!dynamic) {
            Child existing = byId(spec.id());
            if (existing != null) {
                return reply(ctx, from, StartResult.error(existing.pid != null
                        ? Tuple.of(ProcLib.ALREADY_STARTED, existing.pid) : ALREADY_PRESENT));
            }
        } else if (maxChildren >= 0 && children.size() >= maxChildren) {
            return reply(ctx, from, StartResult.error(MAX_CHILDREN));
        }
        return startChild(ctx, spec, r -> {
            switch (r) {
                case StartResult.Ok ok -> {
                    Child ch = new Child(spec);
                    ch.pid = ok.pid();
                    children.add(ch);
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (!dynamic && spec.restart() != Restart.TEMPORARY) children.add(new Child(spec));
                }
                case StartResult.Error e -> { }
            }
            publish();
            GenServer.reply(ctx, from, r);
            return main();
        });
    }

    private Behavior reply(ProcessContext ctx, From from, Object reply) {
        GenServer.reply(ctx, from, reply);
        return main();
    }

    // ================================================================== lookups, views, reports

    private Child byPid(Pid pid) {
        for (Child c : children) if (pid.equals(c.pid)) return c;
        return null;
    }

    private Child byId(Object id) {
        for (Child c : children) if (Objects.equals(id, c.spec.id())) return c;
        return null;
    }

    /** The key a retry message carries: the id, or for a dynamic child the Child itself. */
    private Object identity(Child ch) {
        return dynamic ? new Ident(ch) : ch.spec.id();
    }

    private record Ident(Child child) {}

    private Child byIdentity(Object key) {
        if (key instanceof Ident(Child c)) return children.contains(c) ? c : null;
        return byId(key);
    }

    private ChildView view(Child c) {
        ChildView.Status st = c.pid != null ? ChildView.Status.RUNNING
                : c.restarting ? ChildView.Status.RESTARTING : ChildView.Status.UNDEFINED;
        return new ChildView(c.id(dynamic), Optional.ofNullable(c.pid), st, c.spec.type(), c.spec.restart(), c.restartCount);
    }

    private void publish() {
        List<ChildView> views = new ArrayList<>(children.size());
        for (Child c : children) views.add(view(c));
        observed.view = new SupervisorView(self, Optional.ofNullable(name), label, flags.strategy(), flags.intensity(),
                flags.period(), dynamic, dynamic ? maxChildren : -1, List.copyOf(views));
    }

    private Object supervisorTerm() {
        return name != null ? Atom.of(name) : self;
    }

    /** A SUPERVISOR REPORT (D39): logged, and published as a runtime event for the GUI. */
    private void report(ProcessContext ctx, Atom context, Object reason, ChildSpec spec, Object pid) {
        Object details = ProcLib.list(Tuple.of(Atom.of("supervisor"), supervisorTerm()),
                Tuple.of(Atom.of("errorContext"), context), Tuple.of(Atom.of("reason"), reason),
                Tuple.of(Atom.of("offender"), spec.offender(pid)));
        ctx.node().report(ctx.self(), SUPERVISOR_REPORT, details);
        if (LOG.isLoggable(System.Logger.Level.ERROR))
            LOG.log(System.Logger.Level.ERROR, "SUPERVISOR REPORT " + Terms.inspect(details, 4000));
    }

    /** A PROGRESS REPORT for a child start, at debug level; the event lets the GUI animate (re)starts. */
    private void progress(ProcessContext ctx, Child ch) {
        Object details = ProcLib.list(Tuple.of(Atom.of("supervisor"), supervisorTerm()),
                Tuple.of(Atom.of("started"), ch.spec.offender(ch.pid)),
                Tuple.of(Atom.of("restart_count"), ch.restartCount));
        ctx.node().report(ctx.self(), PROGRESS_REPORT, details);
        if (LOG.isLoggable(System.Logger.Level.DEBUG))
            LOG.log(System.Logger.Level.DEBUG, "PROGRESS REPORT " + Terms.inspect(details, 2000));
    }
}
