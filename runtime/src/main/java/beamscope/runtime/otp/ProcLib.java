package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ErlangError;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Ref;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple3;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The synchronous start shared by every OTP behaviour here (proc_lib's {@code start_link} /
 * {@code init_ack}). The new process runs its init and sends {@code {:"$ack", ref, result}} to its starter.
 *
 * <p>Inside a process the starter never blocks: its next behaviour is a selective receive for the ack or
 * the DOWN of a monitor set at spawn, with an {@code after} for the start timeout. Returns:
 * <ul>
 *   <li>ack {@code Ok}: demonitor with flush, continue with the result;</li>
 *   <li>ack {@code Ignore}/{@code Error}: the process is exiting; wait for its DOWN, then remove a queued
 *       {@code {:EXIT, pid, _}} so that nothing of the failed start is left (C3);</li>
 *   <li>DOWN first (killed during init): {@code Error(reason)};</li>
 *   <li>timeout: kill it, {@code Error(:timeout)} (inside a process after its DOWN; outside at once, as
 *       proc_lib does, the late ack going to the closed inbox).</li>
 * </ul>
 * Outside a process the same protocol runs on a fresh {@link Inbox}, blocking the caller's thread.
 */
final class ProcLib {
    private ProcLib() {}

    static final Atom ACK = Atom.of("$ack");
    static final Atom INITIAL_CALL = Atom.of("$initial_call");
    static final Atom ANCESTORS = Atom.of("$ancestors");
    static final Atom OBSERVED = Atom.of("$beamscope");
    static final Atom ALREADY_STARTED = Atom.of("already_started");
    static final Atom BAD_RETURN_VALUE = Atom.of("bad_return_value");
    static final Atom INFINITY_ATOM = Atom.of("infinity");
    static final Duration FOREVER = Duration.ofDays(3650);

    /** Who waits for the init ack, and who the parent is (null: the process is its own parent). */
    record Starter(Pid pid, Ref ack, Pid parent) {
        void ack(ProcessContext ctx, StartResult r) {
            ctx.send(pid, Tuple.of(ACK, ack, r));
        }
    }

    /** A deferred next behaviour. */
    @FunctionalInterface
    interface Next {
        Behavior get() throws Exception;
    }

    /** The body of a started process: its setup, given who started it. */
    @FunctionalInterface
    interface Body {
        Behavior init(ProcessContext ctx, Starter starter) throws Exception;
    }

    static boolean isInfinite(Duration d) {
        return d == null || d.compareTo(FOREVER) >= 0;
    }

    static Object timeoutTerm(Duration d) {
        return isInfinite(d) ? INFINITY_ATOM : (Object) d.toMillis();
    }

    static Object nameTerm(Object server) {
        return server instanceof String s ? Atom.of(s) : server;
    }

    // ------------------------------------------------------------------ starter side

    static Behavior startInProcess(ProcessContext ctx, boolean link, String initialCall, Duration timeout, Body body,
            Function<StartResult, Behavior> then) {
        Ref ack = ctx.makeRef();
        Starter st = new Starter(ctx.self(), ack, link ? ctx.self() : null);
        Behavior b = Behaviors.setup(c -> body.init(c, st));
        SpawnOptions so = SpawnOptions.defaults().withInitialCall(initialCall);
        Pid pid = link ? ctx.spawnLink(b, so) : ctx.spawn(b, so);
        Ref mon = ctx.monitor(pid);
        Behavior.Receive wait = Behaviors.receive("proc_lib.sync_start", (c, m) -> {
            if (m instanceof Tuple3(Atom tag, Ref r, StartResult res) && tag == ACK && r.equals(ack)) {
                if (res instanceof StartResult.Ok) {
                    c.demonitor(mon, true);
                    return nonSame(then.apply(res));
                }
                return awaitDownThenFlush(pid, mon, link, () -> then.apply(res));
            }
            if (isDown(m, mon)) {
                // A DOWN before the ack: the process may have acked and exited before the monitor was set
                // (the monitor then answers noproc at once, ahead of the queued ack), or died in init.
                Object reason = ((Tuple5) m).e4();
                return Behaviors.receive((c2, m2) -> m2 instanceof Tuple3(Atom tag, Ref r, StartResult res)
                                && tag == ACK && r.equals(ack)
                                ? flushExit(pid, link, () -> then.apply(res)) : Behaviors.unhandled())
                        .after(Duration.ZERO, c2 -> flushExit(pid, link, () -> then.apply(StartResult.error(reason))));
            }
            return Behaviors.unhandled();
        });
        if (isInfinite(timeout)) return wait;
        return wait.after(timeout, c -> {
            c.exit(pid, Atom.KILL);
            return Behaviors.receive((c2, m) -> {
                if (isDown(m, mon)) {
                    return flushExit(pid, link, () -> flushAck(ack, () -> then.apply(StartResult.error(Atom.TIMEOUT))));
                }
                return Behaviors.unhandled();
            });
        });
    }

    private static Behavior awaitDownThenFlush(Pid pid, Ref mon, boolean link, Next next) {
        return Behaviors.receive((c, m) -> isDown(m, mon) ? flushExit(pid, link, next) : Behaviors.unhandled());
    }

    /** Removes a queued {@code {:EXIT, pid, _}} if there is one, then continues. */
    static Behavior flushExit(Pid pid, boolean link, Next next) throws Exception {
        if (!link) return nonSame(next.get());
        return Behaviors.receive((c, m) -> m instanceof Tuple3(Atom tag, Pid p, Object r) && tag == Atom.EXIT && p.equals(pid)
                        ? nonSame(next.get()) : Behaviors.unhandled())
                .after(Duration.ZERO, c -> nonSame(next.get()));
    }

    private static Behavior flushAck(Ref ack, Next next) {
        return Behaviors.receive((c, m) -> m instanceof Tuple3(Atom tag, Ref r, Object x) && tag == ACK && r.equals(ack)
                        ? nonSame(next.get()) : Behaviors.unhandled())
                .after(Duration.ZERO, c -> nonSame(next.get()));
    }

    static StartResult startOutside(Node node, String initialCall, Duration timeout, Body body) {
        Calls.ensureNotOnScheduler();
        try (Inbox inbox = node.inbox("proc_lib.start")) {
            Ref ack = node.makeRef();
            Starter st = new Starter(inbox.pid(), ack, null);
            Pid pid = node.spawn(Behaviors.setup(c -> body.init(c, st)),
                    SpawnOptions.defaults().withInitialCall(initialCall));
            Ref mon = inbox.monitor(pid);
            long deadline = isInfinite(timeout) ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
            for (;;) {
                long left = deadline == Long.MAX_VALUE ? FOREVER.toNanos() : deadline - System.nanoTime();
                Optional<Object> m = inbox.receive(x -> isAck(x, ack) || isDown(x, mon), Duration.ofNanos(Math.max(0, left)));
                if (m.isEmpty()) {
                    if (deadline != Long.MAX_VALUE) {
                        // like proc_lib's kill_flush: kill and do not wait; a late ack goes to the closed inbox
                        node.exit(pid, Atom.KILL);
                        return StartResult.error(Atom.TIMEOUT);
                    }
                    continue;
                }
                Object msg = m.get();
                if (isAck(msg, ack)) {
                    StartResult r = (StartResult) ((Tuple3) msg).e2();
                    if (!(r instanceof StartResult.Ok)) inbox.receive(x -> isDown(x, mon), FOREVER);
                    return r;
                }
                // A DOWN first: the ack may still be queued behind it (a monitor on a process that had exited).
                Optional<Object> late = inbox.receive(x -> isAck(x, ack), Duration.ZERO);
                if (late.isPresent()) return (StartResult) ((Tuple3) late.get()).e2();
                return StartResult.error(((Tuple5) msg).e4());
            }
        }
    }

    private static boolean isAck(Object m, Ref ack) {
        return m instanceof Tuple3(Atom tag, Ref r, Object x) && tag == ACK && r.equals(ack);
    }

    static boolean isDown(Object m, Ref mon) {
        return m instanceof Tuple5(Atom tag, Ref r, Object p, Object o, Object reason) && tag == Atom.DOWN && r.equals(mon);
    }

    static Behavior nonSame(Behavior b) {
        if (b == null || b instanceof Behavior.Same || b instanceof Behavior.Unhandled)
            throw new IllegalArgumentException("a continuation must return the next behaviour, not " + b);
        return b;
    }

    // ------------------------------------------------------------------ started side

    /**
     * Registers the name (if any) and fills the dictionary like proc_lib (F22). Returns false, after
     * acking {@code {:error, {:already_started, pid}}}, when the name is taken.
     */
    static boolean initProcess(ProcessContext ctx, Starter st, String name, String initialCall, Object observed) {
        if (name != null) {
            try {
                ctx.register(name);
            } catch (ErlangError e) {
                Object other = ctx.whereis(name).map(p -> (Object) p).orElse(Atom.UNDEFINED);
                st.ack(ctx, StartResult.error(Tuple.of(ALREADY_STARTED, other)));
                return false;
            }
        }
        ctx.put(INITIAL_CALL, initialCall);
        List<Object> ancestors = ctx.node().processInfo(ctx.self(), 0).map(ProcessInfo::ancestors).orElse(List.of());
        ctx.put(ANCESTORS, ancestors);
        if (observed != null) ctx.put(OBSERVED, observed);
        return true;
    }

    // ------------------------------------------------------------------ reasons

    /** The exit reason of an exception raised by a callback, as the runtime would give it (A2). */
    static Object crashReason(Throwable t) {
        return switch (t) {
            case ExitException x -> x.reason();
            case ErlangError e -> Tuple.of(e.reason(), stacktrace(e));
            default -> Tuple.of(t, stacktrace(t));
        };
    }

    static List<String> stacktrace(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        List<String> out = new ArrayList<>(Math.min(st.length, 12));
        for (int i = 0; i < st.length && out.size() < 12; i++) {
            String cls = st[i].getClassName();
            if (cls.startsWith("beamscope.runtime.internal.") || cls.startsWith("beamscope.runtime.otp.")) break;
            out.add(st[i].toString());
        }
        return List.copyOf(out);
    }

    /** {@code normal}, {@code shutdown} and {@code {:shutdown, _}}: the reasons OTP does not report (A3). */
    static boolean isNormalExit(Object reason) {
        return Atom.NORMAL.equals(reason) || Atom.SHUTDOWN.equals(reason) || Tuple.isTagged(reason, Atom.SHUTDOWN)
                && ((Tuple) reason).size() == 2;
    }

    /** An Erlang list term. */
    static List<Object> list(Object... items) {
        return Collections.unmodifiableList(new ArrayList<>(java.util.Arrays.asList(items)));
    }
}
