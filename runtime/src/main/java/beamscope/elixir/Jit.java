package beamscope.elixir;

import beamscope.runtime.Atom;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's second tier: a module's functions that only compute with integers (arguments, literals,
 * module attributes, {@code + - *}, comparisons, {@code and}/{@code or}, guards, {@code =} with simple
 * patterns, {@code if}/{@code case}/{@code cond} on them, and calls and tail calls among themselves) are
 * compiled to JVM bytecode, one static method each with {@code long} arguments, so the JVM's
 * JIT compiles them as it compiles Java. A named call from the interpreter enters that code when its
 * arguments are all small integers ({@code Long}).
 *
 * <pre>
 * Protocol (how compiled code stays an Elixir process):
 *  - Reductions: every call counts one, in the machine's Budget, as the interpreter counts them; at the
 *    budget's limit (or MAX_DEPTH nested compiled calls) the callee unwinds before it starts.
 *  - Unwind: a frame that unwinds adds itself to the Budget's Unwind (its function, the pc to go on at, its
 *    slots and operand stack as longs) and returns at once; a caller finding the Unwind set after a call does
 *    the same. No exception crosses a frame, so unwinding costs a return per frame.
 *  - Preempted (the budget spent): the machine keeps the frames as they are and the process yields; its next
 *    step thaws them: the outermost method is called with the Budget's thaw set, restores its locals and
 *    calls the method it was calling, which does the same, down to the innermost, which goes on where it
 *    stopped. A long computation is preempted between two calls where the interpreter would have been, and
 *    priorities and receive are unchanged, at the cost of a call and a return per frame.
 *  - Too deep, or deopt (below): the machine turns the frames into its own heap frames and interprets them,
 *    leaving out a frame that only waits to return its callee's value (as a tail call leaves it out), so a
 *    loop of tail calls between functions stays in constant space.
 *  - Deopt: whatever compiled code does not handle (a long overflow, a clause that does not match, a
 *    pattern that fails) is an exception caught in the same method, which unwinds with the current
 *    instruction not yet run; the interpreter runs it again with the general values (BigInteger, the error
 *    Elixir raises). Every instruction the tier compiles is pure until it is done, so running it again is
 *    the same as running it once.
 *  - The interpreter's operand stack lives in JVM locals (its depth at each pc is fixed at compile time),
 *    every slot is a long local, set to 0 before the code starts (the verifier wants them set on every path).
 * </pre>
 *
 * Off with {@code -Dbeamscope.elixir.jit=false} (the evaluator's behaviour is the same either way).
 */
final class Jit {
    /** Calls compiled code may make in one compute step: the node's default slice (the BEAM's too). */
    static final int CHUNK = 4000;
    /** Nested compiled calls before the frames move to the heap (the scheduler thread's stack stays small). */
    static final int MAX_DEPTH = 300;

    static final boolean ENABLED = !"false".equals(System.getProperty("beamscope.elixir.jit"));
    /** {@code -Dbeamscope.elixir.jit.log=true}: says on stderr which functions stay interpreted, and why. */
    static final boolean LOG = Boolean.getBoolean("beamscope.elixir.jit.log");

    private Jit() {}

    // ---------------------------------------------------------------- what the compiler tells the tier

    /** What an {@link Insn.Ev} or {@link Insn.Pat} the compiler made does, for the functions it may compile. */
    sealed interface Shape {}

    /** A literal value. */
    record Lit(Object value) implements Shape {}

    /** A variable's slot. */
    record Slot(int slot) implements Shape {}

    /** {@code x op y} with op one of {@code + - * < > <= >= == != === !==}; x and y are the operands' Evs. */
    record Bin(String op, Object x, Object y) implements Shape {}

    /** {@code x and y}, {@code x && y}. */
    record And(Object x, Object y) implements Shape {}

    /** {@code x or y}, {@code x || y}. */
    record Or(Object x, Object y) implements Shape {}

    /** {@code pat = value} as an expression: the value, once it matched (else MatchError). */
    record MatchValue(Object pat, Object value) implements Shape {}

    /** A pattern that binds a new variable. */
    record Bind(int slot) implements Shape {}

    /** {@code _}. */
    record Any() implements Shape {}

    /** A literal pattern. */
    record Equal(Object value) implements Shape {}

    /** A bound or pinned variable in a pattern: equal to the slot's value. */
    record SlotEqual(int slot) implements Shape {}

    // ---------------------------------------------------------------- the run-time side

    /**
     * Counts a compiled run's reductions, and holds its frames while they unwind (null while none does). One
     * per machine, made on its first compiled call; touched only by the thread running that machine.
     */
    static final class Budget {
        int reds;
        int limit;
        /** Frames unwinding (null while none does). */
        Unwind unwind;
        /** Set with {@link #unwind} when the frames unwound because the budget was spent (they can thaw). */
        boolean preempted;
        /** Frames being thawed (null when none): each compiled frame, entered in turn, takes its state from it. */
        Unwind thaw;
        int thawAt;  // the frame being thawed: counts down to 0, the innermost
        int thawPos; // where its next value is in thaw.data
        Unwind spare; // an Unwind done with, for the next one
    }

    /** Starts thawing the next frame: returns where it goes on ({@code 2 pc + 1} when it was calling). */
    static int thawFrame(Budget b) {
        Unwind u = b.thaw;
        int k = b.thawAt;
        b.thawPos = u.at[k];
        return 2 * u.pcs[k] + (u.resume[k] ? 1 : 0);
    }

    /** The thawing frame's next value (its slots, then its operand stack). */
    static long take(Budget b) {
        return b.thaw.data[b.thawPos++];
    }

    /** The thawing frame has its values: on to the next one, or, after the innermost, thawing is over. */
    static void thawDone(Budget b) {
        if (b.thawAt-- == 0) {
            b.spare = b.thaw;
            b.thaw = null;
        }
    }

    /** A module's compiled code: calls function {@code fn} with the first arguments in {@code slots}. */
    interface Entry {
        long call(int fn, Object[] slots, Budget budget);
    }

    /** A compiled function: its module's code and its number there. */
    record Compiled(Module module, int id) {}

    /** A module's compiled functions, and each one's operand stack depth at each pc. */
    static final class Module {
        final Fn[] fns;
        final int[][] depthAt;
        Entry entry;

        Module(Fn[] fns, int[][] depthAt) {
            this.fns = fns;
            this.depthAt = depthAt;
        }
    }

    /**
     * Compiled frames on their way to the heap, innermost first: for frame k its function, its pc, whether it
     * was calling, and from {@code at[k]} in {@code data} its slots, then its operand stack (its deepest).
     */
    static final class Unwind {
        int n;
        int[] fns = new int[16];
        int[] pcs = new int[16];
        int[] at = new int[16];
        boolean[] resume = new boolean[16];
        long[] data = new long[128];
        int top;
    }

    /** Thrown by compiled code to hand the current instruction to the interpreter. Carries nothing. */
    static final class Deopt extends RuntimeException {
        static final Deopt INSTANCE = new Deopt();

        private Deopt() {
            super(null, null, false, false);
        }
    }

    /**
     * Called by compiled code as a frame unwinds, before its values ({@link #put}): adds it ({@code resume}:
     * it was calling, and goes on at {@code pc} once the callee returns; else {@code pc} is the instruction
     * to run again).
     */
    static void frame(Budget b, int fn, int pc, boolean resume) {
        Unwind u = b.unwind;
        if (u == null) {
            u = b.spare;
            if (u == null) u = new Unwind();
            else b.spare = null;
            u.n = 0;
            u.top = 0;
            b.unwind = u;
        }
        int i = u.n++;
        if (i == u.fns.length) {
            int c = i * 2;
            u.fns = java.util.Arrays.copyOf(u.fns, c);
            u.pcs = java.util.Arrays.copyOf(u.pcs, c);
            u.at = java.util.Arrays.copyOf(u.at, c);
            u.resume = java.util.Arrays.copyOf(u.resume, c);
        }
        u.fns[i] = fn;
        u.pcs[i] = pc;
        u.resume[i] = resume;
        u.at[i] = u.top;
    }

    /** One value of the frame unwinding. */
    static void put(Budget b, long v) {
        Unwind u = b.unwind;
        if (u.top == u.data.length) u.data = java.util.Arrays.copyOf(u.data, u.top * 2);
        u.data[u.top++] = v;
    }

    /** True when compiled code may take these arguments: all of them small integers. */
    static boolean takes(Object[] slots, int arity) {
        for (int i = 0; i < arity; i++) if (!(slots[i] instanceof Long)) return false;
        return true;
    }

    // ---------------------------------------------------------------- which functions compile

    private static final int LONG = 1, BOOL = 2, OTHER = 0;

    /** One function's plan: its stack depth at each pc (-1: never reached), or why it does not compile. */
    private static final class Plan {
        final Fn fn;
        final int[] depth;
        int maxDepth;
        final List<Fn> callees = new ArrayList<>();
        String no; // why it does not compile (null: it does)

        Plan no(int pc, Object why) {
            no = (pc >= 0 ? "pc " + pc + ": " : "") + why;
            return this;
        }

        Plan(Fn fn) {
            this.fn = fn;
            this.depth = new int[fn.code.length];
            java.util.Arrays.fill(depth, -1);
        }
    }

    /**
     * Compiles what can be compiled of a module's functions ({@code shapes}: what the compiler knows of its
     * Evs and Pats); the others stay interpreted. Returns how many functions compiled.
     */
    static int compile(Atom module, Map<String, Fn> functions, Map<Object, Shape> shapes) {
        Map<Fn, Plan> plans = new LinkedHashMap<>();
        for (Fn fn : functions.values()) {
            Plan p = plan(fn, module, functions, shapes);
            if (p.no == null) plans.put(fn, p);
            else if (LOG) System.err.println("jit: " + fn.label + " stays interpreted: " + p.no);
        }
        // a function compiles only when every function it calls does
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var it = plans.values().iterator(); it.hasNext(); ) {
                Plan p = it.next();
                for (Fn c : p.callees) {
                    if (!plans.containsKey(c)) {
                        if (LOG) System.err.println("jit: " + p.fn.label + " stays interpreted: it calls " + c.label);
                        it.remove();
                        changed = true;
                        break;
                    }
                }
            }
        }
        if (plans.isEmpty()) return 0;
        List<Plan> list = new ArrayList<>(plans.values());
        Fn[] fns = new Fn[list.size()];
        int[][] depths = new int[list.size()][];
        Map<Fn, Integer> ids = new HashMap<>();
        for (int i = 0; i < fns.length; i++) {
            fns[i] = list.get(i).fn;
            depths[i] = list.get(i).depth;
            ids.put(fns[i], i);
        }
        Module m = new Module(fns, depths);
        try {
            byte[] bytes = new Codegen(list, ids, shapes).classBytes();
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
            m.entry = (Entry) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            // a bug here must not stop the program: its functions stay interpreted
            System.err.println("beamscope: could not compile " + Values.moduleName(module) + " (" + e + "); it runs interpreted");
            return 0;
        }
        for (int i = 0; i < fns.length; i++) fns[i].jit = new Compiled(m, i);
        return fns.length;
    }

    private static int type(Object ev, Map<Object, Shape> shapes) {
        Shape s = shapes.get(ev);
        return switch (s) {
            case Lit l -> l.value() instanceof Long ? LONG : l.value() == Atom.TRUE || l.value() == Atom.FALSE || l.value() == Atom.NIL ? BOOL : OTHER;
            case And a -> type(a.x(), shapes) == BOOL && type(a.y(), shapes) == BOOL ? BOOL : OTHER;
            case Or o -> type(o.x(), shapes) == BOOL && type(o.y(), shapes) == BOOL ? BOOL : OTHER;
            case MatchValue mv -> type(mv.value(), shapes) == LONG && pattern(mv.pat(), shapes) ? LONG : OTHER;
            case Slot sl -> LONG;
            case Bin b -> {
                if (type(b.x(), shapes) != LONG || type(b.y(), shapes) != LONG) yield OTHER;
                yield switch (b.op()) {
                    case "+", "-", "*" -> LONG;
                    default -> BOOL;
                };
            }
            case null, default -> OTHER;
        };
    }

    private static boolean pattern(Object pat, Map<Object, Shape> shapes) {
        return pat == null || shapes.get(pat) instanceof Bind || shapes.get(pat) instanceof Any
                || shapes.get(pat) instanceof Equal || shapes.get(pat) instanceof SlotEqual;
    }

    /** The plan of {@code fn}, or null when it has an instruction the tier does not compile. */
    private static Plan plan(Fn fn, Atom module, Map<String, Fn> functions, Map<Object, Shape> shapes) {
        Plan p = new Plan(fn);
        if (fn.anonymous || fn.module == null || fn.envSlots.length > 0) return p.no(-1, "not a module function");
        Insn[] code = fn.code;
        boolean[] target = new boolean[code.length + 1];
        for (Insn in : code) {
            switch (in) {
                case Insn.Jump j -> target[j.to()] = true;
                case Insn.JumpIfFalsy j -> target[j.to()] = true;
                case Insn.Test t -> target[t.fail()] = true;
                case Insn.MatchArgs ma -> target[ma.fail()] = true;
                default -> { }
            }
        }
        int[] work = new int[code.length * 2 + 2];
        int top = 0;
        p.depth[0] = 0;
        work[top++] = 0;
        while (top > 0) {
            int i = work[--top];
            int d = p.depth[i];
            if (i >= code.length) return p.no(i, "runs off the end");
            int[] next;    // successors
            int[] nextD;   // their depths
            switch (code[i]) {
                case Insn.Push push -> {
                    int t = type(push.ev(), shapes);
                    if (t == LONG) {
                        next = new int[] {i + 1};
                        nextD = new int[] {d + 1};
                    } else if (t == BOOL && i + 1 < code.length && code[i + 1] instanceof Insn.JumpIfFalsy jf && !target[i + 1]) {
                        next = new int[] {i + 2, jf.to()};
                        nextD = new int[] {d, d};
                    } else if (i + 1 < code.length && code[i + 1] instanceof Insn.Fail) {
                        next = new int[0]; // hands over to the interpreter, which raises the error
                        nextD = next;
                    } else return p.no(i, code[i]);
                }
                case Insn.Drop x -> {
                    if (d < 1) return p.no(i, code[i]);
                    next = new int[] {i + 1};
                    nextD = new int[] {d - 1};
                }
                case Insn.Store st -> {
                    if (d < 1 || st.slot() >= fn.nslots) return p.no(i, code[i]);
                    next = new int[] {i + 1};
                    nextD = new int[] {d - 1};
                }
                case Insn.Match ma -> {
                    if (d < 1 || !pattern(ma.pat(), shapes)) return p.no(i, code[i]);
                    next = new int[] {i + 1};
                    nextD = new int[] {d};
                }
                case Insn.Test t -> {
                    if (d < 1 || !pattern(t.pat(), shapes) || t.guard() != null && type(t.guard(), shapes) != BOOL) return p.no(i, code[i]);
                    next = new int[] {i + 1, t.fail()};
                    nextD = new int[] {d - 1, d};
                }
                case Insn.MatchArgs ma -> {
                    for (Insn.Pat pat : ma.pats()) if (!pattern(pat, shapes)) return p.no(i, code[i]);
                    if (ma.guard() != null && type(ma.guard(), shapes) != BOOL) return p.no(i, code[i]);
                    next = new int[] {i + 1, ma.fail()};
                    nextD = new int[] {d, d};
                }
                case Insn.Jump j -> {
                    next = new int[] {j.to()};
                    nextD = new int[] {d};
                }
                case Insn.Call c -> {
                    Insn.Target t = c.target();
                    if (t.module != module) return p.no(i, code[i]);
                    Fn callee = functions.get(t.name + "/" + t.arity);
                    if (callee == null || callee.arity != c.argc()) return p.no(i, code[i]);
                    if (c.args() != null) {
                        for (Insn.Ev e : c.args()) if (type(e, shapes) != LONG) return p.no(i, code[i]);
                    } else if (d < c.argc()) return p.no(i, code[i]);
                    int after = d - (c.args() == null ? c.argc() : 0) + 1;
                    if (c.tail() && callee == fn) {
                        next = new int[0]; // a loop
                    } else { // (a tail call elsewhere is a call and the Return after it; see Machine.runCompiled)
                        next = new int[] {i + 1};
                    }
                    nextD = new int[] {after};
                    p.callees.add(callee);
                }
                case Insn.Return r -> {
                    if (d < 1) return p.no(i, code[i]);
                    next = new int[0];
                    nextD = next;
                }
                case Insn.ReturnValue r -> {
                    if (type(r.ev(), shapes) != LONG) return p.no(i, code[i]);
                    next = new int[0];
                    nextD = next;
                }
                case Insn.Fail f -> {
                    next = new int[0]; // the interpreter raises it
                    nextD = next;
                }
                default -> {
                    return p.no(i, code[i]);
                }
            }
            for (int k = 0; k < next.length; k++) {
                int n = next[k], nd = nextD[k];
                if (n >= code.length) return p.no(i, "jumps off the end");
                if (p.depth[n] == -1) {
                    p.depth[n] = nd;
                    p.maxDepth = Math.max(p.maxDepth, nd);
                    work[top++] = n;
                    if (top == work.length) work = java.util.Arrays.copyOf(work, top * 2);
                } else if (p.depth[n] != nd) {
                    return p.no(n, "reached with two stack depths");
                }
            }
        }
        // locals: slots, the budget, the depth, the operand stack, the pc; long locals take two
        if (2 * fn.nslots + 2 + 2 * p.maxDepth + 5 > 250) return p.no(-1, "too many variables");
        return p;
    }

    // ---------------------------------------------------------------- the bytecode

    private static final String BUDGET = "beamscope/elixir/Jit$Budget", UNWIND = "beamscope/elixir/Jit$Unwind",
            DEOPT = "beamscope/elixir/Jit$Deopt", ENTRY = "beamscope/elixir/Jit$Entry", JIT = "beamscope/elixir/Jit",
            SELF = "beamscope/elixir/JitCode";

    private static final int ACONST_NULL = 0x01, LCMP = 0x94, IFEQ = 0x99, IFNE = 0x9a, IFLT = 0x9b,
            IFGE = 0x9c, IFGT = 0x9d, IFLE = 0x9e, IF_ICMPGE = 0xa2, IF_ICMPGT = 0xa3, GOTO = 0xa7, LRETURN = 0xad,
            RETURN = 0xb1, IFNONNULL = 0xc7, LCONST_0 = 0x09, GETSTATIC = 0xb2, GETFIELD = 0xb4, PUTFIELD = 0xb5, INVOKEVIRTUAL = 0xb6,
            INVOKESPECIAL = 0xb7, INVOKESTATIC = 0xb8, ATHROW = 0xbf, CHECKCAST = 0xc0,
            ILOAD = 0x15, LLOAD = 0x16, ALOAD = 0x19, ISTORE = 0x36, LSTORE = 0x37, AALOAD = 0x32,
            POP = 0x57, IADD = 0x60;

    /** Writes one hidden class for a module: {@code f0 … fn} and the {@link Entry} that calls them. */
    private static final class Codegen {
        final List<Plan> plans;
        final Map<Fn, Integer> ids;
        final Map<Object, Shape> shapes;
        final ClassFile cf = new ClassFile(SELF, "java/lang/Object", ENTRY);

        Codegen(List<Plan> plans, Map<Fn, Integer> ids, Map<Object, Shape> shapes) {
            this.plans = plans;
            this.ids = ids;
            this.shapes = shapes;
        }

        static String desc(int arity) {
            return "(" + "J".repeat(arity) + "L" + BUDGET + ";I)J";
        }

        byte[] classBytes() {
            ClassFile.Code init = cf.new Code();
            init.op(0x2a); // aload_0
            init.ref(INVOKESPECIAL, cf.methodRef("java/lang/Object", "<init>", "()V"));
            init.op(RETURN);
            cf.method(ClassFile.ACC_PUBLIC, "<init>", "()V", init, 1, 1);
            entry();
            for (Plan p : plans) {
                method(p, false);
                method(p, true);
            }
            return cf.toBytes();
        }

        /**
         * {@code long call(int fn, Object[] slots, Budget b)}: unboxes the arguments and calls {@code f<fn>}, or,
         * while the Budget thaws, calls {@code t<fn>}.
         */
        private void entry() {
            ClassFile.Code c = cf.new Code();
            int[] cases = new int[plans.size()];
            for (int i = 0; i < cases.length; i++) cases[i] = c.newLabel();
            int dflt = c.newLabel();
            int maxArity = 0;
            c.local(ILOAD, 1);
            c.tableSwitch(dflt, cases);
            for (int i = 0; i < cases.length; i++) {
                c.place(cases[i]);
                Fn fn = plans.get(i).fn;
                maxArity = Math.max(maxArity, fn.arity);
                int thawing = c.newLabel();
                c.local(ALOAD, 3);
                c.ref(GETFIELD, cf.fieldRef(BUDGET, "thaw", "L" + UNWIND + ";"));
                c.jump(IFNONNULL, thawing);
                for (int a = 0; a < fn.arity; a++) {
                    c.local(ALOAD, 2);
                    c.iconst(a);
                    c.op(AALOAD);
                    c.ref(CHECKCAST, cf.classRef("java/lang/Long"));
                    c.ref(INVOKEVIRTUAL, cf.methodRef("java/lang/Long", "longValue", "()J"));
                }
                c.local(ALOAD, 3);
                c.iconst(0);
                c.ref(INVOKESTATIC, cf.methodRef(SELF, "f" + i, desc(fn.arity)));
                c.op(LRETURN);
                c.place(thawing);
                for (int a = 0; a < fn.arity; a++) c.lconst(0);
                c.local(ALOAD, 3);
                c.iconst(0);
                c.ref(INVOKESTATIC, cf.methodRef(SELF, "t" + i, desc(fn.arity)));
                c.op(LRETURN);
            }
            c.place(dflt);
            c.op(ACONST_NULL);
            c.op(ATHROW);
            cf.method(ClassFile.ACC_PUBLIC, "call", "(I[Ljava/lang/Object;L" + BUDGET + ";)J", c, 2 * maxArity + 4, 4);
        }

        // locals of one method
        private Plan plan;
        private int arity, nslots, maxDepth, budgetLocal, depthLocal, pcLocal, resumeLocal, tempLocal;
        private int saveLabel, resumeLabel;
        private int[] afterCall;
        private ClassFile.Code c;
        private int[] labels;
        private int deoptLabel, loopLabel;

        private int slot(int k) {
            return k < arity ? 2 * k : 2 * arity + 2 + 2 * (k - arity);
        }

        private int stack(int d) {
            return 2 * nslots + 2 + 2 * d;
        }

        private void setPc(int pc) {
            c.iconst(pc);
            c.local(ISTORE, pcLocal);
        }

        /**
         * One function twice: {@code f<id>} runs it from the start; {@code t<id>} thaws a preempted frame of it
         * (restores its locals from the Budget, then goes on where it stopped). The same body follows both
         * prologues; its calls go to the callees' {@code f}.
         */
        private void method(Plan p, boolean thawing) {
            plan = p;
            Fn fn = p.fn;
            arity = fn.arity;
            nslots = fn.nslots;
            maxDepth = p.maxDepth;
            budgetLocal = 2 * arity;
            depthLocal = 2 * arity + 1;
            pcLocal = stack(maxDepth);
            resumeLocal = pcLocal + 1;
            tempLocal = resumeLocal + 1;
            c = cf.new Code();
            Insn[] code = fn.code;
            labels = new int[code.length + 1];
            for (int i = 0; i < labels.length; i++) labels[i] = c.newLabel();
            afterCall = new int[code.length];
            for (int i = 0; i < code.length; i++) if (code[i] instanceof Insn.Call call && !(call.tail() && callee(call) == fn)) afterCall[i] = c.newLabel();
            deoptLabel = c.newLabel();
            loopLabel = c.newLabel();
            saveLabel = c.newLabel();
            resumeLabel = c.newLabel();
            int start = c.newLabel(), end = c.newLabel(), deoptHandler = c.newLabel(), entryUnwind = c.newLabel(),
                    preempt = c.newLabel(), body = c.newLabel();
            int reds = cf.fieldRef(BUDGET, "reds", "I");
            List<int[]> recalls = new ArrayList<>();
            if (thawing) {
                recalls = thawPrologue(code, body);
            } else {
                // every local set before anything can throw (the verifier checks the handlers' reads)
                for (int k = arity; k < nslots; k++) {
                    c.lconst(0);
                    c.local(LSTORE, slot(k));
                }
                for (int d = 0; d < maxDepth; d++) {
                    c.lconst(0);
                    c.local(LSTORE, stack(d));
                }
                c.iconst(0);
                c.local(ISTORE, pcLocal);
                c.iconst(0);
                c.local(ISTORE, resumeLocal);
            }
            // one reduction per call; at the limit (or too deep) this frame unwinds before it starts
            c.place(loopLabel);
            c.local(ALOAD, budgetLocal);
            c.local(ALOAD, budgetLocal);
            c.ref(GETFIELD, reds);
            c.iconst(1);
            c.op(IADD);
            c.ref(PUTFIELD, reds);
            c.local(ALOAD, budgetLocal);
            c.ref(GETFIELD, reds);
            c.local(ALOAD, budgetLocal);
            c.ref(GETFIELD, cf.fieldRef(BUDGET, "limit", "I"));
            c.jump(IF_ICMPGE, preempt);
            c.local(ILOAD, depthLocal);
            c.iconst(MAX_DEPTH);
            c.jump(IF_ICMPGT, entryUnwind);
            c.place(start);
            c.place(body);
            for (int i = 0; i < code.length; i++) {
                c.place(labels[i]);
                if (p.depth[i] >= 0) insn(i, code[i], p.depth[i]);
            }
            c.place(labels[code.length]);
            for (int[] r : recalls) recall(r[0], r[1], (Insn.Call) code[r[0]]);
            c.place(deoptLabel);
            c.ref(GETSTATIC, cf.fieldRef(DEOPT, "INSTANCE", "L" + DEOPT + ";"));
            c.op(ATHROW);
            c.place(end);
            // this instruction is the interpreter's: this frame unwinds, to run it again
            c.place(deoptHandler);
            c.op(POP);
            c.iconst(0);
            c.local(ISTORE, resumeLocal);
            c.jump(GOTO, saveLabel);
            // out of budget or too deep: this frame unwinds before it starts
            c.place(preempt);
            c.local(ALOAD, budgetLocal);
            c.iconst(1);
            c.ref(PUTFIELD, cf.fieldRef(BUDGET, "preempted", "Z"));
            c.place(entryUnwind);
            c.iconst(0);
            c.local(ISTORE, pcLocal);
            c.iconst(0);
            c.local(ISTORE, resumeLocal);
            c.jump(GOTO, saveLabel);
            // a callee unwound: so does this frame, to go on after the call
            c.place(resumeLabel);
            c.iconst(1);
            c.local(ISTORE, resumeLocal);
            c.place(saveLabel);
            c.local(ALOAD, budgetLocal);
            c.iconst(ids.get(fn));
            c.local(ILOAD, pcLocal);
            c.local(ILOAD, resumeLocal);
            c.ref(INVOKESTATIC, cf.methodRef(JIT, "frame", "(L" + BUDGET + ";IIZ)V"));
            for (int k = 0; k < nslots; k++) put(slot(k));
            for (int d = 0; d < maxDepth; d++) put(stack(d));
            c.op(LCONST_0);
            c.op(LRETURN);
            c.handler(start, end, deoptHandler, DEOPT);
            c.handler(start, end, deoptHandler, "java/lang/ArithmeticException");
            int maxArgs = arity;
            for (Insn in : code) if (in instanceof Insn.Call call) maxArgs = Math.max(maxArgs, call.argc());
            cf.method(ClassFile.ACC_STATIC, (thawing ? "t" : "f") + ids.get(fn), desc(arity), c,
                    2 * maxArgs + 24 + 4 * evHeight(p), tempLocal + 2);
        }

        private void put(int local) {
            c.local(ALOAD, budgetLocal);
            c.local(LLOAD, local);
            c.ref(INVOKESTATIC, cf.methodRef(JIT, "put", "(L" + BUDGET + ";J)V"));
        }

        /**
         * A thaw's prologue: this frame's locals from the Budget, then a jump to where it goes on: its pc, or,
         * when it was calling, a recall (returned: {pc of the call, its label}, emitted after the body).
         */
        private List<int[]> thawPrologue(Insn[] code, int body) {
            c.local(ALOAD, budgetLocal);
            c.ref(INVOKESTATIC, cf.methodRef(JIT, "thawFrame", "(L" + BUDGET + ";)I"));
            c.local(ISTORE, pcLocal); // where it goes on, for the switch below
            for (int k = 0; k < nslots; k++) take(slot(k));
            for (int d = 0; d < maxDepth; d++) take(stack(d));
            c.local(ALOAD, budgetLocal);
            c.ref(INVOKESTATIC, cf.methodRef(JIT, "thawDone", "(L" + BUDGET + ";)V"));
            c.local(ILOAD, pcLocal);
            c.iconst(0);
            c.local(ISTORE, pcLocal);
            c.iconst(0);
            c.local(ISTORE, resumeLocal);
            int bad = c.newLabel();
            int[] targets = new int[2 * code.length + 2];
            java.util.Arrays.fill(targets, bad);
            List<int[]> recalls = new ArrayList<>();
            for (int i = 0; i < code.length; i++) {
                if (plan.depth[i] < 0) continue;
                targets[2 * i] = i == 0 ? body : labels[i];
                if (afterCall[i] != 0) {
                    int l = c.newLabel();
                    targets[2 * (i + 1) + 1] = l;
                    recalls.add(new int[] {i, l});
                }
            }
            c.tableSwitch(bad, targets);
            c.place(bad);
            c.op(ACONST_NULL);
            c.op(ATHROW);
            return recalls;
        }

        private void take(int local) {
            c.local(ALOAD, budgetLocal);
            c.ref(INVOKESTATIC, cf.methodRef(JIT, "take", "(L" + BUDGET + ";)J"));
            c.local(LSTORE, local);
        }

        /** The call at {@code i} made again, to the callee's thaw (which ignores the arguments, zeros here). */
        private void recall(int i, int label, Insn.Call in) {
            c.place(label);
            for (int k = 0; k < in.argc(); k++) c.lconst(0);
            c.local(ALOAD, budgetLocal);
            c.local(ILOAD, depthLocal);
            c.iconst(1);
            c.op(IADD);
            setPc(i + 1);
            c.ref(INVOKESTATIC, cf.methodRef(SELF, "t" + ids.get(callee(in)), desc(in.argc())));
            c.jump(GOTO, afterCall[i]);
        }

        private Fn callee(Insn.Call call) {
            Insn.Target t = call.target();
            for (Plan p : plans) if (p.fn.name.equals(t.name) && p.fn.arity == t.arity) return p.fn;
            throw new IllegalStateException("no compiled " + t);
        }

        /** How many stack words the deepest Ev of the plan needs (for max_stack, generously). */
        private int evHeight(Plan p) {
            int h = 0;
            for (Insn in : p.fn.code) {
                switch (in) {
                    case Insn.Push x -> h = Math.max(h, height(x.ev()));
                    case Insn.ReturnValue x -> h = Math.max(h, height(x.ev()));
                    case Insn.Test x -> h = Math.max(h, height(x.guard()));
                    case Insn.MatchArgs x -> h = Math.max(h, height(x.guard()));
                    case Insn.Call x when x.args() != null -> {
                        for (Insn.Ev e : x.args()) h = Math.max(h, height(e));
                    }
                    default -> { }
                }
            }
            return h;
        }

        private int height(Object ev) {
            if (ev == null) return 1;
            return switch (shapes.get(ev)) {
                case Bin b -> Math.max(height(b.x()), 1 + height(b.y())) + 1;
                case And a -> Math.max(height(a.x()), height(a.y())) + 1;
                case Or o -> Math.max(height(o.x()), height(o.y())) + 1;
                case MatchValue mv -> height(mv.value()) + 1;
                case null, default -> 1;
            };
        }

        /** True when evaluating {@code ev} may hand over to the interpreter (an overflow, a failed match). */
        private boolean arithmetic(Object ev) {
            if (ev == null) return false;
            return switch (shapes.get(ev)) {
                case Bin b -> b.op().equals("+") || b.op().equals("-") || b.op().equals("*") || arithmetic(b.x()) || arithmetic(b.y());
                case And a -> arithmetic(a.x()) || arithmetic(a.y());
                case Or o -> arithmetic(o.x()) || arithmetic(o.y());
                case MatchValue mv -> true;
                case null, default -> false;
            };
        }

        private void insn(int i, Insn in, int d) {
            switch (in) {
                case Insn.Push push -> {
                    int t = type(push.ev(), shapes);
                    if (t == LONG) {
                        if (arithmetic(push.ev())) setPc(i);
                        value(push.ev());
                        c.local(LSTORE, stack(d));
                    } else if (t == BOOL) {
                        if (arithmetic(push.ev())) setPc(i);
                        Insn.JumpIfFalsy jf = (Insn.JumpIfFalsy) plan.fn.code[i + 1];
                        test(push.ev(), labels[jf.to()]);
                        c.jump(GOTO, labels[i + 2]);
                    } else { // before a Fail
                        setPc(i);
                        c.jump(GOTO, deoptLabel);
                    }
                }
                case Insn.Drop x -> { }
                case Insn.Store st -> {
                    c.local(LLOAD, stack(d - 1));
                    c.local(LSTORE, slot(st.slot()));
                }
                case Insn.Match ma -> {
                    setPc(i);
                    match(ma.pat(), stack(d - 1), deoptLabel);
                }
                case Insn.Test t -> {
                    if (arithmetic(t.guard())) setPc(i);
                    match(t.pat(), stack(d - 1), labels[t.fail()]);
                    if (t.guard() != null) test(t.guard(), labels[t.fail()]);
                }
                case Insn.MatchArgs ma -> {
                    if (arithmetic(ma.guard())) setPc(i);
                    Insn.Pat[] pats = ma.pats();
                    for (int k = 0; k < pats.length; k++) if (pats[k] != null) match(pats[k], slot(k), labels[ma.fail()]);
                    if (ma.guard() != null) test(ma.guard(), labels[ma.fail()]);
                }
                case Insn.Jump j -> c.jump(GOTO, labels[j.to()]);
                case Insn.Call call -> {
                    Fn callee = callee(call);
                    int argc = call.argc();
                    int base = d;
                    if (call.args() != null) {
                        boolean arith = false;
                        for (Insn.Ev e : call.args()) arith |= arithmetic(e);
                        if (arith) setPc(i);
                        for (Insn.Ev e : call.args()) value(e);
                    } else {
                        base = d - argc;
                        for (int k = 0; k < argc; k++) c.local(LLOAD, stack(base + k));
                    }
                    if (call.tail() && callee == plan.fn) { // to itself: the arguments become this frame's, and it starts over
                        for (int k = argc - 1; k >= 0; k--) c.local(LSTORE, slot(k));
                        c.jump(GOTO, loopLabel);
                    } else {
                        c.local(ALOAD, budgetLocal);
                        c.local(ILOAD, depthLocal);
                        c.iconst(1);
                        c.op(IADD);
                        setPc(i + 1);
                        c.ref(INVOKESTATIC, cf.methodRef(SELF, "f" + ids.get(callee), desc(argc)));
                        c.place(afterCall[i]);
                        c.local(LSTORE, stack(base));
                        c.local(ALOAD, budgetLocal);
                        c.ref(GETFIELD, cf.fieldRef(BUDGET, "unwind", "L" + UNWIND + ";"));
                        c.jump(IFNONNULL, resumeLabel);
                    }
                }
                case Insn.Return r -> {
                    c.local(LLOAD, stack(d - 1));
                    c.op(LRETURN);
                }
                case Insn.ReturnValue r -> {
                    if (arithmetic(r.ev())) setPc(i);
                    value(r.ev());
                    c.op(LRETURN);
                }
                case Insn.Fail f -> {
                    setPc(i);
                    c.jump(GOTO, deoptLabel);
                }
                default -> throw new IllegalStateException("not compiled: " + in);
            }
        }

        /** Pushes a long Ev's value. */
        private void value(Object ev) {
            switch (shapes.get(ev)) {
                case Lit l -> c.lconst((Long) l.value());
                case Slot s -> c.local(LLOAD, slot(s.slot()));
                case Bin b -> {
                    value(b.x());
                    value(b.y());
                    String m = switch (b.op()) {
                        case "+" -> "addExact";
                        case "-" -> "subtractExact";
                        case "*" -> "multiplyExact";
                        default -> throw new IllegalStateException(b.op());
                    };
                    c.ref(INVOKESTATIC, cf.methodRef("java/lang/Math", m, "(JJ)J"));
                }
                case MatchValue mv -> {
                    value(mv.value());
                    c.local(LSTORE, tempLocal);
                    match(mv.pat(), tempLocal, deoptLabel);
                    c.local(LLOAD, tempLocal);
                }
                default -> throw new IllegalStateException("not a long: " + ev);
            }
        }

        /** Jumps to {@code ifFalse} unless the boolean Ev holds. */
        private void test(Object ev, int ifFalse) {
            switch (shapes.get(ev)) {
                case Lit l -> {
                    if (l.value() != Atom.TRUE) c.jump(GOTO, ifFalse);
                }
                case And a -> {
                    test(a.x(), ifFalse);
                    test(a.y(), ifFalse);
                }
                case Or o -> {
                    int yes = c.newLabel();
                    testTrue(o.x(), yes);
                    test(o.y(), ifFalse);
                    c.place(yes);
                }
                case Bin b -> compare(b, false, ifFalse);
                default -> throw new IllegalStateException("not a boolean: " + ev);
            }
        }

        /** Jumps to {@code ifTrue} when the boolean Ev holds. */
        private void testTrue(Object ev, int ifTrue) {
            switch (shapes.get(ev)) {
                case Lit l -> {
                    if (l.value() == Atom.TRUE) c.jump(GOTO, ifTrue);
                }
                case And a -> {
                    int no = c.newLabel();
                    test(a.x(), no);
                    testTrue(a.y(), ifTrue);
                    c.place(no);
                }
                case Or o -> {
                    testTrue(o.x(), ifTrue);
                    testTrue(o.y(), ifTrue);
                }
                case Bin b -> compare(b, true, ifTrue);
                default -> throw new IllegalStateException("not a boolean: " + ev);
            }
        }

        /** Compares two longs and jumps to {@code to} when the comparison is {@code when}. */
        private void compare(Bin b, boolean when, int to) {
            value(b.x());
            value(b.y());
            c.op(LCMP);
            int op = switch (b.op()) {
                case "<" -> when ? IFLT : IFGE;
                case ">" -> when ? IFGT : IFLE;
                case "<=" -> when ? IFLE : IFGT;
                case ">=" -> when ? IFGE : IFLT;
                case "==", "===" -> when ? IFEQ : IFNE;
                case "!=", "!==" -> when ? IFNE : IFEQ;
                default -> throw new IllegalStateException(b.op());
            };
            c.jump(op, to);
        }

        /** Matches the long in {@code local} against a pattern, jumping to {@code ifNot} when it does not match. */
        private void match(Object pat, int local, int ifNot) {
            switch (shapes.get(pat)) {
                case Any a -> { }
                case Bind b -> {
                    c.local(LLOAD, local);
                    c.local(LSTORE, slot(b.slot()));
                }
                case Equal e -> {
                    if (e.value() instanceof Long v) {
                        c.local(LLOAD, local);
                        c.lconst(v);
                        c.op(LCMP);
                        c.jump(IFNE, ifNot);
                    } else {
                        c.jump(GOTO, ifNot); // an integer is never strictly equal to another kind of literal
                    }
                }
                case SlotEqual s -> {
                    c.local(LLOAD, local);
                    c.local(LLOAD, slot(s.slot()));
                    c.op(LCMP);
                    c.jump(IFNE, ifNot);
                }
                default -> throw new IllegalStateException("not compiled: " + pat);
            }
        }
    }
}
