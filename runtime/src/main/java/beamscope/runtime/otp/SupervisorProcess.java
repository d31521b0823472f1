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
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The process loop of a {@link Supervisor} and a {@link DynamicSupervisor} (OTP's supervisor.erl). One
 * instance per supervisor process, touched only by that process. Multi-step work (starting a child
 * whose init is synchronous, stopping children one at a time) is written as continuations: while it
 * runs, the supervisor's behaviour is a selective receive for just that step, and everything else (calls,
 * other children's EXITs) stays queued until the main loop takes over again.
 *
 * <p>Children are kept in start order ({@link #children}, keyed by a start sequence number); which_children
 * reverses it (D11), shutdown walks it right to left (D10). A restarted child keeps its place.
 *
 * <p>Cost per child start, restart and termination: O(log n) in the number of children n (the ordered
 * map), with lookups by pid (an EXIT, terminate_child) and by id in hash maps, O(1); observers get the
 * view built on demand ({@link Published.Supervisor}), so a change costs the supervisor O(1) to publish.
 * which_children, count_children and strategies that touch every child (one_for_all, shutdown) are O(n).
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

    /**
     * A child: its spec, its pid when running, and how often it was restarted. Written by the supervisor
     * only; the volatile fields are read by observers building a view.
     */
    static final class Child {
        final ChildSpec spec;
        /** Its place in start order, set when it joins {@link #children}. */
        long seq;
        volatile Pid pid;
        volatile boolean restarting;
        volatile int restartCount;

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
    /**
     * The children in start order, by {@link Child#seq}. Changed by the supervisor only; a concurrent map so
     * that observers can walk it (weakly consistent) to build a view without messaging the supervisor.
     */
    private final ConcurrentSkipListMap<Long, Child> children = new ConcurrentSkipListMap<>();
    private int childCount;
    private long nextSeq;
    /** Running children by pid, and (static supervisors) children by id: the supervisor's own lookups. */
    private final Map<Pid, Child> byPid = new HashMap<>();
    private final Map<Object, Child> byId = new HashMap<>();
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
        Published.Supervisor observed = new Published.Supervisor(label, dynamic);
        if (!ProcLib.initProcess(ctx, st, name, label + ".init/1", observed)) return Behaviors.stop();
        ctx.trapExit(true); // D7
        SupervisorProcess sp = new SupervisorProcess(flags, dynamic, maxChildren,
                st.parent() == null ? ctx.self() : st.parent(), label, name, observed);
        sp.self = ctx.self();
        observed.source = sp::view;
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
                    addChild(ch);
                    setPid(ch, ok.pid());
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (spec.restart() != Restart.TEMPORARY) addChild(new Child(spec)); // D6
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
            Child ch = byPid.get(from);
            if (ch == null) return Behaviors.same();
            return childExited(ctx, ch, reason);
        }
        if (msg instanceof Tuple3(Atom tag, From from, Object request)) {
            if (tag == Calls.GEN_CALL) return call(ctx, from, request);
            if (tag == Calls.SYSTEM) {
                if (request == GET_STATE) {
                    GenServer.reply(ctx, from, view());
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
        setPid(ch, null);
        Restart rt = ch.spec.restart();
        if (rt == Restart.PERMANENT || !ProcLib.isNormalExit(reason))
            report(ctx, Atom.of("child_terminated"), reason, ch.spec, old);
        if (!rt.restartsAfter(reason)) {
            if (rt == Restart.TEMPORARY || dynamic) removeChild(ch);
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
                group = new ArrayList<>(children.values());
                for (Child c : group) if (c != ch && c.pid != null) toStop.add(c);
            }
            case REST_FOR_ONE -> {
                group = new ArrayList<>(children.tailMap(ch.seq, true).values());
                for (Child c : group) if (c != ch && c.pid != null) toStop.add(c);
            }
            default -> throw new IllegalStateException();
        }
        java.util.Collections.reverse(toStop);
        return terminateList(ctx, toStop, 0, () -> {
            group.removeIf(c -> !isChild(c)); // temporary siblings are gone (D16)
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
                    setPid(ch, ok.pid());
                    ch.restartCount++;
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (ch.spec.restart() == Restart.TEMPORARY || dynamic) removeChild(ch);
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
        for (Child c : children.descendingMap().values()) if (c.pid != null) running.add(c);
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
        setPid(ch, null);
        ch.restarting = false;
        if (ch.spec.restart() == Restart.TEMPORARY || dynamic) removeChild(ch);
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
                    long ms = t.millis();
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
                    if (ch.spec.shutdown() instanceof Shutdown.Timeout to && to.millis() == ms) c.exit(ch.pid, Atom.KILL);
                }
                return Behaviors.same();
            }
            return Behaviors.unhandled();
        });
    }

    // ================================================================== the management API (D29–D36)

    private Behavior call(ProcessContext ctx, From from, Object request) throws Exception {
        if (request == WHICH_CHILDREN) {
            List<ChildView> out = new ArrayList<>(childCount);
            for (Child c : (dynamic ? children : children.descendingMap()).values()) out.add(view(c));
            GenServer.reply(ctx, from, List.copyOf(out));
            return Behaviors.same();
        }
        if (request == COUNT_CHILDREN) {
            int active = 0, sups = 0, workers = 0;
            for (Child c : children.values()) {
                Pid p = c.pid;
                if (p != null && ctx.isAlive(p)) active++;
                if (c.spec.type() == ChildType.SUPERVISOR) sups++;
                else workers++;
            }
            GenServer.reply(ctx, from, new Supervisor.ChildCounts(childCount, active, sups, workers));
            return Behaviors.same();
        }
        if (request instanceof Tuple2(Atom op, Object arg)) {
            if (op == START_CHILD && arg instanceof ChildSpec spec) return startChildCall(ctx, from, spec);
            Child ch = dynamic ? (arg instanceof Pid p ? byPid.get(p) : null) : byId.get(arg);
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
                    removeChild(ch);
                    publish();
                    return reply(ctx, from, Atom.OK);
                }
                // D31: a restart asked for does not count toward intensity.
                return startChild(ctx, ch.spec, r -> {
                    if (r instanceof StartResult.Ok ok) {
                        setPid(ch, ok.pid());
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
            Child existing = byId.get(spec.id());
            if (existing != null) {
                return reply(ctx, from, StartResult.error(existing.pid != null
                        ? Tuple.of(ProcLib.ALREADY_STARTED, existing.pid) : ALREADY_PRESENT));
            }
        } else if (maxChildren >= 0 && childCount >= maxChildren) {
            return reply(ctx, from, StartResult.error(MAX_CHILDREN));
        }
        return startChild(ctx, spec, r -> {
            switch (r) {
                case StartResult.Ok ok -> {
                    Child ch = new Child(spec);
                    addChild(ch);
                    setPid(ch, ok.pid());
                    progress(ctx, ch);
                }
                case StartResult.Ignore ig -> {
                    if (!dynamic && spec.restart() != Restart.TEMPORARY) addChild(new Child(spec));
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

    /** Appends a child in start order (the newest, D11). */
    private void addChild(Child ch) {
        ch.seq = nextSeq++;
        children.put(ch.seq, ch);
        childCount++;
        if (!dynamic) byId.put(ch.spec.id(), ch);
    }

    private void removeChild(Child ch) {
        if (!children.remove(ch.seq, ch)) return;
        childCount--;
        if (!dynamic) byId.remove(ch.spec.id(), ch);
        if (ch.pid != null) byPid.remove(ch.pid, ch);
    }

    private boolean isChild(Child ch) {
        return children.get(ch.seq) == ch;
    }

    /** Sets or clears a child's pid, keeping the lookup by pid in step. */
    private void setPid(Child ch, Pid pid) {
        if (ch.pid != null) byPid.remove(ch.pid, ch);
        ch.pid = pid;
        if (pid != null) byPid.put(pid, ch);
    }

    /** The key a retry message carries: the id, or for a dynamic child the Child itself. */
    private Object identity(Child ch) {
        return dynamic ? new Ident(ch) : ch.spec.id();
    }

    private record Ident(Child child) {}

    private Child byIdentity(Object key) {
        if (key instanceof Ident(Child c)) return isChild(c) ? c : null;
        return byId.get(key);
    }

    private ChildView view(Child c) {
        Pid pid = c.pid;
        ChildView.Status st = pid != null ? ChildView.Status.RUNNING
                : c.restarting ? ChildView.Status.RESTARTING : ChildView.Status.UNDEFINED;
        return new ChildView(c.id(dynamic), Optional.ofNullable(pid), st, c.spec.type(), c.spec.restart(), c.restartCount);
    }

    /** Tells observers the view changed: O(1); they build the new one when they next read it. */
    private void publish() {
        observed.changed();
    }

    /** The view of now, built from the children (any thread: the supervisor's fields it reads are safe). */
    private SupervisorView view() {
        List<ChildView> views = new ArrayList<>();
        for (Child c : children.values()) views.add(view(c));
        return new SupervisorView(self, Optional.ofNullable(name), label, flags.strategy(), flags.intensity(),
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
