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
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * The call protocol (C6): request {@code {:"$gen_call", from, request}} with {@code from = From(pid, tag)},
 * reply {@code {tag, reply}}, where the tag is the caller's monitor reference on the server.
 *
 * <p><b>Late replies (C8).</b> OTP drops them through a deactivated alias. Here:
 * <ul>
 *   <li>outside a process each call has its own {@link Inbox}, closed when the call ends, so a late
 *       reply goes to a dead pid and is dropped;</li>
 *   <li>inside a process a failed call exits the caller by default, so nothing can leak; a caller that
 *       handles the failure itself (the {@code onFailure} overload, OTP's {@code catch}) gets its tag
 *       recorded as abandoned ({@link Abandoned}, under {@code $gen_abandoned} in its dictionary, the
 *       latest {@value #MAX_ABANDONED} tags), and the behaviour it continues with is wrapped, once, so that
 *       every receive of the process from then on drops a {@code {tag, _}} whose tag is abandoned
 *       ({@link LateReplies}). GenServer, Agent and supervisor loops drop them too.</li>
 * </ul>
 * Both cost O(1) per call and per message, and a process that catches failed calls in a loop runs in
 * constant space. Unlike OTP's aliases, which cost nothing once deactivated, the memory is bounded, not
 * zero: a reply that comes after {@value #MAX_ABANDONED} later calls were also given up reaches the
 * mailbox.
 */
final class Calls {
    private Calls() {}

    static final Atom GEN_CALL = Atom.of("$gen_call");
    static final Atom GEN_CAST = Atom.of("$gen_cast");
    static final Atom SYSTEM = Atom.of("$system");
    static final Atom CALL = Atom.of("call");
    static final Atom CALLING_SELF = Atom.of("calling_self");
    static final Atom GEN_SERVER = Atom.of("Elixir.GenServer");
    static final Atom ABANDONED = Atom.of("$gen_abandoned");
    static final int MAX_ABANDONED = 1024;

    static void ensureNotOnScheduler() {
        String n = Thread.currentThread().getName();
        if (n.startsWith("beamscope-") && n.contains("-scheduler-"))
            throw new IllegalStateException("a blocking OTP call on a scheduler thread; inside a process use the "
                    + "ProcessContext overload, which returns the next behaviour");
    }

    static Pid resolve(ProcessContext ctx, Object server) {
        return switch (server) {
            case Pid p -> p;
            case String name -> ctx.whereis(name).orElse(null);
            default -> throw new IllegalArgumentException("a server is a Pid or a registered name, not " + server);
        };
    }

    /** The server's pid, or null when no process has the name. On a closed node: "node closed" at once. */
    static Pid resolve(Node node, Object server) {
        if (node.isClosed()) throw new IllegalStateException("node closed: " + node.config().name());
        return switch (server) {
            case Pid p -> p;
            case String name -> node.whereis(name).orElse(null);
            default -> throw new IllegalArgumentException("a server is a Pid or a registered name, not " + server);
        };
    }

    /** {@code {reason, {GenServer, :call, [server, request, timeout]}}} */
    static Object callFailure(Object reason, Object server, Object request, Duration timeout) {
        return Tuple.of(reason, Tuple.of(GEN_SERVER, CALL,
                ProcLib.list(ProcLib.nameTerm(server), request, ProcLib.timeoutTerm(timeout))));
    }

    // ------------------------------------------------------------------ inside a process

    static Behavior call(ProcessContext ctx, Object server, Object request, Duration timeout,
            GenServer.OnReply onReply, GenServer.OnFailure onFailure) {
        Pid pid = resolve(ctx, server);
        if (pid == null) return fail(ctx, Atom.NOPROC, server, request, timeout, onFailure);
        if (pid.equals(ctx.self())) return fail(ctx, CALLING_SELF, server, request, timeout, onFailure);
        Ref ref = ctx.monitor(pid);
        ctx.send(pid, Tuple.of(GEN_CALL, new GenServer.From(ctx.self(), ref), request));
        Behavior.Receive wait = Behaviors.receive("GenServer.call", (c, m) -> {
            if (m instanceof Tuple2(Ref r, Object reply) && r.equals(ref)) {
                c.demonitor(ref, true);
                return ProcLib.nonSame(onReply.apply(reply));
            }
            if (ProcLib.isDown(m, ref)) return fail(c, ((Tuple5) m).e4(), server, request, timeout, onFailure);
            return Behaviors.unhandled();
        });
        if (ProcLib.isInfinite(timeout)) return wait;
        return wait.after(timeout, c -> {
            c.demonitor(ref, true);
            if (onFailure != null) abandon(c, ref);
            return fail(c, Atom.TIMEOUT, server, request, timeout, onFailure);
        });
    }

    private static Behavior fail(ProcessContext ctx, Object reason, Object server, Object request, Duration timeout,
            GenServer.OnFailure onFailure) throws ExitException {
        Object full = callFailure(reason, server, request, timeout);
        if (onFailure == null) throw new ExitException(full);
        try {
            return LateReplies.guard(ProcLib.nonSame(onFailure.apply(full)));
        } catch (Exception e) {
            throw Calls.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * The tags of the calls a process gave up, oldest first, at most {@value #MAX_ABANDONED}: put in its
     * dictionary once, then changed in place by the process alone, O(1) per abandoned call and per dropped
     * reply. Observers reading the dictionary see only {@link #toString()}, which reads a volatile count.
     */
    static final class Abandoned {
        private final LinkedHashSet<Ref> tags = new LinkedHashSet<>();
        private volatile int size;

        void add(Ref tag) {
            tags.add(tag);
            if (tags.size() > MAX_ABANDONED) tags.remove(tags.iterator().next());
            size = tags.size();
        }

        boolean remove(Ref tag) {
            if (!tags.remove(tag)) return false;
            size = tags.size();
            return true;
        }

        @Override
        public String toString() {
            return "#AbandonedCalls<" + size + ">";
        }
    }

    static void abandon(ProcessContext ctx, Ref ref) {
        Abandoned a;
        if (ctx.get(ABANDONED) instanceof Abandoned x) {
            a = x;
        } else {
            a = new Abandoned();
            ctx.put(ABANDONED, a);
        }
        a.add(ref);
    }

    /** True (and the tag forgotten) when {@code m} is a late reply to a call this process gave up. */
    static boolean dropIfLateReply(ProcessContext ctx, Object m) {
        return m instanceof Tuple2(Ref r, Object x) && ctx.get(ABANDONED) instanceof Abandoned a && a.remove(r);
    }

    // ------------------------------------------------------------------ outside a process

    static Object call(Node node, Object server, Object request, Duration timeout) {
        return blockingCall(node, server, GEN_CALL, request, timeout,
                reason -> callFailure(reason, server, request, timeout));
    }

    /** A {@code :sys} request ({@code {:"$system", from, request}}), answered like a call. */
    static Object systemCall(Node node, Object server, Object request, Duration timeout) {
        Atom fn = request instanceof Atom a ? a : Atom.of("call");
        return blockingCall(node, server, SYSTEM, request, timeout, reason -> Tuple.of(reason,
                Tuple.of(Atom.of("sys"), fn, ProcLib.list(ProcLib.nameTerm(server), ProcLib.timeoutTerm(timeout)))));
    }

    private static Object blockingCall(Node node, Object server, Atom tag, Object request, Duration timeout,
            java.util.function.Function<Object, Object> failure) {
        ensureNotOnScheduler();
        Pid pid = resolve(node, server);
        if (pid == null) throw new ExitException(failure.apply(Atom.NOPROC));
        try (Inbox inbox = node.inbox("GenServer.call")) {
            Ref ref = inbox.monitor(pid);
            inbox.send(pid, Tuple.of(tag, new GenServer.From(inbox.pid(), ref), request));
            Optional<Object> m;
            do {
                m = inbox.receive(x -> x instanceof Tuple2(Ref r, Object y) && r.equals(ref) || ProcLib.isDown(x, ref),
                        ProcLib.isInfinite(timeout) ? ProcLib.FOREVER : timeout);
            } while (m.isEmpty() && ProcLib.isInfinite(timeout));
            if (m.isEmpty()) throw new ExitException(failure.apply(Atom.TIMEOUT));
            Object msg = m.get();
            if (msg instanceof Tuple2(Ref r, Object reply)) {
                inbox.demonitor(ref, true);
                return reply;
            }
            throw new ExitException(failure.apply(((Tuple5) msg).e4()));
        }
    }

    /** Sends a system request and waits for the server's DOWN: {@code proc_lib:stop/3} (C22). */
    static void stop(Node node, Object server, Object reason, Duration timeout) {
        ensureNotOnScheduler();
        Pid pid = resolve(node, server);
        if (pid == null) throw new ExitException(Atom.NOPROC);
        try (Inbox inbox = node.inbox("GenServer.stop")) {
            Ref ref = inbox.monitor(pid);
            inbox.send(pid, Tuple.of(SYSTEM, new GenServer.From(inbox.pid(), ref), Tuple.of(Atom.of("terminate"), reason)));
            Optional<Object> m;
            do {
                m = inbox.receive(x -> ProcLib.isDown(x, ref), ProcLib.isInfinite(timeout) ? ProcLib.FOREVER : timeout);
            } while (m.isEmpty() && ProcLib.isInfinite(timeout));
            if (m.isEmpty()) throw new ExitException(Atom.TIMEOUT);
            Object got = ((Tuple5) m.get()).e4();
            if (Atom.NOPROC.equals(got)) throw new ExitException(Atom.NOPROC);
            if (!java.util.Objects.equals(got, reason)) throw new ExitException(got);
        }
    }
}
