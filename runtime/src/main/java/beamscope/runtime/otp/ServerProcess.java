package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.GenServer.Action;
import beamscope.runtime.otp.GenServer.From;
import beamscope.runtime.otp.GenServer.Init;
import beamscope.runtime.otp.GenServer.Result;

/**
 * The process loop of a {@link GenServer}: gen_server's {@code loop/decode_msg/handle_msg}. One instance
 * per server process, touched only by that process. Its main receive accepts every message, so the
 * mailbox never builds a save queue.
 */
final class ServerProcess<A, S> {
    static final System.Logger LOG = System.getLogger("beamscope.otp.GenServer");
    private static final Atom GET_STATE = Atom.of("get_state");
    private static final Atom TERMINATE = Atom.of("terminate");

    private final GenServer<A, S> module;
    private final Pid parent;
    private final Published.Server observed;
    private final String label;
    private S state;
    private Object lastMessage;
    private Behavior.Receive main;

    private ServerProcess(GenServer<A, S> module, Pid parent, Published.Server observed) {
        this.module = module;
        this.parent = parent;
        this.observed = observed;
        this.label = module.label();
    }

    static String initialCall(GenServer<?, ?> module) {
        return module.label() + ".init/1";
    }

    /** The new process's first step: name, dictionary, init, ack (C1–C3). */
    static <A, S> Behavior init(ProcessContext ctx, ProcLib.Starter st, GenServer<A, S> module, A arg, String name) {
        Published.Server observed = new Published.Server(module.label());
        if (!ProcLib.initProcess(ctx, st, name, initialCall(module), observed)) return Behaviors.stop();
        ServerProcess<A, S> sp = new ServerProcess<>(module, st.parent() == null ? ctx.self() : st.parent(), observed);
        Init<S> r;
        try {
            r = module.init(ctx, arg);
        } catch (Throwable t) {
            Object reason = ProcLib.crashReason(t);
            st.ack(ctx, StartResult.error(reason));
            sp.logTermination(ctx, reason);
            return Behaviors.stop(reason);
        }
        switch (r) {
            case Init.Ok<S> ok -> {
                sp.state = ok.state();
                observed.state = ok.state();
                st.ack(ctx, StartResult.ok(ctx.self()));
                return sp.next(ok.action());
            }
            case Init.Ignore<S> i -> {
                st.ack(ctx, StartResult.ignore());
                return Behaviors.stop();
            }
            case Init.Stop<S> s -> {
                st.ack(ctx, StartResult.error(s.reason()));
                sp.logTermination(ctx, s.reason());
                return Behaviors.stop(s.reason());
            }
            case Init.Error<S> e -> {
                st.ack(ctx, StartResult.error(e.reason()));
                return Behaviors.stop();
            }
            case null -> {
                Object reason = Tuple.of(ProcLib.BAD_RETURN_VALUE, null);
                st.ack(ctx, StartResult.error(reason));
                return Behaviors.stop(reason);
            }
        }
    }

    /** The behaviour after a callback: the main receive, with the action applied. */
    private Behavior next(Action action) {
        if (main == null) main = Behaviors.receive(label, this::handle);
        return switch (action) {
            case null -> main;
            case Action.Hibernate h -> main;
            case Action.Timeout t -> main.after(t.after(), ctx -> dispatch(ctx, Atom.TIMEOUT, null, Kind.INFO));
            case Action.Continue c -> Behaviors.setup(ctx -> dispatch(ctx, c.arg(), null, Kind.CONTINUE));
        };
    }

    private enum Kind { CALL, CAST, INFO, CONTINUE }

    private Behavior handle(ProcessContext ctx, Object msg) {
        if (msg instanceof Tuple3(Atom tag, From from, Object request)) {
            if (tag == Calls.GEN_CALL) {
                lastMessage = msg;
                return dispatch(ctx, request, from, Kind.CALL);
            }
            if (tag == Calls.SYSTEM) return system(ctx, from, request);
        }
        if (msg instanceof Tuple2(Atom tag, Object request) && tag == Calls.GEN_CAST) {
            lastMessage = msg;
            return dispatch(ctx, request, null, Kind.CAST);
        }
        if (msg instanceof Tuple3(Atom tag, Pid from, Object reason) && tag == Atom.EXIT && from.equals(parent)
                && ctx.trapExit()) {
            // C18(c): a trapping server exits when its parent does, whatever the reason (C20).
            lastMessage = msg;
            return terminate(ctx, reason, null, null);
        }
        if (Calls.dropIfLateReply(ctx, msg)) return Behaviors.same();
        lastMessage = msg;
        return dispatch(ctx, msg, null, Kind.INFO);
    }

    private Behavior system(ProcessContext ctx, From from, Object request) {
        if (request == GET_STATE) {
            GenServer.reply(ctx, from, state);
            return Behaviors.same();
        }
        if (request instanceof Tuple2(Atom t, Object reason) && t == TERMINATE) {
            return terminate(ctx, reason, null, null);
        }
        return Behaviors.same();
    }

    private Behavior dispatch(ProcessContext ctx, Object msg, From from, Kind kind) {
        Object res;
        try {
            res = switch (kind) {
                case CALL -> module.handleCall(ctx, msg, from, state);
                case CAST -> module.handleCast(ctx, msg, state);
                case INFO -> module.handleInfo(ctx, msg, state);
                case CONTINUE -> module.handleContinue(ctx, msg, state);
            };
        } catch (Throwable t) {
            return terminate(ctx, ProcLib.crashReason(t), null, null);
        }
        return handleResult(ctx, res, from);
    }

    @SuppressWarnings("unchecked")
    private Behavior handleResult(ProcessContext ctx, Object res, From from) {
        switch (res) {
            case Result.Reply<?> r when from != null -> {
                setState((S) r.state());
                GenServer.reply(ctx, from, r.reply());
                return next(r.action());
            }
            case Result.NoReply<?> n -> {
                setState((S) n.state());
                return next(n.action());
            }
            case Result.Stop<?> s -> {
                setState((S) s.state());
                return terminate(ctx, s.reason(), null, null);
            }
            case Result.StopReply<?> s when from != null -> {
                setState((S) s.state());
                return terminate(ctx, s.reason(), from, s.reply());
            }
            case Result.Suspend<?> s -> {
                return suspend(ctx, (Result.Suspend<S>) s, from);
            }
            case null, default -> {
                return terminate(ctx, Tuple.of(ProcLib.BAD_RETURN_VALUE, res), null, null);
            }
        }
    }

    /**
     * Runs a {@link Result.Suspend}: its behaviours are guarded, so that an exception (or the exit of a
     * failed call) ends the server through terminate, until {@code resume} hands control back.
     */
    private Behavior suspend(ProcessContext ctx, Result.Suspend<S> s, From from) {
        boolean[] resumed = {false};
        Behavior b;
        try {
            b = s.body().apply(r -> {
                resumed[0] = true;
                return handleResult(ctx, r, from);
            });
        } catch (Throwable t) {
            return terminate(ctx, ProcLib.crashReason(t), null, null);
        }
        return resumed[0] ? b : guard(ctx, b, resumed);
    }

    private Behavior guard(ProcessContext ctx, Behavior b, boolean[] resumed) {
        return switch (b) {
            case null -> terminate(ctx, Tuple.of(ProcLib.BAD_RETURN_VALUE, null), null, null);
            case Behavior.Receive r -> {
                Behavior.Receive g = new Behavior.Receive((c, m) -> {
                    Behavior n;
                    try {
                        n = r.handler().apply(c, m);
                    } catch (Throwable t) {
                        return terminate(c, ProcLib.crashReason(t), null, null);
                    }
                    return n instanceof Behavior.Unhandled || n instanceof Behavior.Same || resumed[0] ? n : guard(c, n, resumed);
                }, null, null, r.label());
                yield r.timeout() == null ? g : g.after(r.timeout(), c -> step(c, r.onTimeout(), resumed));
            }
            case Behavior.Setup su -> Behaviors.setup(c -> step(c, su.step(), resumed));
            case Behavior.Compute co -> Behaviors.compute(c -> step(c, co.step(), resumed));
            case Behavior.Blocking w -> new Behavior.Blocking(() -> { // its exception, too, ends the server through terminate
                try {
                    return new Outcome(w.work().call(), null);
                } catch (Throwable t) {
                    return new Outcome(null, t);
                }
            }, o -> o instanceof Outcome(Object v, Throwable t) && t != null
                    ? terminate(ctx, ProcLib.crashReason(t), null, null)
                    : step(ctx, c -> w.then().apply(((Outcome) o).value()), resumed), w.label());
            default -> b;
        };
    }

    /** What guarded blocking work gave: a value, or the exception it threw. */
    private record Outcome(Object value, Throwable error) {}

    private Behavior step(ProcessContext c, Behavior.Step step, boolean[] resumed) {
        Behavior n;
        try {
            n = step.apply(c);
        } catch (Throwable t) {
            return terminate(c, ProcLib.crashReason(t), null, null);
        }
        return n instanceof Behavior.Same || resumed[0] ? n : guard(c, n, resumed);
    }

    private void setState(S s) {
        state = s;
        observed.state = s;
    }

    /** terminate/2, then the reply of a {@code {:stop, r, reply, s}} (C14), the log (C21) and the exit. */
    private Behavior terminate(ProcessContext ctx, Object reason, From replyTo, Object reply) {
        Object exitReason = reason;
        try {
            module.terminate(ctx, reason, state);
        } catch (Throwable t) {
            exitReason = ProcLib.crashReason(t);
        }
        if (replyTo != null) GenServer.reply(ctx, replyTo, reply);
        logTermination(ctx, exitReason);
        return Behaviors.stop(exitReason);
    }

    private void logTermination(ProcessContext ctx, Object reason) {
        if (ProcLib.isNormalExit(reason) || !LOG.isLoggable(System.Logger.Level.ERROR)) return;
        Object name = ctx.node().processInfo(ctx.self(), 0).flatMap(i -> i.registeredName()).map(n -> (Object) n)
                .orElse(ctx.self());
        LOG.log(System.Logger.Level.ERROR, "** Generic server " + name + " terminating \n"
                + "** Last message in was " + Terms.inspect(lastMessage, 2000) + "\n"
                + "** When Server state == " + Terms.inspect(state, 2000) + "\n"
                + "** Reason for termination ==\n** " + Terms.inspect(reason, 4000));
    }
}
