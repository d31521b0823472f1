package beamscope.elixir;

import beamscope.elixir.Insn.Ev;
import beamscope.elixir.Insn.Pat;
import beamscope.runtime.Atom;
import beamscope.runtime.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles Elixir's quoted form (as {@code Code.string_to_quoted!/2} gives it) to {@link Fn}s. Variables
 * become slots; everything that cannot suspend or call Elixir code becomes one {@link Ev} tree; calls,
 * receive, case, try and the other control forms become instructions. Some forms are first rewritten to
 * others, as Elixir's own compiler does: {@code |>}, {@code &} captures, {@code for}, {@code with},
 * {@code unless}.
 */
final class Compiler {
    private static final Atom DO = Atom.of("do"), ELSE = Atom.of("else"), AFTER = Atom.of("after"),
            RESCUE = Atom.of("rescue"), CATCH = Atom.of("catch"), LINE = Atom.of("line"), COLUMN = Atom.of("column"),
            ARROW = Atom.of("->"), WHEN = Atom.of("when"), INTO = Atom.of("into"), NO_PARENS = Atom.of("no_parens");

    final Elixir elixir;
    final String file;

    Compiler(Elixir elixir, String file) {
        this.elixir = elixir;
        this.file = file;
    }

    // ---------------------------------------------------------------- contexts

    /** The module being compiled (or the script's top level). */
    static final class Mod {
        final String name;                 // "Counter"; null at top level
        Atom atom = Atom.NIL;              // Elixir.Counter
        final Set<String> defs = new HashSet<>();
        final Map<String, Object> attrs = new HashMap<>();
        final Map<String, Atom> aliases = new HashMap<>();

        Mod(String name) {
            this.name = name;
        }
    }

    /** A function under construction: its code, slots and the variables in scope. */
    final class FnB {
        final FnB parent;
        final Fn fn;
        final Mod mod;
        final List<Insn> code = new ArrayList<>();
        Map<String, Integer> scope = new HashMap<>();
        final List<int[]> captures = new ArrayList<>(); // {outer slot, inner slot}
        int nslots;

        FnB(FnB parent, Fn fn, Mod mod) {
            this.parent = parent;
            this.fn = fn;
            this.mod = mod;
            this.nslots = fn.arity;
        }

        int slot() {
            return nslots++;
        }

        Integer lookup(String name) {
            Integer s = scope.get(name);
            if (s != null || parent == null) return s;
            Integer outer = parent.lookup(name);
            if (outer == null) return null;
            int inner = slot();
            captures.add(new int[] {outer, inner});
            scope.put(name, inner);
            return inner;
        }

        int emit(Insn in) {
            code.add(in);
            return code.size() - 1;
        }

        int here() {
            return code.size();
        }

        Fn finish() {
            fn.nslots = nslots;
            Insn[] c = code.toArray(new Insn[0]);
            // a pure value returned: one instruction (the Return stays, for jumps that land on it)
            for (int i = 0; i + 1 < c.length; i++) if (c[i] instanceof Insn.Push p && c[i + 1] instanceof Insn.Return) c[i] = new Insn.ReturnValue(p.ev());
            fn.code(c);
            fn.file = file;
            int[] env = new int[captures.size()];
            for (int i = 0; i < env.length; i++) env[i] = captures.get(i)[1];
            fn.envSlots = env;
            return fn;
        }
    }

    private FnB b; // the function being compiled

    /** While a module compiles: what its Evs and Pats do, for the JIT tier (see {@link Jit}). */
    private Map<Object, Jit.Shape> shapes;

    /** Notes what {@code x} (an Ev or a Pat) does, for the JIT tier. */
    private <T> T shaped(T x, Jit.Shape shape) {
        if (shapes != null) shapes.put(x, shape);
        return x;
    }

    // ---------------------------------------------------------------- quoted-form helpers

    static boolean isCall(Object q) {
        return q instanceof Tuple t && t.size() == 3 && t.get(1) instanceof List;
    }

    static Object op(Object q) {
        return ((Tuple) q).get(0);
    }

    static List<?> meta(Object q) {
        return (List<?>) ((Tuple) q).get(1);
    }

    @SuppressWarnings("unchecked")
    static List<Object> args(Object q) {
        Object a = ((Tuple) q).get(2);
        return a instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static boolean isVar(Object q) {
        return isCall(q) && op(q) instanceof Atom && ((Tuple) q).get(2) instanceof Atom;
    }

    static String varName(Object q) {
        return ((Atom) op(q)).name();
    }

    static boolean is(Object q, String opName) {
        return isCall(q) && op(q) instanceof Atom a && a.name().equals(opName);
    }

    static int metaInt(Object q, Atom key) {
        if (!isCall(q)) return 0;
        for (Object o : meta(q)) if (o instanceof Tuple t && t.get(0) == key && t.get(1) instanceof Long l) return l.intValue();
        return 0;
    }

    static boolean metaFlag(Object q, Atom key) {
        if (!isCall(q)) return false;
        for (Object o : meta(q)) if (o instanceof Tuple t && t.get(0) == key) return t.get(1) == Atom.TRUE;
        return false;
    }

    CompileError error(Object q, String message) {
        return new CompileError(file, metaInt(q, LINE), metaInt(q, COLUMN), message);
    }

    /** As Elixir 1.14 says it (with the line, without a column), at the top level or in a module. */
    CompileError undefinedFunction(Object q, String name, int arity) {
        String why = b.mod.name == null ? "there is no such import"
                : "expected " + b.mod.name + " to define such a function or for it to be imported, but none are available";
        return new CompileError(file, metaInt(q, LINE), 0, "undefined function " + name + "/" + arity + " (" + why + ")");
    }

    CompileError unsupported(Object q, String what) {
        return error(q, "not supported yet: " + what);
    }

    /** The keyword list {@code [do: ..., else: ...]} as a map; a missing key is absent. */
    static Map<Atom, Object> keywords(Object kw) {
        Map<Atom, Object> m = new LinkedHashMap<>();
        if (kw instanceof List<?> l) for (Object o : l) if (o instanceof Tuple t && t.size() == 2 && t.get(0) instanceof Atom a) m.put(a, t.get(1));
        return m;
    }

    static Tuple call(String op, Object meta, List<Object> args) {
        return Tuple.of(Atom.of(op), meta, args);
    }

    static Tuple var(String name) {
        return Tuple.of(Atom.of(name), List.of(), Atom.of("beamscope"));
    }

    static Tuple remote(Atom module, String fun, List<Object> args) {
        return Tuple.of(Tuple.of(Atom.of("."), List.of(), List.of(module, Atom.of(fun))), List.of(), args);
    }

    static Tuple clause(List<Object> patterns, Object body) {
        return Tuple.of(ARROW, List.of(), List.of(patterns, body));
    }

    static List<Object> bodyList(Object body) {
        if (is(body, "__block__")) return args(body);
        return List.of(body);
    }

    /** The module atom an alias names, with the module's aliases applied. */
    Atom aliasAtom(Object q) {
        List<Object> parts = args(q);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        if (!parts.isEmpty() && is(parts.get(0), "__MODULE__")) {
            sb.append(b.mod.name);
            i = 1;
        } else if (!parts.isEmpty() && parts.get(0) instanceof Atom first && !first.name().startsWith("Elixir.")) {
            Atom a = b.mod.aliases.get(first.name());
            sb.append(a != null ? Values.moduleName(a) : first.name());
            i = 1;
        }
        for (; i < parts.size(); i++) {
            Object p = parts.get(i);
            if (!(p instanceof Atom a)) throw unsupported(q, "this alias");
            if (sb.length() > 0) sb.append('.');
            sb.append(a.name());
        }
        return Values.alias(sb.toString());
    }

    // ---------------------------------------------------------------- scripts and modules

    /** The script's top level as a function of no arguments; its modules are defined as they compile. */
    Fn script(Object quoted, Map<String, Integer> shellVars) {
        Mod top = new Mod(null);
        Fn fn = new Fn(null, "__FILE__", 0, false);
        b = new FnB(null, fn, top);
        if (shellVars != null) {
            b.nslots = 0;
            for (var e : shellVars.entrySet()) b.scope.put(e.getKey(), e.getValue());
            b.nslots = shellVars.size();
        }
        List<Object> forms = bodyList(quoted);
        if (forms.isEmpty()) forms = List.of(Atom.NIL);
        for (int i = 0; i < forms.size(); i++) {
            emit(forms.get(i), false);
            if (i < forms.size() - 1) b.emit(new Insn.Drop());
        }
        b.emit(new Insn.Return());
        if (shellVars != null) {
            shellVars.clear();
            shellVars.putAll(b.scope);
        }
        return b.finish();
    }

    /** {@code defmodule}: compiles the module and installs it now (as Elixir does when it reaches it). */
    private Atom defmodule(Object q, Mod outer) {
        List<Object> a = args(q);
        Atom moduleAtom;
        String n;
        if (a.get(0) instanceof Atom at) {
            moduleAtom = at;
            n = Values.moduleName(at);
        } else {
            n = Values.moduleName(aliasAtom(a.get(0)));
            if (outer.name != null && !(args(a.get(0)).get(0) instanceof Tuple)) {
                String shortName = ((Atom) args(a.get(0)).get(0)).name();
                n = outer.name + "." + n;
                outer.aliases.put(shortName, Values.alias(outer.name + "." + shortName));
            }
            moduleAtom = Values.alias(n);
        }
        Mod mod = new Mod(n);
        mod.atom = moduleAtom;
        mod.aliases.putAll(outer.aliases);
        Object body = keywords(a.get(1)).get(DO);
        List<Object> forms = body == null ? List.of() : bodyList(body);
        ElixirModule em = new ElixirModule(moduleAtom);
        FnB saved = b;
        Map<Object, Jit.Shape> savedShapes = shapes;
        shapes = new java.util.IdentityHashMap<>();
        b = new FnB(null, new Fn(n, "__MODULE__", 0, false), mod);
        try {
            // First pass: which functions exist, so calls between them compile as local calls.
            for (Object f : forms) {
                if (is(f, "def") || is(f, "defp")) {
                    Object head = args(f).get(0);
                    if (is(head, "when")) head = args(head).get(0);
                    int arity = args(head).size();
                    int defaults = 0;
                    for (Object p : args(head)) if (is(p, "\\\\")) defaults++;
                    for (int k = arity - defaults; k <= arity; k++) mod.defs.add(varName(head) + "/" + k);
                }
            }
            Map<String, List<Object>> clauses = new LinkedHashMap<>();
            Map<String, List<Object>> defaultsOf = new HashMap<>();
            for (Object f : forms) moduleForm(f, mod, em, clauses, defaultsOf);
            for (var e : clauses.entrySet()) {
                String key = e.getKey();
                int slash = key.lastIndexOf('/');
                em.functions.put(key, function(mod, key.substring(0, slash), Integer.parseInt(key.substring(slash + 1)), e.getValue()));
            }
            for (var e : defaultsOf.entrySet()) defaultArities(mod, em, e.getKey(), e.getValue());
            if (elixir.jit()) Jit.compile(moduleAtom, em.functions, shapes);
        } finally {
            b = saved;
            shapes = savedShapes;
        }
        elixir.define(em);
        return moduleAtom;
    }

    private void moduleForm(Object f, Mod mod, ElixirModule em, Map<String, List<Object>> clauses, Map<String, List<Object>> defaultsOf) {
        if (is(f, "def") || is(f, "defp")) {
            List<Object> a = args(f);
            Object head = a.get(0);
            Object guard = null;
            if (is(head, "when")) {
                guard = args(head).get(1);
                head = args(head).get(0);
            }
            String name = varName(head);
            List<Object> params = new ArrayList<>(args(head));
            boolean hasDefaults = false;
            for (Object p : params) if (is(p, "\\\\")) hasDefaults = true;
            if (hasDefaults) defaultsOf.put(name + "/" + params.size(), new ArrayList<>(params));
            for (int i = 0; i < params.size(); i++) if (is(params.get(i), "\\\\")) params.set(i, args(params.get(i)).get(0));
            if (a.size() < 2) return; // a bodiless head declares defaults only
            Map<Atom, Object> kw = keywords(a.get(1));
            Object body = kw.get(DO);
            if (kw.containsKey(RESCUE) || kw.containsKey(CATCH) || kw.containsKey(AFTER)) {
                body = Tuple.of(Atom.of("try"), meta(f), List.of(a.get(1)));
            }
            clauses.computeIfAbsent(name + "/" + params.size(), k -> new ArrayList<>())
                    .add(Tuple.of(params, guard, body, f));
            return;
        }
        if (is(f, "@")) {
            Object inner = args(f).get(0);
            String attr = varName(inner);
            List<Object> v = args(inner);
            if (v.isEmpty() || Set.of("impl", "doc", "moduledoc", "spec", "typedoc", "behaviour", "callback", "type", "typep", "opaque").contains(attr)) return;
            mod.attrs.put(attr, constant(v.get(0)));
            return;
        }
        if (is(f, "use")) {
            Atom used = aliasAtom(args(f).get(0));
            em.uses = used;
            em.useOpts = args(f).size() > 1 ? constant(args(f).get(1)) : List.of();
            return;
        }
        if (is(f, "defstruct")) {
            Object fields = constant(args(f).get(0));
            Map<Object, Object> defaults = new LinkedHashMap<>();
            for (Object o : (List<?>) fields) {
                if (o instanceof Tuple t) defaults.put(t.get(0), t.get(1));
                else defaults.put(o, Atom.NIL);
            }
            Format.structFields(em.name, new ArrayList<>(defaults.keySet()));
            defaults.put(Values.STRUCT, em.name);
            em.struct = Collections.unmodifiableMap(defaults);
            return;
        }
        if (is(f, "defexception")) {
            Object fields = constant(args(f).get(0));
            Map<Object, Object> defaults = new LinkedHashMap<>();
            for (Object o : (List<?>) fields) {
                if (o instanceof Tuple t) defaults.put(t.get(0), t.get(1));
                else defaults.put(o, Atom.NIL);
            }
            defaults.put(Values.STRUCT, em.name);
            defaults.put(Values.EXCEPTION, Atom.TRUE);
            em.struct = Collections.unmodifiableMap(defaults);
            return;
        }
        if (is(f, "alias")) {
            Atom target = aliasAtom(args(f).get(0));
            Map<Atom, Object> opts = args(f).size() > 1 ? keywords(args(f).get(1)) : Map.of();
            String full = Values.moduleName(target);
            String as = opts.get(Atom.of("as")) != null ? Values.moduleName(aliasAtom(opts.get(Atom.of("as")))) : full.substring(full.lastIndexOf('.') + 1);
            mod.aliases.put(as, target);
            return;
        }
        if (is(f, "require") || is(f, "import") || is(f, "@moduledoc")) return;
        if (is(f, "defmodule")) {
            defmodule(f, mod);
            return;
        }
        if (is(f, "__block__")) {
            for (Object g : args(f)) moduleForm(g, mod, em, clauses, defaultsOf);
            return;
        }
        if (is(f, "defmacro") || is(f, "defmacrop")) throw unsupported(f, "macros (defmacro)");
        if (is(f, "defdelegate")) throw unsupported(f, "defdelegate");
        throw unsupported(f, "this expression in a module body");
    }

    /** A module attribute's value: evaluated at compile time, as Elixir does. */
    private Object constant(Object q) {
        FnB saved = b;
        b = new FnB(null, new Fn(saved.mod.name, "__attr__", 0, false), saved.mod);
        try {
            Ev e = ev(q);
            if (!b.code.isEmpty()) throw unsupported(q, "a module attribute that calls functions");
            return e.ev(new Object[b.nslots], null);
        } finally {
            b = saved;
        }
    }

    /**
     * A clause's argument patterns. A plain variable seen first here names the argument's own slot (no copy,
     * no match: its pattern is null); {@code _} matches without a test (null too).
     */
    private Pat[] argPatterns(List<Object> params, int arity, Set<String> bound) {
        Pat[] pats = new Pat[arity];
        for (int i = 0; i < arity; i++) {
            Object q = params.get(i);
            if (isVar(q) && !bound.contains(varName(q)) && !varName(q).equals("__MODULE__")) {
                String n = varName(q);
                if (!n.equals("_")) {
                    b.scope.put(n, i);
                    bound.add(n);
                }
                continue;
            }
            pats[i] = pattern(q, bound);
        }
        return pats;
    }

    /** The test at {@code at} of a clause's arguments; one that always holds (plain variables, no guard) is a jump to the body. */
    private static Insn argsTest(Pat[] pats, Ev guard, int at, int fail) {
        boolean trivial = guard == null;
        for (Pat p : pats) if (p != null) trivial = false;
        return trivial ? new Insn.Jump(at + 1) : new Insn.MatchArgs(pats, guard, fail);
    }

    /** Compiles every clause of {@code name/arity} into one function. */
    private Fn function(Mod mod, String name, int arity, List<Object> clauses) {
        FnB saved = b;
        b = new FnB(null, new Fn(mod.name, name, arity, false), mod);
        try {
            for (Object c : clauses) {
                Tuple t = (Tuple) c;
                @SuppressWarnings("unchecked")
                List<Object> params = (List<Object>) t.get(0);
                Map<String, Integer> save = b.scope;
                b.scope = new HashMap<>(save);
                Set<String> bound = new HashSet<>();
                Pat[] pats = argPatterns(params, arity, bound);
                Ev g = t.get(1) == null ? null : ev(t.get(1));
                int test = b.emit(null);
                emit(t.get(2) == null ? Atom.NIL : t.get(2), true);
                b.emit(new Insn.Return());
                b.code.set(test, argsTest(pats, g, test, b.here()));
                b.scope = save;
            }
            b.emit(new Insn.Push((s, m) -> Atom.NIL));
            // the line where the first clause starts: the stack trace's frame names it, as the BEAM's does
            b.emit(new Insn.Fail(Errors.FUNCTION_CLAUSE, clauses.isEmpty() ? 0 : metaInt(((Tuple) clauses.get(0)).get(3), LINE)));
            return b.finish();
        } finally {
            b = saved;
        }
    }

    /** {@code def f(a, b \\ 2)}: f/1 calls f/2 with the default. */
    private void defaultArities(Mod mod, ElixirModule em, String key, List<Object> params) {
        int full = params.size();
        String name = key.substring(0, key.lastIndexOf('/'));
        int required = 0;
        for (Object p : params) if (!is(p, "\\\\")) required++;
        for (int k = required; k < full; k++) {
            List<Object> formals = new ArrayList<>();
            List<Object> actuals = new ArrayList<>();
            int given = 0;
            int optionalTaken = 0;
            int optionalAllowed = k - required;
            for (int i = 0; i < full; i++) {
                Object p = params.get(i);
                if (is(p, "\\\\")) {
                    if (optionalTaken < optionalAllowed) {
                        Tuple v = var("arg$" + i);
                        formals.add(v);
                        actuals.add(v);
                        optionalTaken++;
                    } else {
                        actuals.add(args(p).get(1));
                    }
                } else {
                    Tuple v = var("arg$" + i);
                    formals.add(v);
                    actuals.add(v);
                }
                given++;
            }
            Object body = Tuple.of(Atom.of(name), List.of(), actuals);
            em.functions.put(name + "/" + k, function(mod, name, k, List.of(Tuple.of(formals, null, body, body))));
        }
    }

    // ---------------------------------------------------------------- patterns

    Pat pattern(Object q, Set<String> bound) {
        if (q instanceof Atom || q instanceof Long || q instanceof Double || q instanceof String || q instanceof java.math.BigInteger) {
            Object lit = q;
            return shaped((Pat) (v, s, m) -> Values.strictEq(lit, v), new Jit.Equal(lit));
        }
        if (q instanceof List<?> l) return listPattern(l, bound);
        if (q instanceof Tuple t && t.size() == 2) {
            Pat p0 = pattern(t.get(0), bound), p1 = pattern(t.get(1), bound);
            return (v, s, m) -> v instanceof Tuple x && x.size() == 2 && p0.match(x.get(0), s, m) && p1.match(x.get(1), s, m);
        }
        if (isVar(q)) {
            String n = varName(q);
            if (n.equals("_")) return shaped((Pat) (v, s, m) -> true, new Jit.Any());
            if (bound.contains(n)) {
                int k = b.scope.get(n);
                return shaped((Pat) (v, s, m) -> Values.strictEq(s[k], v), new Jit.SlotEqual(k));
            }
            int k = b.slot();
            b.scope.put(n, k);
            bound.add(n);
            return shaped((Pat) (v, s, m) -> {
                s[k] = v;
                return true;
            }, new Jit.Bind(k));
        }
        if (!isCall(q)) throw unsupported(q, "this pattern");
        Object op = op(q);
        List<Object> a = args(q);
        if (op instanceof Atom o) {
            switch (o.name()) {
                case "^" -> {
                    Integer k = b.lookup(varName(a.get(0)));
                    if (k == null) throw new CompileError(file, metaInt(q, LINE), 0, "undefined variable ^" + varName(a.get(0))
                            + ". No variable \"" + varName(a.get(0)) + "\" has been defined before the current pattern");
                    int slot = k;
                    return shaped((Pat) (v, s, m) -> Values.strictEq(s[slot], v), new Jit.SlotEqual(slot));
                }
                case "{}" -> {
                    Pat[] ps = new Pat[a.size()];
                    for (int i = 0; i < ps.length; i++) ps[i] = pattern(a.get(i), bound);
                    return (v, s, m) -> {
                        if (!(v instanceof Tuple x) || x.size() != ps.length) return false;
                        for (int i = 0; i < ps.length; i++) if (!ps[i].match(x.get(i), s, m)) return false;
                        return true;
                    };
                }
                case "=" -> {
                    Pat p0 = pattern(a.get(0), bound), p1 = pattern(a.get(1), bound);
                    return (v, s, m) -> p0.match(v, s, m) && p1.match(v, s, m);
                }
                case "%{}" -> {
                    return mapPattern(a, null, bound);
                }
                case "%" -> {
                    Object structName = a.get(0);
                    Pat namePat;
                    if (is(structName, "__aliases__") || is(structName, "__MODULE__")) {
                        Atom sn = is(structName, "__MODULE__") ? b.mod.atom : aliasAtom(structName);
                        namePat = (v, s, m) -> v == sn;
                    } else {
                        namePat = pattern(structName, bound);
                    }
                    return mapPattern(args(a.get(1)), namePat, bound);
                }
                case "++" -> {
                    if (!(a.get(0) instanceof List<?> prefix)) throw unsupported(q, "a ++ pattern whose left side is not a literal list");
                    List<Object> whole = new ArrayList<>(prefix);
                    if (whole.isEmpty()) return pattern(a.get(1), bound);
                    Object last = whole.remove(whole.size() - 1);
                    whole.add(Tuple.of(Atom.of("|"), List.of(), List.of(last, a.get(1))));
                    return listPattern(whole, bound);
                }
                case "<>" -> {
                    if (!(a.get(0) instanceof String prefix)) throw unsupported(q, "a binary pattern whose prefix is not a literal string");
                    Pat rest = pattern(a.get(1), bound);
                    return (v, s, m) -> v instanceof String str && str.startsWith(prefix) && rest.match(str.substring(prefix.length()), s, m);
                }
                case "-" -> {
                    if (a.size() == 1 && Values.isNum(a.get(0))) {
                        Object lit = Values.neg(a.get(0));
                        return (v, s, m) -> Values.strictEq(lit, v);
                    }
                }
                case "@" -> {
                    Object lit = attribute(q);
                    return (v, s, m) -> Values.strictEq(lit, v);
                }
                case "__MODULE__" -> {
                    Atom lit = b.mod.atom;
                    return (v, s, m) -> v == lit;
                }
                case "__aliases__" -> {
                    Atom lit = aliasAtom(q);
                    return (v, s, m) -> v == lit;
                }
                case "<<>>" -> {
                    if (a.size() == 1 && a.get(0) instanceof String str) return (v, s, m) -> str.equals(v);
                    return Bitstrings.pattern(this, q, a, bound);
                }
                case "when" -> throw unsupported(q, "a guard here");
                default -> { }
            }
        }
        throw unsupported(q, "this pattern (" + Format.inspect(op) + ")");
    }

    private Pat listPattern(List<?> l, Set<String> bound) {
        int n = l.size();
        Pat tail = null;
        List<Pat> heads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object e = l.get(i);
            if (i == n - 1 && is(e, "|")) {
                heads.add(pattern(args(e).get(0), bound));
                tail = pattern(args(e).get(1), bound);
            } else {
                heads.add(pattern(e, bound));
            }
        }
        Pat[] hs = heads.toArray(new Pat[0]);
        Pat t = tail;
        return (v, s, m) -> {
            if (!(v instanceof List<?> x)) return false;
            if (t == null ? x.size() != hs.length : x.size() < hs.length) return false;
            @SuppressWarnings("unchecked")
            List<Object> rest = (List<Object>) x;
            for (Pat h : hs) {
                Object head;
                if (rest instanceof Cons c) {
                    head = c.head;
                    rest = c.tail;
                } else {
                    head = rest.get(0);
                    rest = rest.subList(1, rest.size());
                }
                if (!h.match(head, s, m)) return false;
            }
            return t == null || t.match(rest, s, m);
        };
    }

    private Pat mapPattern(List<Object> pairs, Pat structName, Set<String> bound) {
        List<Object> keys = new ArrayList<>();
        List<Pat> vals = new ArrayList<>();
        for (Object p : pairs) {
            Tuple t = (Tuple) p;
            Object k = t.get(0);
            if (is(k, "^")) {
                int slot = b.lookup(varName(args(k).get(0)));
                keys.add(new int[] {slot});
            } else {
                keys.add(constant(k));
            }
            vals.add(pattern(t.get(1), bound));
        }
        Object[] ks = keys.toArray();
        Pat[] vs = vals.toArray(new Pat[0]);
        return (v, s, m) -> {
            if (!(v instanceof Map<?, ?> map)) return false;
            if (structName != null && !(map.get(Values.STRUCT) instanceof Atom a && structName.match(a, s, m))) return false;
            for (int i = 0; i < ks.length; i++) {
                Object key = ks[i] instanceof int[] slot ? s[slot[0]] : ks[i];
                Object x = map.get(key);
                if (x == null || !vs[i].match(x, s, m)) return false;
            }
            return true;
        };
    }

    private Object attribute(Object q) {
        String name = varName(args(q).get(0));
        Object v = b.mod.attrs.get(name);
        if (v == null) throw error(q, "module attribute @" + name + " was not set");
        return v;
    }

    // ---------------------------------------------------------------- expressions with control flow

    /** Emits code that leaves the value of {@code q} on the stack. */
    void emit(Object q, boolean tail) {
        q = desugar(q);
        if (!isCall(q)) {
            b.emit(new Insn.Push(ev(q)));
            return;
        }
        Object op = op(q);
        List<Object> a = args(q);
        if (op instanceof Atom o && !isVar(q)) {
            switch (o.name()) {
                case "__block__" -> {
                    if (a.isEmpty()) {
                        b.emit(new Insn.Push((s, m) -> Atom.NIL));
                        return;
                    }
                    for (int i = 0; i < a.size(); i++) {
                        emit(a.get(i), tail && i == a.size() - 1);
                        if (i < a.size() - 1) b.emit(new Insn.Drop());
                    }
                    return;
                }
                case "=" -> {
                    if (!impure(a.get(1)) && !impure(a.get(0))) break;
                    emit(a.get(1), false);
                    Pat p = pattern(a.get(0), new HashSet<>());
                    b.emit(new Insn.Match(p, metaInt(q, LINE)));
                    return;
                }
                case "case" -> {
                    emit(a.get(0), false);
                    clauses(clauseList(keywords(a.get(1)).get(DO)), tail, Errors.CASE_CLAUSE);
                    return;
                }
                case "if" -> {
                    Map<Atom, Object> kw = keywords(a.get(1));
                    emit(a.get(0), false);
                    int jf = b.emit(null);
                    scoped(kw.getOrDefault(DO, Atom.NIL), tail);
                    int j = b.emit(null);
                    b.code.set(jf, new Insn.JumpIfFalsy(b.here()));
                    scoped(kw.getOrDefault(ELSE, Atom.NIL), tail);
                    b.code.set(j, new Insn.Jump(b.here()));
                    return;
                }
                case "cond" -> {
                    List<Integer> ends = new ArrayList<>();
                    for (Object c : clauseList(keywords(a.get(0)).get(DO))) {
                        Object cond = ((List<?>) args(c).get(0)).get(0);
                        emit(cond, false);
                        int jf = b.emit(null);
                        scoped(args(c).get(1), tail);
                        ends.add(b.emit(null));
                        b.code.set(jf, new Insn.JumpIfFalsy(b.here()));
                    }
                    b.emit(new Insn.Push((s, m) -> Atom.NIL));
                    b.emit(new Insn.Fail(Errors.COND_CLAUSE, metaInt(q, LINE)));
                    for (int e : ends) b.code.set(e, new Insn.Jump(b.here()));
                    return;
                }
                case "receive" -> {
                    receive(q, tail);
                    return;
                }
                case "__with_else__" -> {
                    emit(a.get(0), tail);
                    return;
                }
                case "try" -> {
                    tryForm(q, tail);
                    return;
                }
                case "&&", "and", "||", "or" -> {
                    if (!impure(a.get(1))) break;
                    boolean and = o.name().equals("&&") || o.name().equals("and");
                    emit(a.get(0), false);
                    int t = b.slot();
                    b.emit(new Insn.Match((v, s, m) -> {
                        s[t] = v;
                        return true;
                    }, 0));
                    int jf = b.emit(null);
                    // truthy: for && evaluate the right side, for || keep the value
                    if (and) emit(a.get(1), tail);
                    else b.emit(new Insn.Push((s, m) -> s[t]));
                    int j = b.emit(null);
                    b.code.set(jf, new Insn.JumpIfFalsy(b.here()));
                    if (and) b.emit(new Insn.Push((s, m) -> s[t]));
                    else emit(a.get(1), tail);
                    b.code.set(j, new Insn.Jump(b.here()));
                    return;
                }
                case "defmodule" -> {
                    if (b.parent != null || b.mod.name != null && !b.fn.name.equals("__FILE__")) throw unsupported(q, "defmodule inside a function");
                    Atom name = defmodule(q, b.mod);
                    Tuple result = Tuple.of(Atom.of("module"), name, Atom.NIL, Atom.NIL);
                    b.emit(new Insn.Push((s, m) -> result));
                    return;
                }
                case "apply" -> {
                    if (a.size() == 3) {
                        for (Object x : a) emit(x, false);
                        b.emit(new Insn.ApplyMfa(tail));
                        if (tail) b.emit(new Insn.Return());
                        return;
                    }
                    if (a.size() == 2) {
                        emit(a.get(0), false);
                        emit(a.get(1), false);
                        Insn.Target t = new Insn.Target(Atom.of("Elixir.Beamscope.Prelude"), "apply_fun", 2);
                        b.emit(new Insn.Call(t, 2, tail));
                        if (tail) b.emit(new Insn.Return());
                        return;
                    }
                }
                default -> { }
            }
            // a local call to a function of this module or of the Elixir prelude's Kernel
            if (!isVar(q)) {
                Insn.Target t = localTarget(o.name(), a.size());
                if (t != null) {
                    emitCall(t, a, tail);
                    return;
                }
            }
        }
        if (isVar(q) && b.lookup(varName(q)) == null) {
            Insn.Target t = localTarget(varName(q), 0);
            if (t != null) {
                b.emit(new Insn.Call(t, 0, tail));
                if (tail) b.emit(new Insn.Return());
                return;
            }
        }
        if (op instanceof Tuple dot && is(dot, ".")) {
            List<Object> da = args(dot);
            if (da.size() == 1) { // f.(args)
                emit(da.get(0), false);
                for (Object x : a) emit(x, false);
                b.emit(new Insn.Apply(a.size(), tail, metaInt(q, LINE)));
                if (tail) b.emit(new Insn.Return());
                return;
            }
            Atom module = moduleOf(da.get(0));
            if (module == null && isDynamicCall(q)) { // mod.fun(args) with mod a value
                emit(da.get(0), false);
                Object fun = da.get(1);
                b.emit(new Insn.Push((s, m) -> fun));
                emit(new ArrayList<>(a), false);
                b.emit(new Insn.ApplyMfa(tail));
                if (tail) b.emit(new Insn.Return());
                return;
            }
            if (module != null && da.get(1) instanceof Atom fun) {
                if (!elixir.isLeaf(module, fun.name(), a.size())) {
                    if (module.name().equals("Elixir.HTTPoison")) {
                        b.emit(new Insn.Push((s, m) -> {
                            throw ElixirError.raise("RuntimeError", "HTTPoison is not available in Beamscope (no network)");
                        }));
                        return;
                    }
                    emitCall(new Insn.Target(module, fun.name(), a.size()), a, tail);
                    return;
                }
            }
        }
        b.emit(new Insn.Push(ev(q)));
    }

    /** A call of a named function: pure arguments go straight into the callee's slots, others via the stack. */
    private void emitCall(Insn.Target t, List<Object> a, boolean tail) {
        boolean pure = true;
        for (Object x : a) if (impure(x)) pure = false;
        if (pure) {
            Ev[] es = new Ev[a.size()];
            for (int i = 0; i < es.length; i++) es[i] = ev(a.get(i));
            b.emit(new Insn.Call(t, a.size(), tail, es));
        } else {
            for (Object x : a) emit(x, false);
            b.emit(new Insn.Call(t, a.size(), tail));
        }
        if (tail) b.emit(new Insn.Return());
    }

    /** A body in its own scope: bindings inside do not leak out. */
    private void scoped(Object body, boolean tail) {
        Map<String, Integer> save = b.scope;
        b.scope = new HashMap<>(save);
        emit(body, tail);
        b.scope = save;
    }

    private Atom moduleOf(Object q) {
        if (q instanceof Atom a) return a;
        if (is(q, "__aliases__")) return aliasAtom(q);
        if (is(q, "__MODULE__")) return b.mod.atom;
        return null;
    }

    /** The target of a local call {@code name(args)}, or null when it is a built-in. */
    private Insn.Target localTarget(String name, int arity) {
        if (b.mod.defs.contains(name + "/" + arity)) return new Insn.Target(b.mod.atom, name, arity);
        if (elixir.preludeKernel(name, arity)) return new Insn.Target(Values.alias("Kernel"), name, arity);
        return null;
    }

    static List<Object> clauseList(Object q) {
        if (q instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) l;
            return r;
        }
        return List.of();
    }

    /** Case-like clauses on the value on top of the stack. */
    private void clauses(List<Object> cs, boolean tail, Atom failure) {
        List<Integer> ends = new ArrayList<>();
        for (Object c : cs) {
            List<Object> ca = args(c);
            Object head = ((List<?>) ca.get(0)).get(0);
            Map<String, Integer> save = b.scope;
            b.scope = new HashMap<>(save);
            Object guard = null;
            if (is(head, "when")) {
                guard = args(head).get(1);
                head = args(head).get(0);
            }
            Pat p = pattern(head, new HashSet<>());
            Ev g = guard == null ? null : ev(guard);
            int test = b.emit(null);
            emit(ca.get(1), tail);
            ends.add(b.emit(null));
            b.code.set(test, new Insn.Test(p, g, b.here()));
            b.scope = save;
        }
        b.emit(new Insn.Fail(failure, 0));
        for (int e : ends) b.code.set(e, new Insn.Jump(b.here()));
    }

    private void receive(Object q, boolean tail) {
        Map<Atom, Object> kw = keywords(args(q).get(0));
        List<Object> cs = clauseList(kw.get(DO));
        Object after = kw.get(AFTER);
        Object afterClause = after == null ? null : clauseList(after).get(0);
        Ev timeout = null;
        if (afterClause != null) {
            Object t = ((List<?>) args(afterClause).get(0)).get(0);
            if (impure(t)) emit(t, false);
            else timeout = ev(t);
        }
        int at = b.emit(null);
        Pat[] pats = new Pat[cs.size()];
        Ev[] guards = new Ev[cs.size()];
        int[] bodies = new int[cs.size()];
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            List<Object> ca = args(cs.get(i));
            Object head = ((List<?>) ca.get(0)).get(0);
            Map<String, Integer> save = b.scope;
            b.scope = new HashMap<>(save);
            Object guard = null;
            if (is(head, "when")) {
                guard = args(head).get(1);
                head = args(head).get(0);
            }
            pats[i] = pattern(head, new HashSet<>());
            guards[i] = guard == null ? null : ev(guard);
            bodies[i] = b.here();
            emit(ca.get(1), tail);
            ends.add(b.emit(null));
            b.scope = save;
        }
        int afterPc = -1;
        if (afterClause != null) {
            afterPc = b.here();
            scoped(args(afterClause).get(1), tail);
        }
        for (int e : ends) b.code.set(e, new Insn.Jump(b.here()));
        b.code.set(at, new Insn.Receive(pats, guards, bodies, afterPc, timeout));
    }

    private static final Atom KIND_ERROR = Atom.of("error"), KIND_THROW = Atom.of("throw"), KIND_EXIT = Atom.of("exit");

    private void tryForm(Object q, boolean tail) {
        Map<Atom, Object> kw = keywords(args(q).get(0));
        Object after = kw.get(AFTER);
        int outer = -1;
        if (after != null) outer = b.emit(null);
        int begin = b.emit(null);
        scoped(kw.getOrDefault(DO, Atom.NIL), false);
        b.emit(new Insn.TryEnd());
        if (kw.containsKey(ELSE)) clauses(clauseList(kw.get(ELSE)), false, Errors.TRY_CLAUSE);
        int j = b.emit(null);
        b.code.set(begin, new Insn.TryBegin(b.here()));
        // the handler: {kind, value, stacktrace} is on the stack
        List<Integer> ends = new ArrayList<>();
        for (Object c : clauseList(kw.get(RESCUE))) {
            List<Object> ca = args(c);
            Object head = ((List<?>) ca.get(0)).get(0);
            Map<String, Integer> save = b.scope;
            b.scope = new HashMap<>(save);
            Pat p = rescuePattern(head);
            int test = b.emit(null);
            emit(ca.get(1), false);
            ends.add(b.emit(null));
            b.code.set(test, new Insn.Test(p, null, b.here()));
            b.scope = save;
        }
        for (Object c : clauseList(kw.get(CATCH))) {
            List<Object> ca = args(c);
            List<?> heads = (List<?>) ca.get(0);
            Map<String, Integer> save = b.scope;
            b.scope = new HashMap<>(save);
            Object kindQ = heads.size() == 2 ? heads.get(0) : KIND_THROW;
            Object valQ = heads.size() == 2 ? heads.get(1) : heads.get(0);
            Ev g = null;
            if (is(valQ, "when")) {
                g = null;
                Object guard = args(valQ).get(1);
                valQ = args(valQ).get(0);
                Set<String> bound = new HashSet<>();
                Pat pk = pattern(kindQ, bound), pv = pattern(valQ, bound);
                g = ev(guard);
                Pat p = (v, s, m) -> v instanceof Tuple t && pk.match(t.get(0), s, m) && pv.match(t.get(1), s, m);
                int test = b.emit(null);
                emit(ca.get(1), false);
                ends.add(b.emit(null));
                b.code.set(test, new Insn.Test(p, g, b.here()));
            } else {
                Set<String> bound = new HashSet<>();
                Pat pk = pattern(kindQ, bound), pv = pattern(valQ, bound);
                Pat p = (v, s, m) -> v instanceof Tuple t && pk.match(t.get(0), s, m) && pv.match(t.get(1), s, m);
                int test = b.emit(null);
                emit(ca.get(1), false);
                ends.add(b.emit(null));
                b.code.set(test, new Insn.Test(p, null, b.here()));
            }
            b.scope = save;
        }
        b.emit(new Insn.Reraise());
        for (int e : ends) b.code.set(e, new Insn.Jump(b.here()));
        b.code.set(j, new Insn.Jump(b.here()));
        if (after != null) {
            // normal completion: run `after`, keep the value; an exception: run `after`, raise it again
            b.emit(new Insn.TryEnd());
            scoped(after, false);
            b.emit(new Insn.Drop());
            int skip = b.emit(null);
            b.code.set(outer, new Insn.TryBegin(b.here()));
            scoped(after, false);
            b.emit(new Insn.Drop());
            b.emit(new Insn.Reraise());
            b.code.set(skip, new Insn.Jump(b.here()));
        }
    }

    /** {@code rescue e in [A, B]}, {@code rescue A}, {@code rescue e}: matches {:error, exception, _}. */
    private Pat rescuePattern(Object head) {
        Pat bind = null;
        List<Atom> modules = new ArrayList<>();
        Object what = head;
        if (is(head, "in")) {
            bind = pattern(args(head).get(0), new HashSet<>());
            what = args(head).get(1);
        } else if (isVar(head)) {
            bind = pattern(head, new HashSet<>());
            what = null;
        }
        if (what instanceof List<?> l) for (Object o : l) modules.add(moduleOf(o));
        else if (what != null) modules.add(moduleOf(what));
        Pat bp = bind;
        return (v, s, m) -> {
            if (!(v instanceof Tuple t) || t.get(0) != KIND_ERROR) return false;
            Object ex = t.get(1);
            if (!Values.isException(ex)) {
                ex = Values.exception("ErlangError", "Erlang error: " + Format.inspect(ex));
            }
            if (!modules.isEmpty() && !modules.contains(((Map<?, ?>) ex).get(Values.STRUCT))) return false;
            return bp == null || bp.match(ex, s, m);
        };
    }

    // ---------------------------------------------------------------- rewrites

    private int gensym;

    /** Rewrites {@code |>}, {@code unless}, {@code for}, {@code with} and {@code &} into simpler forms. */
    Object desugar(Object q) {
        if (!isCall(q)) return q;
        Object op = op(q);
        List<Object> a = args(q);
        if (op instanceof Atom o && !isVar(q)) {
            switch (o.name()) {
                case "|>" -> {
                    Object rhs = a.get(1);
                    if (!isCall(rhs)) throw unsupported(q, "this pipe");
                    List<Object> na = new ArrayList<>();
                    na.add(a.get(0));
                    na.addAll(args(rhs));
                    return desugar(Tuple.of(op(rhs), meta(rhs), na));
                }
                case "unless" -> {
                    Map<Atom, Object> kw = keywords(a.get(1));
                    List<Object> nkw = new ArrayList<>();
                    nkw.add(Tuple.of(DO, kw.getOrDefault(ELSE, Atom.NIL)));
                    nkw.add(Tuple.of(ELSE, kw.getOrDefault(DO, Atom.NIL)));
                    return Tuple.of(Atom.of("if"), meta(q), List.of(a.get(0), nkw));
                }
                case "for" -> {
                    return forRewrite(q);
                }
                case "match?" -> {
                    if (a.size() != 2) break;
                    Object pat = a.get(0);
                    return Tuple.of(Atom.of("case"), meta(q), List.of(a.get(1), List.of(Tuple.of(DO, List.of(
                            clause(List.of(pat), Atom.TRUE), clause(List.of(var("_")), Atom.FALSE))))));
                }
                case "put_in", "update_in", "get_in" -> {
                    // the macro forms put_in(a.b.c, v) / update_in(a.b.c, f) / get_in(a.b.c): the path as a key list
                    if (a.size() != (o.name().equals("get_in") ? 1 : 2)) break;
                    List<Object> keys = new ArrayList<>();
                    Object root = a.get(0);
                    while (isCall(root) && args(root).isEmpty() && isCall(op(root)) && is(op(root), ".")
                            && args(op(root)).size() == 2 && args(op(root)).get(1) instanceof Atom key) {
                        keys.add(0, key);
                        root = args(op(root)).get(0);
                    }
                    if (keys.isEmpty()) break;
                    List<Object> na = new ArrayList<>();
                    na.add(root);
                    na.add(List.copyOf(keys));
                    if (a.size() == 2) na.add(a.get(1));
                    return Tuple.of(o, meta(q), na);
                }
                case "with" -> {
                    return withRewrite(q);
                }
                case "&" -> {
                    return captureRewrite(q);
                }
                default -> { }
            }
        }
        return q;
    }

    private Object forRewrite(Object q) {
        List<Object> a = new ArrayList<>(args(q));
        Map<Atom, Object> opts = keywords(a.remove(a.size() - 1));
        if (!a.isEmpty() && a.get(a.size() - 1) instanceof List<?> more && Format.isKeywordList(more)) {
            opts.putAll(keywords(a.remove(a.size() - 1))); // for x <- xs, reduce: 0 do ... end: [reduce: 0], [do: ...]
        }
        Object body = opts.get(DO);
        if (opts.containsKey(Atom.of("reduce"))) {
            Tuple acc = var("for$acc" + gensym++);
            Object caseBody = Tuple.of(Atom.of("case"), List.of(), List.of(acc, List.of(Tuple.of(DO, body))));
            return Tuple.of(Atom.of("__block__"), List.of(), List.of(
                    Tuple.of(Atom.of("="), List.of(), List.of(acc, opts.get(Atom.of("reduce")))),
                    forReduce(a, 0, acc, caseBody)));
        }
        // as Elixir compiles it: a reduce that prepends each value, reversed at the end (no recursion as deep
        // as the list is long, one cons per value)
        Tuple acc = var("for$acc" + gensym++);
        Object prepend = List.of(Tuple.of(Atom.of("|"), List.of(), List.of(body, acc)));
        Object list = remote(Values.alias("Enum"), "reverse", List.of(Tuple.of(Atom.of("__block__"), List.of(), List.of(
                Tuple.of(Atom.of("="), List.of(), List.of(acc, List.of())),
                forReduce(a, 0, acc, prepend)))));
        if (opts.get(Atom.of("uniq")) == Atom.TRUE) list = remote(Values.alias("Enum"), "uniq", List.of(list));
        if (opts.containsKey(INTO)) list = remote(Values.alias("Enum"), "into", List.of(list, opts.get(INTO)));
        return list;
    }

    /** {@code for ..., reduce: init do acc -> ... end}: each generator a reduce over the accumulator {@code acc}. */
    private Object forReduce(List<Object> qs, int i, Tuple acc, Object body) {
        if (i == qs.size()) return body;
        Object qual = binaryGenerator(qs.get(i));
        Object rest = forReduce(qs, i + 1, acc, body);
        if (is(qual, "<-")) {
            Object pat = args(qual).get(0), enumerable = args(qual).get(1);
            Tuple x = var("for$" + gensym++);
            Object caseExpr = Tuple.of(Atom.of("case"), List.of(), List.of(x, List.of(Tuple.of(DO, List.of(
                    clause(List.of(pat), rest), clause(List.of(var("_")), acc))))));
            Object fn = Tuple.of(Atom.of("fn"), List.of(), List.of(clause(List.of(x, acc), caseExpr)));
            return remote(Values.alias("Enum"), "reduce", List.of(enumerable, acc, fn));
        }
        return Tuple.of(Atom.of("if"), List.of(), List.of(qual, List.of(Tuple.of(DO, rest), Tuple.of(ELSE, acc))));
    }

    /** {@code <<byte <- binary>>} as {@code byte <- :binary.bin_to_list(binary)}; other qualifiers as they are. */
    private Object binaryGenerator(Object qual) {
        if (is(qual, "<<>>") && args(qual).size() == 1 && is(args(qual).get(0), "<-")) {
            Object gen = args(qual).get(0);
            Object seg = args(gen).get(0);
            if (!isVar(seg) && !(seg instanceof Long)) throw unsupported(qual, "binary generators other than <<byte <- binary>>");
            return Tuple.of(Atom.of("<-"), meta(qual), List.of(seg, remote(Atom.of("binary"), "bin_to_list", List.of(args(gen).get(1)))));
        }
        return qual;
    }

    private Object withRewrite(Object q) {
        List<Object> a = new ArrayList<>(args(q));
        Map<Atom, Object> opts = keywords(a.remove(a.size() - 1));
        Object body = opts.get(DO);
        List<Object> elseClauses = clauseList(opts.get(ELSE));
        Object r = body;
        for (int i = a.size() - 1; i >= 0; i--) {
            Object qual = a.get(i);
            if (is(qual, "<-")) {
                Tuple other = var("with$" + gensym++);
                Object fallback = other;
                if (!elseClauses.isEmpty()) {
                    List<Object> cs = new ArrayList<>(elseClauses);
                    fallback = Tuple.of(Atom.of("case"), List.of(), List.of(other, List.of(Tuple.of(DO, cs))));
                    fallback = Tuple.of(Atom.of("__with_else__"), List.of(), List.of(fallback));
                }
                r = Tuple.of(Atom.of("case"), List.of(), List.of(args(qual).get(1), List.of(Tuple.of(DO, List.of(
                        clause(List.of(args(qual).get(0)), r), clause(List.of(other), fallback))))));
            } else {
                r = Tuple.of(Atom.of("__block__"), List.of(), List.of(qual, r));
            }
        }
        return r;
    }

    private Object captureRewrite(Object q) {
        Object body = args(q).get(0);
        if (body instanceof Long) throw unsupported(q, "&1 outside a capture");
        if (is(body, "/") && args(body).get(1) instanceof Long n) {
            Object target = args(body).get(0);
            List<Object> params = new ArrayList<>();
            for (int i = 1; i <= n; i++) params.add(var("cap$" + i));
            Object callee;
            if (isCall(target) && op(target) instanceof Tuple dot) {
                callee = Tuple.of(dot, List.of(), params);
            } else if (isCall(target) && op(target) instanceof Atom name) {
                callee = Tuple.of(name, List.of(), params);
            } else {
                throw unsupported(q, "this capture");
            }
            return Tuple.of(Atom.of("fn"), meta(q), List.of(clause(params, callee)));
        }
        int[] max = {0};
        Object nb = replaceArgs(body, max);
        List<Object> params = new ArrayList<>();
        for (int i = 1; i <= max[0]; i++) params.add(var("cap$" + i));
        return Tuple.of(Atom.of("fn"), meta(q), List.of(clause(params, nb)));
    }

    private Object replaceArgs(Object q, int[] max) {
        if (is(q, "&") && args(q).size() == 1 && args(q).get(0) instanceof Long n) {
            max[0] = Math.max(max[0], n.intValue());
            return var("cap$" + n);
        }
        if (q instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            for (Object o : l) r.add(replaceArgs(o, max));
            return r;
        }
        if (q instanceof Tuple t && t.size() == 2) return Tuple.of(replaceArgs(t.get(0), max), replaceArgs(t.get(1), max));
        if (isCall(q) && !is(q, "&")) {
            Object op = op(q) instanceof Tuple ? replaceArgs(op(q), max) : op(q);
            Object as = ((Tuple) q).get(2);
            return Tuple.of(op, meta(q), as instanceof List ? replaceArgs(as, max) : as);
        }
        return q;
    }

    // ---------------------------------------------------------------- purity

    /** True when evaluating {@code q} may call Elixir code or wait (so it needs instructions). */
    boolean impure(Object q) {
        q = desugar(q);
        if (q instanceof List<?> l) {
            for (Object o : l) if (impure(o)) return true;
            return false;
        }
        if (q instanceof Tuple t && t.size() == 2) return impure(t.get(0)) || impure(t.get(1));
        if (!isCall(q)) return false;
        Object op = op(q);
        List<Object> a = args(q);
        if (isVar(q)) return b.lookup(varName(q)) == null && localTarget(varName(q), 0) != null;
        if (op instanceof Atom o) {
            switch (o.name()) {
                case "fn", "@", "__aliases__", "__MODULE__", "^" -> {
                    return false;
                }
                case "case", "cond", "if", "receive", "try", "defmodule", "apply", "__with_else__" -> {
                    return true;
                }
                default -> { }
            }
            if (localTarget(o.name(), a.size()) != null) return true;
        }
        if (op instanceof Tuple dot && is(dot, ".")) {
            List<Object> da = args(dot);
            if (da.size() == 1 || isDynamicCall(q)) return true;
            Atom module = moduleOf(da.get(0));
            if (module != null && da.get(1) instanceof Atom fun && !elixir.isLeaf(module, fun.name(), a.size())) return true;
            if (module == null && impure(da.get(0))) return true;
        }
        for (Object x : a) if (impure(x)) return true;
        return false;
    }

    // ---------------------------------------------------------------- pure expressions

    /** Compiles {@code q} to an evaluation tree; parts that need instructions are emitted first into temporaries. */
    Ev ev(Object q) {
        q = desugar(q);
        if (q instanceof Atom || q instanceof Long || q instanceof Double || q instanceof String || q instanceof java.math.BigInteger) {
            Object lit = q;
            return shaped((Ev) (s, m) -> lit, new Jit.Lit(lit));
        }
        if (q instanceof List<?> l) return listEv(l);
        if (q instanceof Tuple t && t.size() == 2) {
            Ev e0 = ev(t.get(0)), e1 = ev(t.get(1));
            return (s, m) -> Tuple.of(e0.ev(s, m), e1.ev(s, m));
        }
        if (!isCall(q)) throw unsupported(q, "this value " + Format.inspect(q));
        if (isVar(q)) {
            String n = varName(q);
            if (n.equals("__MODULE__")) {
                Atom v = b.mod.atom;
                return (s, m) -> v;
            }
            Integer k = b.lookup(n);
            if (k == null) {
                if (localTarget(n, 0) != null) return hoist(q);
                Library.Bif bif = Library.bif(Atom.of("Elixir.Kernel"), n, 0);
                if (bif != null) return (s, m) -> bif.call(m, new Object[0]);
                throw undefinedFunction(q, n, 0); // Elixir 1.14 takes an unknown variable for a call n()
            }
            int slot = k;
            return shaped((Ev) (s, m) -> s[slot], new Jit.Slot(slot));
        }
        if (impureHere(q)) return hoist(q);
        Object op = op(q);
        List<Object> a = args(q);
        if (op instanceof Atom o) return special(q, o.name(), a);
        if (op instanceof Tuple dot && is(dot, ".")) {
            List<Object> da = args(dot);
            Atom module = moduleOf(da.get(0));
            Atom fun = (Atom) da.get(1);
            if (module == null) {
                // map.field
                Ev target = ev(da.get(0));
                if (!a.isEmpty()) throw unsupported(q, "calling a function on a value");
                return (s, m) -> {
                    Object v = target.ev(s, m);
                    if (v instanceof Map<?, ?> map) {
                        Object x = map.get(fun);
                        if (x == null) throw Library.keyError(fun, v);
                        return x;
                    }
                    throw ElixirError.raise("ArgumentError", "you attempted to apply a function named :" + fun.name()
                            + " on " + Format.inspect(v) + ". If you are using Kernel.apply/3, make sure the module is an atom. "
                            + "If you are trying to access a field, make sure the value is a map or a struct");
                };
            }
            Library.Bif bif = Library.bif(module, fun.name(), a.size());
            if (bif == null) return hoist(q);
            return bifCall(bif, a);
        }
        throw unsupported(q, "this expression");
    }

    /** {@code x.f(args)} or {@code x.f()} on a value: a call whose module is computed (not {@code map.field}). */
    static boolean isDynamicCall(Object q) {
        Object op = op(q);
        if (!(op instanceof Tuple dot && is(dot, ".") && args(dot).size() == 2)) return false;
        Object target = args(dot).get(0);
        if (target instanceof Atom || is(target, "__aliases__") || is(target, "__MODULE__")) return false;
        return !args(q).isEmpty() || !metaFlag(q, NO_PARENS);
    }

    /** True when the node itself (not only a child) needs instructions. */
    private boolean impureHere(Object q) {
        Object op = op(q);
        List<Object> a = args(q);
        if (op instanceof Atom o) {
            switch (o.name()) {
                case "case", "cond", "if", "receive", "try", "defmodule", "apply", "__block__", "__with_else__" -> {
                    return true;
                }
                case "=" -> {
                    return impure(a.get(1));
                }
                case "&&", "and", "||", "or" -> {
                    return impure(a.get(1));
                }
                default -> {
                    return localTarget(o.name(), a.size()) != null;
                }
            }
        }
        if (op instanceof Tuple dot && is(dot, ".")) {
            List<Object> da = args(dot);
            if (da.size() == 1 || isDynamicCall(q)) return true;
            Atom module = moduleOf(da.get(0));
            return module != null && da.get(1) instanceof Atom fun && !elixir.isLeaf(module, fun.name(), a.size());
        }
        return false;
    }

    /** Emits {@code q} as instructions into a temporary slot and reads it back. */
    private Ev hoist(Object q) {
        emit(q, false);
        int t = b.slot();
        b.emit(new Insn.Store(t));
        return shaped((Ev) (s, m) -> s[t], new Jit.Slot(t));
    }

    private Ev listEv(List<?> l) {
        int n = l.size();
        Ev tail = null;
        List<Ev> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object e = l.get(i);
            if (i == n - 1 && is(e, "|")) {
                items.add(ev(args(e).get(0)));
                tail = ev(args(e).get(1));
            } else {
                items.add(ev(e));
            }
        }
        Ev[] es = items.toArray(new Ev[0]);
        if (tail == null) {
            return (s, m) -> {
                Object[] out = new Object[es.length];
                for (int i = 0; i < es.length; i++) out[i] = es[i].ev(s, m);
                return Arrays2.list(out);
            };
        }
        Ev t = tail;
        return (s, m) -> {
            Object[] out = new Object[es.length];
            for (int i = 0; i < es.length; i++) out[i] = es[i].ev(s, m);
            Object rest = t.ev(s, m);
            if (!(rest instanceof List<?> r)) throw ElixirError.argument("improper lists are not supported in Beamscope");
            @SuppressWarnings("unchecked")
            List<Object> acc = (List<Object>) r;
            for (int i = out.length - 1; i >= 0; i--) acc = new Cons(out[i], acc);
            return acc;
        };
    }

    private Ev bifCall(Library.Bif bif, List<Object> a) {
        Ev[] es = new Ev[a.size()];
        for (int i = 0; i < es.length; i++) es[i] = ev(a.get(i));
        return switch (es.length) {
            case 0 -> (s, m) -> bif.call(m, new Object[0]);
            case 1 -> (s, m) -> bif.call(m, new Object[] {es[0].ev(s, m)});
            case 2 -> (s, m) -> bif.call(m, new Object[] {es[0].ev(s, m), es[1].ev(s, m)});
            default -> (s, m) -> {
                Object[] v = new Object[es.length];
                for (int i = 0; i < v.length; i++) v[i] = es[i].ev(s, m);
                return bif.call(m, v);
            };
        };
    }

    private Ev special(Object q, String op, List<Object> a) {
        switch (op) {
            case "{}" -> {
                Ev[] es = new Ev[a.size()];
                for (int i = 0; i < es.length; i++) es[i] = ev(a.get(i));
                return (s, m) -> {
                    Object[] v = new Object[es.length];
                    for (int i = 0; i < v.length; i++) v[i] = es[i].ev(s, m);
                    return Tuple.of(v);
                };
            }
            case "%{}" -> {
                return mapEv(a, null);
            }
            case "%" -> {
                Atom sn = moduleOf(a.get(0));
                if (sn == null) throw unsupported(q, "this struct");
                return mapEv(args(a.get(1)), sn);
            }
            case "<<>>" -> {
                Ev[] parts = new Ev[a.size()];
                for (int i = 0; i < parts.length; i++) {
                    Object p = a.get(i);
                    if (p instanceof String str) {
                        parts[i] = (s, m) -> str;
                    } else if (is(p, "::")) {
                        Object inner = args(p).get(0);
                        Object type = args(p).get(1);
                        if (!is(type, "binary")) return Bitstrings.value(this, a);
                        if (isCall(inner) && op(inner) instanceof Tuple d && is(d, ".") && args(d).get(0) == Values.alias("Kernel")
                                && args(d).get(1) == Atom.of("to_string")) {
                            Ev e = ev(args(inner).get(0));
                            parts[i] = (s, m) -> Values.toStr(e.ev(s, m));
                        } else {
                            Ev e = ev(inner);
                            parts[i] = (s, m) -> (String) e.ev(s, m);
                        }
                    } else {
                        return Bitstrings.value(this, a);
                    }
                }
                return (s, m) -> {
                    StringBuilder sb = new StringBuilder();
                    for (Ev p : parts) sb.append((String) p.ev(s, m));
                    return sb.toString();
                };
            }
            case "=" -> {
                Ev rhs = ev(a.get(1));
                Pat p = pattern(a.get(0), new HashSet<>());
                return shaped((Ev) (s, m) -> {
                    Object v = rhs.ev(s, m);
                    if (!p.match(v, s, m)) throw Errors.badmatch(v);
                    return v;
                }, new Jit.MatchValue(p, rhs));
            }
            case "fn" -> {
                return fnEv(q, a);
            }
            case "@" -> {
                Object v = attribute(q);
                return shaped((Ev) (s, m) -> v, new Jit.Lit(v));
            }
            case "__MODULE__" -> {
                Atom v = b.mod.name == null ? Atom.NIL : b.mod.atom;
                return (s, m) -> v;
            }
            case "__aliases__" -> {
                Atom v = aliasAtom(q);
                return (s, m) -> v;
            }
            case "&&", "and" -> {
                Ev x = ev(a.get(0)), y = ev(a.get(1));
                boolean strict = op.equals("and");
                return shaped((Ev) (s, m) -> {
                    Object v = x.ev(s, m);
                    if (strict && !(v == Atom.TRUE || v == Atom.FALSE)) throw Library.badBool("and", v);
                    return Values.truthy(v) ? y.ev(s, m) : v;
                }, new Jit.And(x, y));
            }
            case "||", "or" -> {
                Ev x = ev(a.get(0)), y = ev(a.get(1));
                boolean strict = op.equals("or");
                return shaped((Ev) (s, m) -> {
                    Object v = x.ev(s, m);
                    if (strict && !(v == Atom.TRUE || v == Atom.FALSE)) throw Library.badBool("or", v);
                    return Values.truthy(v) ? v : y.ev(s, m);
                }, new Jit.Or(x, y));
            }
            case "raise" -> {
                Ev[] es = new Ev[a.size()];
                for (int i = 0; i < es.length; i++) es[i] = ev(a.get(i));
                return (s, m) -> {
                    throw Library.raise(m, es.length == 1 ? es[0].ev(s, m) : es[0].ev(s, m), es.length == 2 ? es[1].ev(s, m) : null);
                };
            }
            case "sigil_w" -> {
                String text = (String) args(a.get(0)).get(0);
                List<?> mods = (List<?>) a.get(1);
                List<Object> words = new ArrayList<>();
                for (String w : text.trim().split("\\s+")) {
                    if (w.isEmpty()) continue;
                    words.add(mods.contains((long) 'a') ? Atom.of(w) : mods.contains((long) 'c') ? Library.charlist(w) : w);
                }
                List<Object> v = List.copyOf(words);
                return (s, m) -> v;
            }
            case "sigil_c" -> {
                String text = (String) args(a.get(0)).get(0);
                Object v = Library.charlist(text);
                return (s, m) -> v;
            }
            case "sigil_s" -> {
                return ev(a.get(0));
            }
            case "__with_else__" -> {
                return ev(a.get(0));
            }
            case "-" -> {
                if (a.size() == 1 && Values.isNum(a.get(0))) {
                    Object v = Values.neg(a.get(0));
                    return shaped((Ev) (s, m) -> v, new Jit.Lit(v));
                }
            }
            case "require" -> {
                if (a.size() == 1) { // `require Integer` at a script's top level: nothing to load here
                    Ev module = ev(a.get(0));
                    return module;
                }
                throw unsupported(q, op);
            }
            case "super", "quote", "unquote", "import" -> throw unsupported(q, op);
            default -> { }
        }
        if (a.size() == 2) {
            Ev fast = operator(op, a);
            if (fast != null) return fast;
        }
        Library.Bif bif = Library.bif(Atom.of("Elixir.Kernel"), op, a.size());
        if (bif != null) return bifCall(bif, a);
        if (op.startsWith("sigil_")) throw unsupported(q, "the sigil ~" + op.substring(6));
        throw undefinedFunction(q, op, a.size());
    }

    /** The arithmetic and comparison operators without the library call (no argument array): the hot path. */
    private Ev operator(String op, List<Object> a) {
        return switch (op) {
            case "+", "-", "*", "<", ">", "<=", ">=", "==", "!=", "===", "!==" -> {
                // the left operand's slot is taken before the right one compiles: a binding there (`z + (z = 2; z)`)
                // gives the name a new slot, and the left operand must still read the old one
                Ev x = ev(a.get(0));
                int xs = slotOf(a.get(0));
                Ev y = ev(a.get(1));
                Ev fast = integerOperator(op, xs, slotOf(a.get(1)), a.get(1), x, y);
                if (fast != null) yield shaped(fast, new Jit.Bin(op, x, y));
                Ev general = switch (op) {
                    case "+" -> (s, m) -> Values.add(x.ev(s, m), y.ev(s, m));
                    case "-" -> (s, m) -> Values.sub(x.ev(s, m), y.ev(s, m));
                    case "*" -> (s, m) -> Values.mul(x.ev(s, m), y.ev(s, m));
                    case "<" -> (s, m) -> Values.bool(Values.compare(x.ev(s, m), y.ev(s, m)) < 0);
                    case ">" -> (s, m) -> Values.bool(Values.compare(x.ev(s, m), y.ev(s, m)) > 0);
                    case "<=" -> (s, m) -> Values.bool(Values.compare(x.ev(s, m), y.ev(s, m)) <= 0);
                    case ">=" -> (s, m) -> Values.bool(Values.compare(x.ev(s, m), y.ev(s, m)) >= 0);
                    case "==" -> (s, m) -> Values.bool(Values.eq(x.ev(s, m), y.ev(s, m)));
                    case "!=" -> (s, m) -> Values.bool(!Values.eq(x.ev(s, m), y.ev(s, m)));
                    case "===" -> (s, m) -> Values.bool(Values.strictEq(x.ev(s, m), y.ev(s, m)));
                    default -> (s, m) -> Values.bool(!Values.strictEq(x.ev(s, m), y.ev(s, m)));
                };
                yield shaped(general, new Jit.Bin(op, x, y));
            }
            default -> null;
        };
    }

    /**
     * {@code +}, {@code -} and the comparisons specialised for integer operands (a variable's slot read in
     * place, a literal kept as a constant): two {@code long}s take the straight path (overflow checked,
     * falling back to BigInteger), anything else the general one. The evaluation order stays left to right.
     */
    private Ev integerOperator(String op, int xs, int ys, Object r, Ev x, Ev y) {
        Object yc = r instanceof Long ? r : null;
        return switch (op) {
            case "+" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) {
                    long v = i + j;
                    if (((i ^ v) & (j ^ v)) >= 0) return v;
                }
                return Values.add(p, q);
            };
            case "-" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) {
                    long v = i - j;
                    if (((i ^ j) & (i ^ v)) >= 0) return v;
                }
                return Values.sub(p, q);
            };
            case "<" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) return i < j ? Atom.TRUE : Atom.FALSE;
                return Values.bool(Values.compare(p, q) < 0);
            };
            case ">" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) return i > j ? Atom.TRUE : Atom.FALSE;
                return Values.bool(Values.compare(p, q) > 0);
            };
            case "<=" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) return i <= j ? Atom.TRUE : Atom.FALSE;
                return Values.bool(Values.compare(p, q) <= 0);
            };
            case ">=" -> (s, m) -> {
                Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                if (p instanceof Long i && q instanceof Long j) return i >= j ? Atom.TRUE : Atom.FALSE;
                return Values.bool(Values.compare(p, q) >= 0);
            };
            case "==", "===" -> {
                boolean strict = op.equals("===");
                yield (s, m) -> {
                    Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                    Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                    if (p instanceof Long i && q instanceof Long j) return i.longValue() == j.longValue() ? Atom.TRUE : Atom.FALSE;
                    return Values.bool(strict ? Values.strictEq(p, q) : Values.eq(p, q));
                };
            }
            case "!=", "!==" -> {
                boolean strict = op.equals("!==");
                yield (s, m) -> {
                    Object p = xs >= 0 ? s[xs] : x.ev(s, m);
                    Object q = ys >= 0 ? s[ys] : yc != null ? yc : y.ev(s, m);
                    if (p instanceof Long i && q instanceof Long j) return i.longValue() != j.longValue() ? Atom.TRUE : Atom.FALSE;
                    return Values.bool(!(strict ? Values.strictEq(p, q) : Values.eq(p, q)));
                };
            }
            default -> null;
        };
    }

    /** The slot of {@code q} when it is a variable bound here (after {@link #ev} resolved it), else -1. */
    private int slotOf(Object q) {
        if (!isVar(q)) return -1;
        Integer k = b.scope.get(varName(q));
        return k == null ? -1 : k;
    }

    private Ev mapEv(List<Object> pairs, Atom struct) {
        Ev base = null;
        List<Object> ps = pairs;
        if (pairs.size() == 1 && is(pairs.get(0), "|")) {
            base = ev(args(pairs.get(0)).get(0));
            Object rest = args(pairs.get(0)).get(1);
            ps = clauseList(rest);
        }
        int n = ps.size();
        Ev[] ks = new Ev[n], vs = new Ev[n];
        for (int i = 0; i < n; i++) {
            Tuple t = (Tuple) ps.get(i);
            ks[i] = ev(t.get(0));
            vs[i] = ev(t.get(1));
        }
        Ev bse = base;
        boolean update = base != null;
        return (s, m) -> {
            Map<Object, Object> out;
            if (bse != null) {
                Object v = bse.ev(s, m);
                if (!(v instanceof Map<?, ?> bm)) throw Library.badMap(v);
                @SuppressWarnings("unchecked")
                Map<Object, Object> bmm = (Map<Object, Object>) bm;
                out = new LinkedHashMap<>(bmm);
            } else if (struct != null) {
                Map<Object, Object> d = m.elixir.structDefaults(struct);
                out = new LinkedHashMap<>(d);
            } else {
                out = new LinkedHashMap<>();
            }
            for (int i = 0; i < n; i++) {
                Object k = ks[i].ev(s, m);
                if ((update || struct != null) && !out.containsKey(k)) {
                    if (struct != null && !update) throw Library.keyError(k, struct);
                    throw Library.keyError(k, Collections.unmodifiableMap(out));
                }
                out.put(k, vs[i].ev(s, m));
            }
            return Collections.unmodifiableMap(out);
        };
    }

    private Ev fnEv(Object q, List<Object> clauses) {
        int arity = ((List<?>) args(clauses.get(0)).get(0)).size();
        for (Object c : clauses) {
            Object h = args(c).get(0);
            List<?> hl = (List<?>) h;
            if (hl.size() == 1 && is(hl.get(0), "when")) arity = args(hl.get(0)).size() - 1;
        }
        FnB outer = b;
        Fn fn = new Fn(outer.mod.name, outer.fn.anonymous ? outer.fn.name : outer.fn.name + "/" + outer.fn.arity, arity, true);
        if (outer.mod.name == null && outer.fn.name.equals("__FILE__")) fn = new Fn(null, "__FILE__/1", arity, true);
        FnB inner = new FnB(outer, fn, outer.mod);
        b = inner;
        try {
            for (Object c : clauses) {
                List<?> heads = (List<?>) args(c).get(0);
                Object guard = null;
                List<Object> params = new ArrayList<>(heads);
                if (params.size() == 1 && is(params.get(0), "when")) {
                    List<Object> wa = args(params.get(0));
                    params = new ArrayList<>(wa.subList(0, wa.size() - 1));
                    guard = wa.get(wa.size() - 1);
                }
                if (params.size() != arity) throw error(q, "cannot mix clauses with different arities in anonymous functions");
                Map<String, Integer> save = b.scope;
                b.scope = new HashMap<>(save);
                Set<String> bound = new HashSet<>();
                Pat[] pats = argPatterns(params, arity, bound);
                Ev g = guard == null ? null : ev(guard);
                int test = b.emit(null);
                emit(args(c).get(1), true);
                b.emit(new Insn.Return());
                b.code.set(test, argsTest(pats, g, test, b.here()));
                b.scope = save;
            }
            b.emit(new Insn.Push((s, m) -> Atom.NIL));
            b.emit(new Insn.Fail(Errors.FUNCTION_CLAUSE, metaInt(q, LINE)));
        } finally {
            b = outer;
        }
        Fn compiled = inner.finish();
        int[] from = new int[inner.captures.size()];
        for (int i = 0; i < from.length; i++) from[i] = inner.captures.get(i)[0];
        if (from.length == 0) {
            Closure c = new Closure(compiled, new Object[0]);
            return (s, m) -> c;
        }
        return (s, m) -> {
            Object[] env = new Object[from.length];
            for (int i = 0; i < env.length; i++) env[i] = s[from[i]];
            return new Closure(compiled, env);
        };
    }
}
