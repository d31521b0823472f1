package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.ErlangError;
import beamscope.runtime.ExitException;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Tuple;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Elixir process: its own call stack (frames on the heap, linked), its operand stack, and the try
 * handlers that are open. It runs as a runtime behaviour:
 *
 * <pre>
 * running:  Behavior.Compute: each step runs up to CHUNK function calls (one reduction each, as the BEAM
 *           counts), declares them with ctx.work(n) and returns same(); the scheduler ends the slice when
 *           its budget is spent, so an endless Elixir loop is preempted like any process. A call of a
 *           function the JIT tier compiled runs as bytecode, up to Jit.CHUNK calls in the step, and leaves
 *           its frames frozen (thawed first in the next step) or rebuilt here on the heap (see Jit).
 * waiting:  a `receive` anywhere in the stack saves the pc and returns a Behavior.Receive whose handler
 *           matches the clauses against one message (no match: unhandled(), the message stays: selective
 *           receive); `after` is the receive timeout. Nothing ever blocks a scheduler thread.
 * ended:    the outermost frame returned (exit normal), or an error no try caught: the process exits
 *           with Elixir's reason ({exception, stacktrace}, {{:nocatch, v}, stack} or the exit value).
 * </pre>
 *
 * A machine is touched only by the process that owns it, inside its handlers, so it needs no locks: the
 * runtime hands a process from one scheduler thread to another with the happens-before edge of its run
 * queue (see ProcessCell).
 */
final class Machine implements Behavior.Step, Behavior.MessageHandler {
    /** Calls per compute step: small enough that a step never holds a scheduler for long. */
    static final int CHUNK = 200;

    private static final int YIELD = 0, WAIT = 1, DONE = 2;
    static final Atom NOCATCH = Atom.of("nocatch");

    final Elixir elixir;
    final PrintStream out;
    ProcessContext ctx;

    private static final Object[] NO_STACK = new Object[0];
    // made on the first push and grown by doubling: a million processes that only wait hold none
    private Object[] stack = NO_STACK;
    private int sp;
    private Frame fp;
    private Handler handlers;
    private Insn.Receive pending;
    private Object pendingTimeout;
    private Object result;
    private int usedReductions;
    private Jit.Budget jitBudget; // made on the first compiled call
    private Jit.Unwind frozen;    // compiled frames preempted under fp (the frame that entered them), to thaw
    private String shownLabel;
    private final Behavior compute = Behaviors.compute(this); // this machine is its own step (no lambda per process)

    /** Set for a script's main process: it prints its own uncaught error as `elixir` does. */
    boolean reportsErrors;
    /** True once this machine printed the report of its uncaught error. */
    volatile boolean reported;
    /** How the process ended, once it has (normal, or the reason of its uncaught error). */
    volatile Object exitReason;
    /** Called with the last value when the process returns normally (a shell chunk, a script). */
    java.util.function.Consumer<Object> onReturn;
    /** When set, what the process does after its code returned (a shell goes back to waiting for input). */
    java.util.function.Function<Object, Behavior> then;
    /** When set, what the process does after an uncaught error instead of exiting (a shell reports it). */
    java.util.function.Function<ElixirError, Behavior> orElse;
    /** The outermost frame's slots when it returned: a shell keeps its variables from them. */
    Object[] lastSlots;

    static final class Frame {
        Fn fn;
        Object[] slots;
        int pc;
        final Frame parent;
        int baseSp;

        Frame(Fn fn, Object[] slots, Frame parent, int baseSp) {
            this.fn = fn;
            this.slots = slots;
            this.parent = parent;
            this.baseSp = baseSp;
        }
    }

    private record Handler(int pc, int sp, Frame frame, Handler next) {}

    Machine(Elixir elixir, PrintStream out) {
        this.elixir = elixir;
        this.out = out;
    }

    /** A machine that will call {@code fn} with {@code args} (a closure's environment included). */
    /** A machine that will run {@code fn} (arity 0) with its first slots preset (a shell's variables). */
    static Machine withSlots(Elixir elixir, PrintStream out, Fn fn, Object[] initial) {
        Machine m = new Machine(elixir, out);
        Object[] s = new Object[fn.nslots];
        System.arraycopy(initial, 0, s, 0, Math.min(initial.length, s.length));
        m.fp = new Frame(fn, s, null, 0);
        return m;
    }

    static Machine calling(Elixir elixir, PrintStream out, Closure fun, List<?> args) {
        Machine m = new Machine(elixir, out);
        Fn fn = fun.fn();
        if (args.size() != fn.arity) throw badArity(fun, args);
        Object[] s = new Object[fn.nslots];
        int i = 0;
        for (Object a : args) s[i++] = a;
        for (int k = 0; k < fn.envSlots.length; k++) s[fn.envSlots[k]] = fun.env()[k];
        m.fp = new Frame(fn, s, null, 0);
        return m;
    }

    /** The behaviour that runs this machine from where it stands. */
    Behavior behavior() {
        shownLabel = fp == null ? null : fp.fn.label;
        return compute.named(shownLabel);
    }

    String initialCall() {
        return fp.fn.label;
    }

    /** The function running now (the current function an observer shows). */
    String currentFunction() {
        Frame f = fp;
        return f == null ? null : f.fn.label;
    }

    // ---------------------------------------------------------------- the process's behaviour

    /** One compute step: runs up to {@link #CHUNK} calls. */
    @Override
    public Behavior apply(ProcessContext ctx) {
        this.ctx = ctx;
        int status;
        try {
            status = run(CHUNK);
        } catch (ElixirError e) {
            if (orElse != null) {
                if (usedReductions > 1) ctx.work(usedReductions - 1);
                usedReductions = 0;
                return orElse.apply(e);
            }
            throw exitFor(e);
        } finally {
            if (usedReductions > 1) ctx.work(usedReductions - 1);
        }
        switch (status) {
            case YIELD -> {
                String l = fp.fn.label;
                if (l.equals(shownLabel)) return Behaviors.same();
                shownLabel = l;
                return compute.named(l);
            }
            case WAIT -> {
                return receiveBehavior();
            }
            default -> {
                if (onReturn != null) onReturn.accept(result);
                if (then != null) return then.apply(result);
                exitReason = Atom.NORMAL;
                return Behaviors.stop();
            }
        }
    }

    /**
     * The receive the process waits in: this machine is its message handler ({@link #apply(ProcessContext,
     * Object)}), so a million waiting processes hold no handler object each.
     */
    private Behavior receiveBehavior() {
        Insn.Receive r = pending;
        Object t = pendingTimeout;
        if (r.after() >= 0 && t != Elixir.INFINITY) {
            return new Behavior.Receive(this, elixir.millis((Long) t), this::timedOut, fp.fn.label);
        }
        return new Behavior.Receive(this, null, null, fp.fn.label);
    }

    /** A message for the pending receive: the first clause it matches runs, else it stays in the mailbox. */
    @Override
    public Behavior apply(ProcessContext c, Object msg) {
        this.ctx = c;
        Insn.Receive r = pending;
        Object[] s = fp.slots;
        for (int i = 0; i < r.pats().length; i++) {
            if (r.pats()[i].match(msg, s, this) && guard(r.guards()[i], s)) {
                pending = null;
                fp.pc = r.bodies()[i];
                shownLabel = fp.fn.label;
                return compute.named(shownLabel);
            }
        }
        return Behaviors.unhandled();
    }

    /** The pending receive's {@code after} ran out. */
    private Behavior timedOut(ProcessContext c) {
        this.ctx = c;
        Insn.Receive r = pending;
        pending = null;
        fp.pc = r.after();
        shownLabel = fp.fn.label;
        return compute.named(shownLabel);
    }

    boolean guard(Insn.Ev g, Object[] s) {
        if (g == null) return true;
        try {
            return g.ev(s, this) == Atom.TRUE;
        } catch (RuntimeException e) {
            return false; // an error in a guard makes the guard fail
        }
    }

    /** What ends the process for an uncaught error, after reporting it where Elixir would. */
    private ExitException exitFor(ElixirError e) {
        Object reason;
        if (e.kind() == ElixirError.EXIT) reason = e.value();
        else if (e.kind() == ElixirError.THROW) reason = Tuple.of(Tuple.of(NOCATCH, e.value()), List.of());
        else reason = Tuple.of(Errors.erlangReason(e.value()), e.stacktrace());
        if (reportsErrors) {
            reported = true;
            elixir.errorOut(this).println(e.uncaughtBanner());
        } else if (e.kind() != ElixirError.EXIT && elixir.logsErrors()) {
            Pid self = ctx.self();
            out.println(Format.crashReport(self, e.kind(), e.value()));
        }
        exitReason = reason;
        return new ExitException(reason);
    }

    // ---------------------------------------------------------------- the interpreter loop

    private void grow() {
        stack = java.util.Arrays.copyOf(stack, Math.max(4, sp * 2));
    }

    private void push(Object v) {
        if (sp == stack.length) grow();
        stack[sp++] = v;
    }

    private int run(int budget) {
        int reds = 0;
        Frame f = fp;
        if (frozen != null) { // compiled code was preempted: it goes on first
            Jit.Budget jb = jitBudget(1, budget);
            jb.thaw = frozen;
            jb.thawAt = frozen.n - 1;
            frozen = null;
            f = runCompiled(f, f.fn.jit, f.slots, jb);
            reds = jb.reds;
            if (f == null) {
                usedReductions = reds;
                return DONE;
            }
            if (reds >= budget) {
                usedReductions = reds;
                return YIELD;
            }
        }
        Insn[] code = f.fn.code;
        byte[] ops = f.fn.ops;
        Object[] s = f.slots;
        int pc = f.pc;
        for (;;) {
            try {
                for (;;) {
                    Insn in = code[pc];
                    switch (ops[pc++]) {
                        case Insn.PUSH -> {
                            Object v = ((Insn.Push) in).ev().ev(s, this);
                            if (sp == stack.length) grow();
                            stack[sp++] = v;
                        }
                        case Insn.DROP -> stack[--sp] = null;
                        case Insn.STORE -> {
                            s[((Insn.Store) in).slot()] = stack[--sp];
                            stack[sp] = null;
                        }
                        case Insn.MATCH -> {
                            Object v = stack[sp - 1];
                            if (!((Insn.Match) in).pat().match(v, s, this)) throw Errors.badmatch(v);
                        }
                        case Insn.TEST -> {
                            Insn.Test t = (Insn.Test) in;
                            Object v = stack[sp - 1];
                            if (t.pat().match(v, s, this) && guard(t.guard(), s)) stack[--sp] = null;
                            else pc = t.fail();
                        }
                        case Insn.MATCH_ARGS -> {
                            Insn.MatchArgs ma = (Insn.MatchArgs) in;
                            Insn.Pat[] ps = ma.pats();
                            boolean ok = true;
                            for (int i = 0; i < ps.length && ok; i++) {
                                Insn.Pat p = ps[i];
                                if (p != null) ok = p.match(s[i], s, this);
                            }
                            if (!ok || ma.guard() != null && !guard(ma.guard(), s)) pc = ma.fail();
                        }
                        case Insn.JUMP -> pc = ((Insn.Jump) in).to();
                        case Insn.JUMP_IF_FALSY -> {
                            Object v = stack[--sp];
                            stack[sp] = null;
                            if (v == Atom.FALSE || v == Atom.NIL) pc = ((Insn.JumpIfFalsy) in).to();
                        }
                        case Insn.CALL -> {
                            Insn.Call c = (Insn.Call) in;
                            Insn.Target t = c.target();
                            Fn fn = t.resolved;
                            if (fn == null) fn = elixir.resolve(t);
                            int argc = c.argc();
                            Object[] ns = new Object[fn.nslots];
                            int off = 0;
                            if (t.prependModule) {
                                ns[0] = t.module;
                                off = 1;
                            }
                            Insn.Ev[] es = c.args();
                            if (es != null) {
                                for (int i = 0; i < argc; i++) ns[off + i] = es[i].ev(s, this);
                            } else {
                                for (int i = argc - 1; i >= 0; i--) {
                                    ns[off + i] = stack[--sp];
                                    stack[sp] = null;
                                }
                            }
                            f.pc = pc;
                            f = enter(f, fn, ns, c.tail());
                            code = fn.code;
                            ops = fn.ops;
                            s = ns;
                            pc = 0;
                            if (++reds >= budget) {
                                usedReductions = reds;
                                return YIELD;
                            }
                            if (fn.jit != null && Jit.takes(ns, argc)) {
                                // compiled code runs the call; the frame to go on in is the caller or, when
                                // it unwound, the innermost of the frames it left on the heap
                                Jit.Budget jb = jitBudget(reds, budget);
                                f = runCompiled(f, fn.jit, ns, jb);
                                reds = jb.reds;
                                if (f == null) {
                                    usedReductions = reds;
                                    return DONE;
                                }
                                code = f.fn.code;
                                ops = f.fn.ops;
                                s = f.slots;
                                pc = f.pc;
                                if (reds >= budget) {
                                    usedReductions = reds;
                                    return YIELD;
                                }
                            }
                        }
                        case Insn.APPLY -> {
                            Insn.Apply a = (Insn.Apply) in;
                            int argc = a.argc();
                            Object fun = stack[sp - argc - 1];
                            if (!(fun instanceof Closure cl)) throw Errors.badfun(fun);
                            Fn fn = cl.fn();
                            if (fn.arity != argc) {
                                throw badArity(cl, java.util.Arrays.asList(java.util.Arrays.copyOfRange(stack, sp - argc, sp)));
                            }
                            Object[] ns = new Object[fn.nslots];
                            for (int i = argc - 1; i >= 0; i--) {
                                ns[i] = stack[--sp];
                                stack[sp] = null;
                            }
                            stack[--sp] = null; // the function
                            Object[] env = cl.env();
                            int[] envSlots = fn.envSlots;
                            for (int k = 0; k < env.length; k++) ns[envSlots[k]] = env[k];
                            f.pc = pc;
                            f = enter(f, fn, ns, a.tail());
                            code = fn.code;
                            ops = fn.ops;
                            s = ns;
                            pc = 0;
                            if (++reds >= budget) {
                                usedReductions = reds;
                                return YIELD;
                            }
                        }
                        case Insn.APPLY_MFA -> {
                            f.pc = pc;
                            Frame g = applyMfa((Insn.ApplyMfa) in, f);
                            if (g == null) continue; // a library function: its value is on the stack
                            f = g;
                            code = f.fn.code;
                            ops = f.fn.ops;
                            s = f.slots;
                            pc = 0;
                            if (++reds >= budget) {
                                usedReductions = reds;
                                return YIELD;
                            }
                        }
                        case Insn.RETURN, Insn.RETURN_VALUE -> {
                            Object v;
                            if (in instanceof Insn.ReturnValue rv) {
                                v = rv.ev().ev(s, this);
                            } else {
                                v = stack[--sp];
                                stack[sp] = null;
                            }
                            f = returnFrom(f, v);
                            if (f == null) {
                                usedReductions = reds;
                                return DONE;
                            }
                            code = f.fn.code;
                            ops = f.fn.ops;
                            s = f.slots;
                            pc = f.pc;
                        }
                        case Insn.RECEIVE -> {
                            f.pc = pc;
                            startReceive((Insn.Receive) in, s);
                            usedReductions = reds;
                            return WAIT;
                        }
                        case Insn.TRY_BEGIN -> handlers = new Handler(((Insn.TryBegin) in).handler(), sp, f, handlers);
                        case Insn.TRY_END -> handlers = handlers.next;
                        case Insn.RERAISE -> {
                            Tuple e = (Tuple) stack[--sp];
                            throw new ElixirError((Atom) e.get(0), e.get(1));
                        }
                        case Insn.FAIL -> {
                            Object v = stack[--sp];
                            Insn.Fail fl = (Insn.Fail) in;
                            throw Errors.noClause(fl.error(), v, f.fn, f.slots, fl.line());
                        }
                        default -> throw new IllegalStateException("unknown opcode " + ops[pc - 1]);
                    }
                }
            } catch (RuntimeException | StackOverflowError ex) {
                ElixirError e = Errors.toElixir(ex);
                f.pc = pc;
                Handler h = handlers;
                if (h == null) {
                    fp = f;
                    usedReductions = reds;
                    throw e;
                }
                handlers = h.next();
                java.util.Arrays.fill(stack, h.sp(), sp, null);
                sp = h.sp();
                f = h.frame();
                fp = f;
                push(Tuple.of(e.kind(), e.value(), List.of()));
                code = f.fn.code;
                ops = f.fn.ops;
                s = f.slots;
                pc = h.pc();
            }
        }
    }

    /** Returns {@code v} from frame {@code f}: the caller, with {@code v} on its stack, or null at the outermost frame. */
    private Frame returnFrom(Frame f, Object v) {
        Frame parent = f.parent;
        if (parent == null) {
            result = v;
            lastSlots = f.slots;
            fp = null;
            return null;
        }
        for (int i = f.baseSp; i < sp; i++) stack[i] = null;
        sp = f.baseSp;
        fp = parent;
        if (sp == stack.length) grow();
        stack[sp++] = v;
        return parent;
    }

    private Jit.Budget jitBudget(int reds, int budget) {
        Jit.Budget jb = this.jitBudget;
        if (jb == null) jb = this.jitBudget = new Jit.Budget();
        jb.reds = reds - 1; // the call that enters was counted already; compiled code counts it again
        jb.limit = Math.max(budget, Jit.CHUNK);
        return jb;
    }

    /**
     * Runs frame {@code f} (just entered, its arguments small integers; or preempted, to thaw) in compiled
     * code. Returns the frame to go on in: the caller with the result on its stack (null when {@code f} was
     * the outermost); {@code f} itself when the compiled code was preempted (its frames kept in
     * {@link #frozen}; the budget is spent, so the process yields); or, when it unwound for another reason
     * (too deep, or an instruction it leaves to the interpreter), the innermost of the frames it left,
     * rebuilt on the heap as the interpreter would have them.
     */
    private Frame runCompiled(Frame f, Jit.Compiled c, Object[] ns, Jit.Budget jb) {
        Jit.Module m = c.module();
        long v = m.entry.call(c.id(), ns, jb);
        Jit.Unwind u = jb.unwind;
        if (u == null) return returnFrom(f, v);
        jb.unwind = null;
        if (jb.preempted) { // kept as they are, to thaw in the next step (see run)
            jb.preempted = false;
            frozen = u;
            fp = f;
            return f;
        }
        // outermost first; a frame waiting only to return its callee's value (a tail call) is left out, as
        // the interpreter's tail call leaves it out: a loop of tail calls between functions stays in constant space
        boolean replace = false; // the entering frame was left out: the next frame takes its place
        for (int k = u.n - 1; k >= 0; k--) {
            int id = u.fns[k];
            Fn fn = m.fns[id];
            int pc = u.pcs[k];
            if (k > 0 && u.resume[k] && fn.code[pc] instanceof Insn.Return) {
                if (k == u.n - 1) replace = true;
                continue;
            }
            int at = u.at[k];
            Object[] slots = new Object[fn.nslots];
            for (int i = 0; i < slots.length; i++) slots[i] = u.data[at + i];
            if (k == u.n - 1 || replace) { // the frame that entered compiled code (its stack is empty)
                f.fn = fn;
                f.slots = slots;
                replace = false;
            } else {
                f = new Frame(fn, slots, f, sp);
            }
            f.pc = pc;
            int depth = m.depthAt[id][pc] - (u.resume[k] ? 1 : 0);
            for (int i = 0; i < depth; i++) push(u.data[at + slots.length + i]);
        }
        jb.spare = u;
        fp = f;
        return f;
    }

    /** {@code apply(module, fun, args)}: the frame entered, or null after a library function pushed its value. */
    private Frame applyMfa(Insn.ApplyMfa a, Frame f) {
        Object argList = stack[--sp];
        Object fun = stack[--sp];
        Object mod = stack[--sp];
        stack[sp] = stack[sp + 1] = stack[sp + 2] = null;
        if (!(mod instanceof Atom ma) || !(fun instanceof Atom fa) || !(argList instanceof List<?> args)) {
            throw ElixirError.argument("argument error: apply(" + Format.inspect(mod) + ", " + Format.inspect(fun) + ", " + Format.inspect(argList) + ")");
        }
        Fn fn = elixir.lookup(ma, fa.name(), args.size());
        if (fn == null) {
            Library.Bif bif = Library.bif(ma, fa.name(), args.size());
            if (bif == null) throw Errors.undefined(ma, fa.name(), args.size(), elixir.knows(ma));
            push(bif.call(this, args.toArray())); // a tail ApplyMfa is followed by Return
            return null;
        }
        Object[] ns = new Object[fn.nslots];
        int i = 0;
        boolean prepend = fn.arity == args.size() + 1;
        if (prepend) ns[i++] = ma;
        for (Object o : args) ns[i++] = o;
        return enter(f, fn, ns, a.tail());
    }

    /** A receive starts: its timeout (if any) popped and checked; the process then waits. */
    private void startReceive(Insn.Receive r, Object[] s) {
        if (r.after() >= 0) {
            Object t;
            if (r.timeout() != null) {
                t = r.timeout().ev(s, this);
            } else {
                t = stack[--sp];
                stack[sp] = null;
            }
            if (t != Elixir.INFINITY && !(t instanceof Long ms && ms >= 0)) {
                throw ElixirError.argument("timeout in receive must be a non-negative integer or :infinity, got: " + Format.inspect(t));
            }
            pendingTimeout = t;
        }
        pending = r;
    }

    /** Enters {@code fn}: a new frame, or for a tail call the current one reused (constant space). */
    private Frame enter(Frame f, Fn fn, Object[] ns, boolean tail) {
        if (tail) {
            f.fn = fn;
            f.slots = ns;
            f.pc = 0;
            for (int i = f.baseSp; i < sp; i++) stack[i] = null;
            sp = f.baseSp;
        } else {
            f = new Frame(fn, ns, f, sp);
        }
        fp = f;
        return f;
    }

    static ElixirError badArity(Closure fun, List<?> args) {
        return ElixirError.raise("BadArityError", Format.inspect(fun) + " with arity " + fun.arity()
                + " called with " + (args.isEmpty() ? "no arguments" : args.size() == 1 ? "1 argument (" + Format.inspect(args.get(0)) + ")"
                : args.size() + " arguments (" + String.join(", ", args.stream().map(Format::inspect).toList()) + ")"));
    }

    // ---------------------------------------------------------------- for the library

    ProcessContext ctx() {
        if (ctx == null) throw new IllegalStateException("not inside a process");
        return ctx;
    }

    Pid self() {
        return ctx().self();
    }

    static Object atomOrNil(Map<?, ?> m, Object key) {
        Object v = m.get(key);
        return v == null ? Atom.NIL : v;
    }

    static RuntimeException asElixir(ErlangError e) {
        return Errors.toElixir(e);
    }
}
