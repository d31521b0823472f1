package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.ErlangError;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Ref;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The library functions written in Java: the leaves (they never call back into Elixir code and never
 * wait). Functions that take a function argument or receive are in the Elixir prelude
 * ({@code prelude.exs}), so they suspend like any Elixir code.
 */
final class Library {
    private Library() {}

    /** A library function: gets the calling process's machine and the arguments. */
    @FunctionalInterface
    interface Bif {
        Object call(Machine m, Object[] a);
    }

    private static final Map<String, Bif> TABLE = new HashMap<>();

    static Bif bif(Atom module, String fun, int arity) {
        Bif f = TABLE.get(module.name() + "." + fun + "/" + arity);
        if (f == null && arity == 1 && fun.equals("exception") && module.name().startsWith("Elixir.")) {
            // SomeError.exception(message_or_fields): the exception struct, as raise would make it
            return (m, a) -> raise(m, module, a[0]).value();
        }
        return f;
    }

    /** Whether the library has functions of {@code module} (looked up only on the way to an error). */
    static boolean hasModule(Atom module) {
        String prefix = module.name() + ".";
        for (String k : TABLE.keySet()) if (k.startsWith(prefix)) return true;
        return false;
    }

    private static void def(String module, String fun, int arity, Bif f) {
        String m = module.startsWith(":") ? module.substring(1) : "Elixir." + module;
        TABLE.put(m + "." + fun + "/" + arity, f);
    }

    private static void kernel(String fun, int arity, Bif f) {
        def("Kernel", fun, arity, f);
    }

    static final Atom TRAP_EXIT = Atom.of("trap_exit"), PRIORITY = Atom.of("priority"), LOW = Atom.of("low"),
            HIGH = Atom.of("high"), MAX = Atom.of("max"), NORMAL = Atom.of("normal"), LINKS = Atom.of("links"),
            MESSAGES = Atom.of("messages"), MESSAGE_QUEUE_LEN = Atom.of("message_queue_len"), STATUS = Atom.of("status"),
            LABEL = Atom.of("label"), KEY = Atom.of("key"), TERM = Atom.of("term"), FIRST = Atom.of("first"),
            LAST = Atom.of("last"), STEP = Atom.of("step"), INFINITY = Atom.of("infinity");

    // ---------------------------------------------------------------- helpers

    static long lng(Object v) {
        if (v instanceof Long l) return l;
        throw ElixirError.argument("argument error");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object v) {
        if (v instanceof List<?> l) return (List<Object>) l;
        throw ElixirError.argument("argument error");
    }

    /** A list, a range or a map as the list Enum works on. */
    @SuppressWarnings("unchecked")
    static List<Object> toList(Object v) {
        if (v instanceof List<?> l) return (List<Object>) l;
        if (v instanceof Map<?, ?> m) {
            if (m.get(Values.STRUCT) == Values.alias("Range")) {
                long f = lng(m.get(FIRST)), l = lng(m.get(LAST)), st = lng(m.get(STEP));
                List<Object> out = new ArrayList<>();
                if (st > 0) for (long i = f; i <= l; i += st) out.add(i);
                else for (long i = f; i >= l; i += st) out.add(i);
                return Collections.unmodifiableList(out);
            }
            if (m.get(Values.STRUCT) == Values.alias("MapSet") && m.get(Atom.of("map")) instanceof Map<?, ?> set) {
                return Collections.unmodifiableList(Values.sortedKeys((Map<Object, Object>) set));
            }
            if (m.get(Values.STRUCT) == null) {
                List<Object> out = new ArrayList<>();
                for (Object k : Values.sortedKeys((Map<Object, Object>) m)) out.add(Tuple.of(k, m.get(k)));
                return Collections.unmodifiableList(out);
            }
        }
        throw new ElixirError(ElixirError.ERROR, Values.exception("Protocol.UndefinedError",
                "protocol Enumerable not implemented for " + Format.inspect(v) + " of type " + Values.typeName(v)));
    }

    /** Stream.cycle(list) taken as far as {@code n} elements; other enumerables as they are. */
    static List<Object> cycled(Object v, int n) {
        if (v instanceof Map<?, ?> m && m.get(Values.STRUCT) == Values.alias("Stream") && m.get(Atom.of("cycle")) instanceof List<?> l) {
            if (l.isEmpty()) return List.of();
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(l.get(i % l.size()));
            return out;
        }
        return toList(v);
    }

    /** A chardata (strings, code points, nested lists) appended as code points. */
    static void toCharlist(Object v, List<Object> out) {
        if (v instanceof String s) s.codePoints().forEach(c -> out.add((long) c));
        else if (v instanceof Long c) out.add(c);
        else if (v instanceof List<?> l) for (Object o : l) toCharlist(o, out);
        else throw ElixirError.argument("argument error");
    }

    /** {@code count} code points of {@code s} from code point {@code from} (both within the string). */
    static String codepointSlice(String s, int from, int count) {
        int b = s.offsetByCodePoints(0, from);
        return s.substring(b, s.offsetByCodePoints(b, Math.max(0, count)));
    }

    /** A String function's pattern argument: one string or a list of them (true if any matches). */
    static Atom anyOf(Object pattern, java.util.function.Predicate<String> test) {
        if (pattern instanceof String p) return Values.bool(test.test(p));
        for (Object p : list(pattern)) if (test.test((String) p)) return Atom.TRUE;
        return Atom.FALSE;
    }

    static Object charlist(String s) {
        List<Object> out = new ArrayList<>();
        s.codePoints().forEach(c -> out.add((long) c));
        return Collections.unmodifiableList(out);
    }

    static ElixirError keyError(Object key, Object term) {
        Map<Object, Object> m = new LinkedHashMap<>(Values.exception("KeyError", "key " + Format.inspect(key) + " not found in: " + Format.inspect(term)));
        m.put(KEY, key);
        m.put(TERM, term);
        return new ElixirError(ElixirError.ERROR, Collections.unmodifiableMap(m));
    }

    static ElixirError badMap(Object v) {
        return ElixirError.raise("BadMapError", "expected a map, got: " + Format.inspect(v));
    }

    static ElixirError badBool(String op, Object v) {
        return ElixirError.raise("BadBooleanError", "expected a boolean on left-side of \"" + op + "\", got: " + Format.inspect(v));
    }

    /** {@code raise "text"}, {@code raise Module}, {@code raise Module, "text"}, {@code raise Module, opts}, {@code raise exception}. */
    static ElixirError raise(Machine m, Object what, Object arg) {
        if (what instanceof String s && arg == null) return ElixirError.raise("RuntimeError", s);
        if (Values.isException(what) && arg == null) return new ElixirError(ElixirError.ERROR, what);
        if (what instanceof Atom mod) {
            Map<Object, Object> ex = new LinkedHashMap<>();
            Map<Object, Object> defaults = m == null ? null : m.elixir.structDefaultsOrNull(mod);
            if (defaults != null) ex.putAll(defaults);
            else ex.putAll(Values.exception(Values.moduleName(mod), null));
            ex.put(Values.STRUCT, mod);
            ex.put(Values.EXCEPTION, Atom.TRUE);
            if (arg instanceof String s) ex.put(Values.MESSAGE, s);
            else if (arg instanceof List<?> kw) for (Object o : kw) if (o instanceof Tuple t) ex.put(t.get(0), t.get(1));
            if (ex.get(Values.MESSAGE) == null || ex.get(Values.MESSAGE) == Atom.NIL) {
                ex.put(Values.MESSAGE, defaultMessage(Values.moduleName(mod)));
            }
            return new ElixirError(ElixirError.ERROR, Collections.unmodifiableMap(ex));
        }
        return ElixirError.argument("raise/2 expects a module name, string or exception as the first argument, got: " + Format.inspect(what));
    }

    static String defaultMessage(String module) {
        return switch (module) {
            case "ArithmeticError" -> "bad argument in arithmetic expression";
            case "ArgumentError" -> "argument error";
            case "RuntimeError" -> "runtime error";
            default -> module + " exception";
        };
    }

    static Object range(Object first, Object last, Object step) {
        Map<Object, Object> r = new LinkedHashMap<>();
        r.put(Values.STRUCT, Values.alias("Range"));
        r.put(FIRST, first);
        r.put(LAST, last);
        r.put(STEP, step);
        return Collections.unmodifiableMap(r);
    }

    static Priority priority(Object a) {
        if (a == LOW) return Priority.LOW;
        if (a == HIGH) return Priority.HIGH;
        if (a == MAX) return Priority.MAX;
        if (a == NORMAL) return Priority.NORMAL;
        throw ElixirError.argument("argument error");
    }

    static Atom priorityAtom(Priority p) {
        return Atom.of(p.name().toLowerCase(java.util.Locale.ROOT));
    }

    static String name(Object a) {
        if (a instanceof Atom at) return at.name();
        throw ElixirError.argument("argument error");
    }

    static Pid pid(Machine m, Object dest) {
        if (dest instanceof Pid p) return p;
        if (dest instanceof Atom a) return m.ctx().whereis(a.name()).orElse(null);
        throw ElixirError.argument("argument error");
    }

    static Object spawn(Machine m, Object fun, SpawnOptions opts, int how) {
        if (!(fun instanceof Closure c)) throw Errors.badfun(fun);
        Machine child = Machine.calling(m.elixir, m.out, c, List.of());
        return spawnMachine(m, child, opts, how);
    }

    static Object spawnMachine(Machine m, Machine child, SpawnOptions opts, int how) {
        SpawnOptions o = opts.initialCall() != null ? opts : opts.withInitialCall(child.initialCall());
        Behavior b = child.behavior();
        ProcessContext ctx = m.ctx();
        return switch (how) {
            case 0 -> ctx.spawn(b, o);
            case 1 -> ctx.spawnLink(b, o);
            default -> {
                ProcessContext.Spawned s = ctx.spawnMonitor(b, o);
                yield Tuple.of(s.pid(), s.ref());
            }
        };
    }

    static Object mfaClosure(Machine m, Object mod, Object fun, Object args) {
        return m.elixir.mfaClosure((Atom) mod, (Atom) fun, list(args));
    }

    static Object send(Machine m, Object dest, Object msg) {
        if (dest instanceof Pid p) m.ctx().send(p, msg);
        else if (dest instanceof Atom a) {
            try {
                m.ctx().send(a.name(), msg);
            } catch (ErlangError e) {
                throw ElixirError.argument("errors were found at the given arguments:\n\n  * 1st argument: invalid destination\n");
            }
        } else if (dest instanceof Tuple t && t.size() == 2 && t.get(0) instanceof Atom a) m.ctx().send(a.name(), msg);
        else throw ElixirError.argument("argument error");
        return msg;
    }

    static Object processInfo(Machine m, Object pidArg, Object item) {
        Pid p = (Pid) pidArg;
        ProcessInfo info = m.ctx().node().processInfo(p, 1000).orElse(null);
        if (info == null) return Atom.NIL;
        Object v;
        if (item == LINKS) v = Collections.unmodifiableList(new ArrayList<Object>(info.links()));
        else if (item == MESSAGES) v = Collections.unmodifiableList(new ArrayList<Object>(info.messages()));
        else if (item == MESSAGE_QUEUE_LEN) v = (long) info.messageQueueLen();
        else if (item == STATUS) v = Atom.of(info.status().name().toLowerCase(java.util.Locale.ROOT));
        else if (item == PRIORITY) v = priorityAtom(info.priority());
        else if (item == Atom.of("registered_name")) v = info.registeredName().map(n -> (Object) Atom.of(n)).orElse(List.of());
        else if (item == Atom.of("reductions")) v = info.reductions();
        else if (item == Atom.of("trap_exit")) v = Values.bool(info.trapExit());
        else if (item == Atom.of("current_function")) v = Atom.of(String.valueOf(info.currentBehavior()));
        else throw ElixirError.argument("not supported yet: Process.info/2 with " + Format.inspect(item));
        return Tuple.of(item, v);
    }

    static String inspectOpts(Object v, Object opts) {
        return Format.inspect(v, asLists(opts));
    }

    static boolean asLists(Object opts) {
        return opts instanceof List<?> l && l.contains(Tuple.of(Atom.of("charlists"), Atom.of("as_lists")));
    }

    // ---------------------------------------------------------------- the table

    static {
        // Kernel: processes
        kernel("self", 0, (m, a) -> m.self());
        kernel("send", 2, (m, a) -> send(m, a[0], a[1]));
        kernel("spawn", 1, (m, a) -> spawn(m, a[0], SpawnOptions.defaults(), 0));
        kernel("spawn_link", 1, (m, a) -> spawn(m, a[0], SpawnOptions.defaults(), 1));
        kernel("spawn_monitor", 1, (m, a) -> spawn(m, a[0], SpawnOptions.defaults(), 2));
        kernel("spawn", 3, (m, a) -> spawn(m, mfaClosure(m, a[0], a[1], a[2]), SpawnOptions.defaults(), 0));
        kernel("spawn_link", 3, (m, a) -> spawn(m, mfaClosure(m, a[0], a[1], a[2]), SpawnOptions.defaults(), 1));
        kernel("spawn_monitor", 3, (m, a) -> spawn(m, mfaClosure(m, a[0], a[1], a[2]), SpawnOptions.defaults(), 2));
        kernel("function_exported?", 3, (m, a) -> Values.bool(a[0] instanceof Atom mod && a[1] instanceof Atom fun
                && (m.elixir.lookup(mod, fun.name(), (int) lng(a[2])) != null || bif(mod, fun.name(), (int) lng(a[2])) != null)));
        kernel("make_ref", 0, (m, a) -> m.ctx().makeRef());
        kernel("node", 0, (m, a) -> Atom.of("nonode@nohost"));
        kernel("exit", 1, (m, a) -> {
            throw new ElixirError(ElixirError.EXIT, a[0]);
        });
        kernel("throw", 1, (m, a) -> {
            throw new ElixirError(ElixirError.THROW, a[0]);
        });
        kernel("inspect", 1, (m, a) -> Format.inspect(a[0]));
        kernel("inspect", 2, (m, a) -> inspectOpts(a[0], a[1]));
        kernel("to_string", 1, (m, a) -> Values.toStr(a[0]));
        kernel("to_charlist", 1, (m, a) -> charlist(Values.toStr(a[0])));
        // Kernel: operators and guards
        kernel("+", 2, (m, a) -> Values.add(a[0], a[1]));
        kernel("-", 2, (m, a) -> Values.sub(a[0], a[1]));
        kernel("*", 2, (m, a) -> Values.mul(a[0], a[1]));
        kernel("/", 2, (m, a) -> Values.fdiv(a[0], a[1]));
        kernel("-", 1, (m, a) -> Values.neg(a[0]));
        kernel("+", 1, (m, a) -> a[0]);
        kernel("**", 2, (m, a) -> {
            if (Values.isInt(a[0]) && a[1] instanceof Long e && e >= 0) return Values.norm(Values.big(a[0]).pow(e.intValue()));
            if (Values.isInt(a[0]) && Values.isInt(a[1])) throw ElixirError.argument("bad argument in arithmetic expression");
            return Math.pow(Values.dbl(a[0]), Values.dbl(a[1]));
        });
        kernel("div", 2, (m, a) -> Values.div(a[0], a[1]));
        kernel("rem", 2, (m, a) -> Values.rem(a[0], a[1]));
        kernel("abs", 1, (m, a) -> a[0] instanceof Double d ? Math.abs(d) : Values.compare(a[0], 0L) < 0 ? Values.neg(a[0]) : a[0]);
        kernel("==", 2, (m, a) -> Values.bool(Values.eq(a[0], a[1])));
        kernel("!=", 2, (m, a) -> Values.bool(!Values.eq(a[0], a[1])));
        kernel("===", 2, (m, a) -> Values.bool(Values.strictEq(a[0], a[1])));
        kernel("!==", 2, (m, a) -> Values.bool(!Values.strictEq(a[0], a[1])));
        kernel("<", 2, (m, a) -> Values.bool(Values.compare(a[0], a[1]) < 0));
        kernel(">", 2, (m, a) -> Values.bool(Values.compare(a[0], a[1]) > 0));
        kernel("<=", 2, (m, a) -> Values.bool(Values.compare(a[0], a[1]) <= 0));
        kernel(">=", 2, (m, a) -> Values.bool(Values.compare(a[0], a[1]) >= 0));
        kernel("not", 1, (m, a) -> {
            if (a[0] == Atom.TRUE) return Atom.FALSE;
            if (a[0] == Atom.FALSE) return Atom.TRUE;
            throw ElixirError.argument("argument error");
        });
        kernel("!", 1, (m, a) -> Values.bool(!Values.truthy(a[0])));
        kernel("<>", 2, (m, a) -> {
            if (!(a[0] instanceof String x) || !(a[1] instanceof String y)) throw ElixirError.argument("argument error");
            return x + y;
        });
        kernel("++", 2, (m, a) -> {
            List<Object> x = list(a[0]);
            if (x.isEmpty()) return a[1];
            List<Object> y = list(a[1]);
            List<Object> acc = y;
            Object[] xs = x.toArray();
            for (int i = xs.length - 1; i >= 0; i--) acc = new Cons(xs[i], acc);
            return acc;
        });
        kernel("--", 2, (m, a) -> {
            List<Object> out = new ArrayList<>(list(a[0]));
            for (Object o : list(a[1])) {
                for (int i = 0; i < out.size(); i++) {
                    if (Values.strictEq(out.get(i), o)) {
                        out.remove(i);
                        break;
                    }
                }
            }
            return Collections.unmodifiableList(out);
        });
        kernel("in", 2, (m, a) -> Values.bool(member(a[1], a[0])));
        kernel("..", 2, (m, a) -> range(a[0], a[1], Values.compare(a[1], a[0]) < 0 ? -1L : 1L));
        kernel("..//", 3, (m, a) -> range(a[0], a[1], a[2]));
        kernel("is_integer", 1, (m, a) -> Values.bool(Values.isInt(a[0])));
        kernel("is_float", 1, (m, a) -> Values.bool(a[0] instanceof Double));
        kernel("is_number", 1, (m, a) -> Values.bool(Values.isNum(a[0])));
        kernel("is_atom", 1, (m, a) -> Values.bool(a[0] instanceof Atom));
        kernel("is_boolean", 1, (m, a) -> Values.bool(a[0] == Atom.TRUE || a[0] == Atom.FALSE));
        kernel("is_nil", 1, (m, a) -> Values.bool(a[0] == Atom.NIL));
        kernel("is_binary", 1, (m, a) -> Values.bool(a[0] instanceof String));
        kernel("is_bitstring", 1, (m, a) -> Values.bool(a[0] instanceof String));
        kernel("is_list", 1, (m, a) -> Values.bool(a[0] instanceof List));
        kernel("is_tuple", 1, (m, a) -> Values.bool(a[0] instanceof Tuple));
        kernel("is_map", 1, (m, a) -> Values.bool(a[0] instanceof Map));
        kernel("is_map_key", 2, (m, a) -> Values.bool(a[0] instanceof Map<?, ?> mm && mm.containsKey(a[1])));
        kernel("is_pid", 1, (m, a) -> Values.bool(a[0] instanceof Pid));
        kernel("is_reference", 1, (m, a) -> Values.bool(a[0] instanceof Ref));
        kernel("is_function", 1, (m, a) -> Values.bool(a[0] instanceof Closure));
        kernel("is_function", 2, (m, a) -> Values.bool(a[0] instanceof Closure c && c.arity() == lng(a[1])));
        kernel("is_struct", 1, (m, a) -> Values.bool(a[0] instanceof Map<?, ?> mm && mm.get(Values.STRUCT) instanceof Atom));
        kernel("is_exception", 1, (m, a) -> Values.bool(Values.isException(a[0])));
        kernel("elem", 2, (m, a) -> ((Tuple) a[0]).get((int) lng(a[1])));
        kernel("put_elem", 3, (m, a) -> {
            Object[] v = ((Tuple) a[0]).elements().toArray();
            v[(int) lng(a[1])] = a[2];
            return Tuple.of(v);
        });
        kernel("tuple_size", 1, (m, a) -> (long) ((Tuple) a[0]).size());
        kernel("map_size", 1, (m, a) -> (long) ((Map<?, ?>) a[0]).size());
        def(":binary", "bin_to_list", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            for (byte x : ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8)) out.add((long) (x & 0xff));
            return Collections.unmodifiableList(out);
        });
        kernel("byte_size", 1, (m, a) -> (long) ((String) a[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        kernel("length", 1, (m, a) -> (long) list(a[0]).size());
        kernel("hd", 1, (m, a) -> {
            List<Object> l = list(a[0]);
            if (l.isEmpty()) throw ElixirError.argument("argument error");
            return l instanceof Cons c ? c.head : l.get(0);
        });
        kernel("tl", 1, (m, a) -> {
            List<Object> l = list(a[0]);
            if (l.isEmpty()) throw ElixirError.argument("argument error");
            return l instanceof Cons c ? c.tail : l.subList(1, l.size());
        });
        kernel("max", 2, (m, a) -> Values.compare(a[0], a[1]) >= 0 ? a[0] : a[1]);
        kernel("min", 2, (m, a) -> Values.compare(a[0], a[1]) <= 0 ? a[0] : a[1]);
        kernel("round", 1, (m, a) -> a[0] instanceof Double d ? (Object) Math.round(d) : a[0]);
        kernel("trunc", 1, (m, a) -> a[0] instanceof Double d ? (Object) (long) (double) d : a[0]);
        kernel("struct", 2, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>(m.elixir.structDefaults((Atom) a[0]));
            for (Object o : toList(a[1])) if (o instanceof Tuple t && out.containsKey(t.get(0))) out.put(t.get(0), t.get(1));
            return Collections.unmodifiableMap(out);
        });
        kernel("binding", 0, (m, a) -> List.of());

        // IO
        def("IO", "puts", 1, (m, a) -> {
            m.out.println(a[0] instanceof List<?> l ? Values.charsToString(l) : Values.toStr(a[0]));
            return Atom.OK;
        });
        def("IO", "write", 1, (m, a) -> {
            m.out.print(a[0] instanceof List<?> l ? Values.charsToString(l) : Values.toStr(a[0]));
            return Atom.OK;
        });
        def("IO", "inspect", 1, (m, a) -> {
            m.out.println(Pretty.format(a[0], 0, false));
            return a[0];
        });
        def("IO", "inspect", 2, (m, a) -> {
            Object label = null;
            for (Object o : list(a[1])) if (o instanceof Tuple t && t.get(0) == LABEL) label = t.get(1);
            String prefix = label == null ? "" : Values.toStr(label) + ": ";
            m.out.println(prefix + Pretty.format(a[0], prefix.length(), asLists(a[1])));
            return a[0];
        });

        // Process
        def("Process", "alive?", 1, (m, a) -> Values.bool(m.ctx().isAlive((Pid) a[0])));
        def("Process", "flag", 2, (m, a) -> {
            if (a[0] == TRAP_EXIT) return Values.bool(m.ctx().trapExit(a[1] == Atom.TRUE));
            if (a[0] == PRIORITY) return priorityAtom(m.ctx().priority(priority(a[1])));
            throw ElixirError.argument("not supported yet: Process.flag(" + Format.inspect(a[0]) + ", _)");
        });
        def("Process", "register", 2, (m, a) -> {
            String n = name(a[1]);
            Pid p = (Pid) a[0];
            try {
                if (p.equals(m.self())) m.ctx().register(n);
                else m.ctx().node().register(n, p);
            } catch (ErlangError e) {
                throw ElixirError.argument("could not register " + Format.inspect(p) + " with name " + Format.inspect(a[1]));
            }
            return Atom.TRUE;
        });
        def("Process", "unregister", 1, (m, a) -> {
            m.ctx().unregister(name(a[0]));
            return Atom.TRUE;
        });
        def("Process", "whereis", 1, (m, a) -> m.ctx().whereis(name(a[0])).map(p -> (Object) p).orElse(Atom.NIL));
        def("Process", "monitor", 1, (m, a) -> a[0] instanceof Atom at ? m.ctx().monitor(at.name()) : m.ctx().monitor((Pid) a[0]));
        def("Process", "demonitor", 1, (m, a) -> Values.bool(m.ctx().demonitor((Ref) a[0])));
        def("Process", "demonitor", 2, (m, a) -> {
            boolean flush = false;
            for (Object o : list(a[1])) if (o == Atom.of("flush")) flush = true;
            return Values.bool(m.ctx().demonitor((Ref) a[0], flush));
        });
        def("Process", "link", 1, (m, a) -> {
            m.ctx().link((Pid) a[0]);
            return Atom.TRUE;
        });
        def("Process", "unlink", 1, (m, a) -> {
            m.ctx().unlink((Pid) a[0]);
            return Atom.TRUE;
        });
        def("Process", "exit", 2, (m, a) -> {
            if (!(a[0] instanceof Pid)) throw ElixirError.argument("errors were found at the given arguments:\n\n  * 1st argument: not a pid\n");
            m.ctx().exit((Pid) a[0], a[1]);
            return Atom.TRUE;
        });
        def("Process", "send", 3, (m, a) -> {
            send(m, a[0], a[1]);
            return Atom.OK;
        });
        def("Process", "send_after", 3, (m, a) -> {
            Duration d = Duration.ofMillis(lng(a[2]));
            return a[0] instanceof Atom at ? m.ctx().sendAfter(at.name(), a[1], d) : m.ctx().sendAfter((Pid) a[0], a[1], d);
        });
        def("Process", "cancel_timer", 1, (m, a) -> m.ctx().cancelTimer((beamscope.runtime.TimerRef) a[0])
                .map(d -> (Object) d.toMillis()).orElse(Atom.FALSE));
        def("Process", "info", 2, (m, a) -> processInfo(m, a[0], a[1]));
        def("Process", "info", 1, (m, a) -> m.ctx().isAlive((Pid) a[0]) ? List.of(processInfo(m, a[0], MESSAGE_QUEUE_LEN), processInfo(m, a[0], LINKS)) : Atom.NIL);
        def("Process", "list", 0, (m, a) -> {
            List<Object> out = new ArrayList<>();
            m.ctx().node().forEachProcess(p -> out.add(p.pid()));
            return Collections.unmodifiableList(out);
        });
        def("Process", "put", 2, (m, a) -> {
            Object old = m.ctx().put(a[0], a[1]);
            return old == null ? Atom.NIL : old;
        });
        def("Process", "get", 1, (m, a) -> {
            Object v = m.ctx().get(a[0]);
            return v == null ? Atom.NIL : v;
        });
        def("Process", "get", 2, (m, a) -> {
            Object v = m.ctx().get(a[0]);
            return v == null ? a[1] : v;
        });
        def("Process", "delete", 1, (m, a) -> {
            Object v = m.ctx().erase(a[0]);
            return v == null ? Atom.NIL : v;
        });
        def("Process", "registered", 0, (m, a) -> {
            List<Object> out = new ArrayList<>();
            for (String n : m.ctx().node().registered()) out.add(Atom.of(n));
            return Collections.unmodifiableList(out);
        });

        // Enum and List leaves (the ones that take functions are in the prelude)
        def("Beamscope", "to_list", 1, (m, a) -> toList(a[0]));
        def("Enum", "count", 1, (m, a) -> a[0] instanceof Map<?, ?> mm && mm.get(Values.STRUCT) == null ? (long) mm.size() : (long) toList(a[0]).size());
        def("Enum", "sum", 1, (m, a) -> {
            Object acc = 0L;
            for (Object o : toList(a[0])) acc = Values.add(acc, o);
            return acc;
        });
        def("Enum", "product", 1, (m, a) -> {
            Object acc = 1L;
            for (Object o : toList(a[0])) acc = Values.mul(acc, o);
            return acc;
        });
        def("Enum", "member?", 2, (m, a) -> Values.bool(member(a[0], a[1])));
        def("Enum", "reverse", 1, (m, a) -> {
            List<Object> out = new ArrayList<>(toList(a[0]));
            Collections.reverse(out);
            return Collections.unmodifiableList(out);
        });
        def("Enum", "sort", 1, (m, a) -> {
            List<Object> out = new ArrayList<>(toList(a[0]));
            out.sort(Values::compare);
            return Collections.unmodifiableList(out);
        });
        def("Enum", "max", 1, (m, a) -> extreme(toList(a[0]), 1));
        def("Enum", "min", 1, (m, a) -> extreme(toList(a[0]), -1));
        def("Enum", "join", 1, (m, a) -> join(toList(a[0]), ""));
        def("Enum", "join", 2, (m, a) -> join(toList(a[0]), (String) a[1]));
        def("Enum", "at", 2, (m, a) -> {
            List<Object> l = toList(a[0]);
            long i = lng(a[1]);
            if (i < 0) i += l.size();
            return i >= 0 && i < l.size() ? l.get((int) i) : Atom.NIL;
        });
        def("Enum", "uniq", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : toList(a[0])) if (!containsStrict(out, o)) out.add(o);
            return Collections.unmodifiableList(out);
        });
        def("Beamscope", "take", 2, (m, a) -> {
            List<Object> l = toList(a[0]);
            long n = lng(a[1]);
            if (n < 0) return List.copyOf(l.subList((int) Math.max(0, l.size() + n), l.size()));
            return List.copyOf(new ArrayList<>(l).subList(0, (int) Math.min(n, l.size())));
        });
        def("Enum", "drop", 2, (m, a) -> {
            List<Object> l = new ArrayList<>(toList(a[0]));
            long n = lng(a[1]);
            if (n < 0) return Collections.unmodifiableList(l.subList(0, (int) Math.max(0, l.size() + n)));
            return Collections.unmodifiableList(l.subList((int) Math.min(n, l.size()), l.size()));
        });
        def("Stream", "cycle", 1, (m, a) -> {
            Map<Object, Object> c = new LinkedHashMap<>();
            c.put(Values.STRUCT, Values.alias("Stream"));
            c.put(Atom.of("cycle"), toList(a[0]));
            return Collections.unmodifiableMap(c);
        });
        def("Enum", "zip", 2, (m, a) -> {
            List<Object> x = toList(a[0]);
            List<Object> y = cycled(a[1], x.size());
            List<Object> out = new ArrayList<>();
            var i = x.iterator();
            var j = y.iterator();
            while (i.hasNext() && j.hasNext()) out.add(Tuple.of(i.next(), j.next()));
            return Collections.unmodifiableList(out);
        });
        def("Enum", "with_index", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            long k = 0;
            for (Object o : toList(a[0])) out.add(Tuple.of(o, k++));
            return Collections.unmodifiableList(out);
        });
        def("Enum", "empty?", 1, (m, a) -> Values.bool(toList(a[0]).isEmpty()));
        def("Enum", "concat", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : toList(a[0])) out.addAll(toList(o));
            return Collections.unmodifiableList(out);
        });
        def("Enum", "concat", 2, (m, a) -> {
            List<Object> out = new ArrayList<>(toList(a[0]));
            out.addAll(toList(a[1]));
            return Collections.unmodifiableList(out);
        });
        def("Enum", "random", 1, (m, a) -> {
            List<Object> l = toList(a[0]);
            if (l.isEmpty()) throw ElixirError.raise("Enum.EmptyError", "empty error");
            return l.get(java.util.concurrent.ThreadLocalRandom.current().nextInt(l.size()));
        });
        def("Enum", "chunk_every", 2, (m, a) -> {
            List<Object> l = toList(a[0]);
            int n = (int) lng(a[1]);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i += n) out.add(List.copyOf(new ArrayList<>(l).subList(i, Math.min(l.size(), i + n))));
            return Collections.unmodifiableList(out);
        });
        def("Enum", "into", 2, (m, a) -> into(a[0], a[1]));
        def("Enum", "frequencies", 1, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object o : toList(a[0])) out.merge(o, 1L, (x, y) -> (Long) x + 1);
            return Collections.unmodifiableMap(out);
        });
        def("List", "first", 1, (m, a) -> list(a[0]).isEmpty() ? Atom.NIL : list(a[0]).get(0));
        def("List", "last", 1, (m, a) -> list(a[0]).isEmpty() ? Atom.NIL : list(a[0]).get(list(a[0]).size() - 1));
        def("List", "flatten", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            flatten(list(a[0]), out);
            return Collections.unmodifiableList(out);
        });
        def("List", "wrap", 1, (m, a) -> a[0] instanceof List ? a[0] : a[0] == Atom.NIL ? List.of() : List.of(a[0]));
        def("List", "duplicate", 2, (m, a) -> Collections.unmodifiableList(new ArrayList<>(Collections.nCopies((int) lng(a[1]), a[0]))));
        def("List", "delete", 2, (m, a) -> {
            List<Object> out = new ArrayList<>(list(a[0]));
            for (int i = 0; i < out.size(); i++) if (Values.strictEq(out.get(i), a[1])) {
                out.remove(i);
                break;
            }
            return Collections.unmodifiableList(out);
        });
        def("List", "to_tuple", 1, (m, a) -> Tuple.of(list(a[0]).toArray()));
        def("List", "to_string", 1, (m, a) -> Values.charsToString(list(a[0])));
        def("Tuple", "to_list", 1, (m, a) -> ((Tuple) a[0]).elements());

        // Map and Keyword
        def("Map", "get", 2, (m, a) -> orNil(map(a[0]).get(a[1])));
        def("Map", "get", 3, (m, a) -> {
            Object v = map(a[0]).get(a[1]);
            return v == null ? a[2] : v;
        });
        def("Map", "fetch", 2, (m, a) -> {
            Object v = map(a[0]).get(a[1]);
            return v == null ? Atom.ERROR : Tuple.of(Atom.OK, v);
        });
        def("Map", "fetch!", 2, (m, a) -> {
            Object v = map(a[0]).get(a[1]);
            if (v == null) throw keyError(a[1], a[0]);
            return v;
        });
        def("Map", "put", 3, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>(map(a[0]));
            out.put(a[1], a[2]);
            return Collections.unmodifiableMap(out);
        });
        def("Map", "delete", 2, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>(map(a[0]));
            out.remove(a[1]);
            return Collections.unmodifiableMap(out);
        });
        def("Map", "has_key?", 2, (m, a) -> Values.bool(map(a[0]).containsKey(a[1])));
        def("Map", "keys", 1, (m, a) -> Collections.unmodifiableList(Values.sortedKeys(map(a[0]))));
        def("Map", "values", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            Map<Object, Object> mm = map(a[0]);
            for (Object k : Values.sortedKeys(mm)) out.add(mm.get(k));
            return Collections.unmodifiableList(out);
        });
        def("Map", "merge", 2, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>(map(a[0]));
            out.putAll(map(a[1]));
            return Collections.unmodifiableMap(out);
        });
        def("Map", "new", 0, (m, a) -> Map.of());
        def("Map", "new", 1, (m, a) -> into(a[0], Map.of()));
        def("Map", "to_list", 1, (m, a) -> toList(map(a[0])));
        def("Map", "from_struct", 1, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>(map(a[0]));
            out.remove(Values.STRUCT);
            return Collections.unmodifiableMap(out);
        });
        def("Map", "take", 2, (m, a) -> {
            Map<Object, Object> out = new LinkedHashMap<>();
            Map<Object, Object> mm = map(a[0]);
            for (Object k : list(a[1])) if (mm.containsKey(k)) out.put(k, mm.get(k));
            return Collections.unmodifiableMap(out);
        });
        def("Keyword", "get", 2, (m, a) -> kwGet(a[0], a[1], Atom.NIL));
        def("Keyword", "get", 3, (m, a) -> kwGet(a[0], a[1], a[2]));
        def("Keyword", "put", 3, (m, a) -> {
            List<Object> out = new ArrayList<>();
            out.add(Tuple.of(a[1], a[2]));
            for (Object o : list(a[0])) if (!(o instanceof Tuple t && t.get(0) == a[1])) out.add(o);
            return Collections.unmodifiableList(out);
        });
        def("Keyword", "fetch", 2, (m, a) -> {
            Object v = kwGet(a[0], a[1], null);
            return v == null ? Atom.ERROR : Tuple.of(Atom.OK, v);
        });
        def("Keyword", "take", 2, (m, a) -> {
            List<Object> out = new ArrayList<>();
            List<Object> keys = list(a[1]);
            for (Object o : list(a[0])) if (o instanceof Tuple t && keys.contains(t.get(0))) out.add(o);
            return Collections.unmodifiableList(out);
        });
        def("Keyword", "has_key?", 2, (m, a) -> Values.bool(kwGet(a[0], a[1], null) != null));
        def("Keyword", "keys", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list(a[0])) out.add(((Tuple) o).get(0));
            return Collections.unmodifiableList(out);
        });
        def("Access", "get", 2, (m, a) -> {
            if (a[0] instanceof Map<?, ?> mm) return orNil(mm.get(a[1]));
            if (a[0] instanceof List) return kwGet(a[0], a[1], Atom.NIL);
            if (a[0] == Atom.NIL) return Atom.NIL;
            throw ElixirError.argument("argument error");
        });

        // String and Integer
        def("String", "upcase", 1, (m, a) -> ((String) a[0]).toUpperCase(java.util.Locale.ROOT));
        def("String", "downcase", 1, (m, a) -> ((String) a[0]).toLowerCase(java.util.Locale.ROOT));
        def("String", "length", 1, (m, a) -> (long) ((String) a[0]).codePointCount(0, ((String) a[0]).length()));
        def("String", "reverse", 1, (m, a) -> new StringBuilder((String) a[0]).reverse().toString());
        def("String", "trim", 1, (m, a) -> ((String) a[0]).strip());
        def("String", "split", 1, (m, a) -> List.of((Object[]) ((String) a[0]).strip().split("\\s+")));
        def("String", "split", 2, (m, a) -> List.of((Object[]) ((String) a[0]).split(java.util.regex.Pattern.quote((String) a[1]), -1)));
        def("String", "contains?", 2, (m, a) -> anyOf(a[1], p -> ((String) a[0]).contains(p)));
        def("String", "starts_with?", 2, (m, a) -> anyOf(a[1], p -> ((String) a[0]).startsWith(p)));
        def("String", "ends_with?", 2, (m, a) -> anyOf(a[1], p -> ((String) a[0]).endsWith(p)));
        def("String", "slice", 2, (m, a) -> {
            String s = (String) a[0];
            Map<?, ?> r = map(a[1]);
            int len = s.codePointCount(0, s.length());
            long first = lng(r.get(FIRST)), last = lng(r.get(LAST));
            if (first < 0) first += len;
            if (last < 0) last += len;
            if (first < 0 || first >= len || last < first) return "";
            return codepointSlice(s, (int) first, (int) Math.min(len - 1, last) - (int) first + 1);
        });
        def("Integer", "to_string", 2, (m, a) -> Values.big(a[0]).toString((int) lng(a[1])).toUpperCase(java.util.Locale.ROOT));
        def("String", "duplicate", 2, (m, a) -> ((String) a[0]).repeat((int) lng(a[1])));
        def("String", "to_integer", 1, (m, a) -> Values.norm(new BigInteger((String) a[0])));
        def("String", "to_atom", 1, (m, a) -> Atom.of((String) a[0]));
        def("String", "codepoints", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            ((String) a[0]).codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
            return Collections.unmodifiableList(out);
        });
        def("Range", "new", 2, (m, a) -> range(a[0], a[1], Values.compare(a[0], a[1]) <= 0 ? 1L : -1L));
        def("Range", "new", 3, (m, a) -> range(a[0], a[1], a[2]));
        def("String", "to_integer", 2, (m, a) -> Values.norm(new BigInteger((String) a[0], (int) lng(a[1]))));
        def("String", "to_float", 1, (m, a) -> Double.parseDouble((String) a[0]));
        kernel("to_charlist", 1, (m, a) -> a[0] instanceof String s ? charlist(s) : a[0] instanceof List ? a[0] : charlist(Values.toStr(a[0])));
        def("List", "to_charlist", 1, (m, a) -> {
            List<Object> out = new ArrayList<>();
            toCharlist(a[0], out);
            return Collections.unmodifiableList(out);
        });
        def("String", "split", 3, (m, a) -> {
            Object parts = kwGet(a[2], Atom.of("parts"), Atom.of("infinity"));
            int limit = parts instanceof Long n ? n.intValue() : -1;
            List<Object> out = new ArrayList<>(List.of((Object[]) ((String) a[0]).split(java.util.regex.Pattern.quote((String) a[1]), limit)));
            if (kwGet(a[2], Atom.of("trim"), Atom.FALSE) == Atom.TRUE) out.removeIf(""::equals);
            return Collections.unmodifiableList(out);
        });
        def("String", "to_charlist", 1, (m, a) -> charlist((String) a[0]));
        def("String", "capitalize", 1, (m, a) -> {
            String s = (String) a[0];
            return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
        });
        def("String", "pad_leading", 3, (m, a) -> pad((String) a[0], (int) lng(a[1]), (String) a[2], true));
        def("String", "pad_trailing", 3, (m, a) -> pad((String) a[0], (int) lng(a[1]), (String) a[2], false));
        def("String", "pad_leading", 2, (m, a) -> pad((String) a[0], (int) lng(a[1]), " ", true));
        def("String", "pad_trailing", 2, (m, a) -> pad((String) a[0], (int) lng(a[1]), " ", false));
        def("String", "slice", 3, (m, a) -> {
            String s = (String) a[0];
            int len = s.codePointCount(0, s.length());
            long from = lng(a[1]);
            if (from < 0) from += len;
            if (from < 0 || from >= len) return "";
            return codepointSlice(s, (int) from, (int) Math.min(lng(a[2]), len - from));
        });
        def("String", "replace", 3, (m, a) -> ((String) a[0]).replace((String) a[1], (String) a[2]));
        def("Integer", "to_string", 1, (m, a) -> Values.toStr(a[0]));
        def("Integer", "parse", 1, (m, a) -> {
            String s = (String) a[0];
            int i = 0;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            int st = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == st) return Atom.ERROR;
            return Tuple.of(Values.norm(new BigInteger(s.substring(0, i))), s.substring(i));
        });
        def("Integer", "is_even", 1, (m, a) -> Values.bool(Values.big(a[0]).testBit(0) == false));
        def("Atom", "to_string", 1, (m, a) -> ((Atom) a[0]).name());
        def("Exception", "message", 1, (m, a) -> Format.message(a[0]));
        def("Exception", "format", 2, (m, a) -> Format.errorBanner((Atom) a[0], a[1]).substring(3));

        // System, Logger, :erlang, :rand
        def("System", "monotonic_time", 0, (m, a) -> m.ctx().nanoTime());
        def("System", "monotonic_time", 1, (m, a) -> timeIn(m.ctx().nanoTime(), a[0]));
        def("System", "system_time", 1, (m, a) -> timeIn(System.currentTimeMillis() * 1_000_000L, a[0]));
        def("System", "argv", 0, (m, a) -> m.elixir.argv());
        def("System", "schedulers_online", 0, (m, a) -> (long) m.ctx().node().config().schedulers());
        // spawn with the initial call an OTP process shows in OTP's observer ("Counter.init/1")
        def("Beamscope", "spawn_as", 3, (m, a) -> spawn(m, a[0], SpawnOptions.defaults().withInitialCall((String) a[1]), a[2] == Atom.TRUE ? 1 : 0));
        def("Beamscope", "use_opts", 1, (m, a) -> m.elixir.useOpts((Atom) a[0]));
        // what OTP processes publish for observers (OtpObservation)
        def("Beamscope", "publish_server", 2, (m, a) -> OtpObservation.server(m, a[0], a[1]));
        def("Beamscope", "publish_supervisor", 4, (m, a) -> OtpObservation.supervisor(m, a[0], a[1], a[2], a[3]));
        def("Beamscope", "progress_report", 3, (m, a) -> OtpObservation.progress(m, a[0], a[1], a[2]));
        def("Beamscope", "supervisor_report", 5, (m, a) -> OtpObservation.supervisorReport(m, a[0], a[1], a[2], a[3], a[4]));
        def("Logger", "configure", 1, (m, a) -> {
            for (Object kv : list(a[0])) {
                if (kv instanceof Tuple t && t.size() == 2 && t.get(0) == Atom.of("level") && t.get(1) instanceof Atom level) {
                    m.elixir.configureLogger(level);
                }
            }
            return Atom.OK;
        });
        def("Logger", "info", 1, (m, a) -> Atom.OK);
        def(":erlang", "system_info", 1, (m, a) -> {
            String what = name(a[0]);
            if (what.equals("schedulers_online") || what.equals("schedulers")) return (long) m.ctx().node().config().schedulers();
            if (what.equals("process_count")) return (long) m.ctx().node().processCount();
            throw ElixirError.argument("not supported yet: :erlang.system_info(" + Format.inspect(a[0]) + ")");
        });
        // :"key#{n}" compiles to binary_to_atom(<<...>>, :utf8)
        def(":erlang", "binary_to_atom", 2, (m, a) -> Atom.of((String) a[0]));
        def(":erlang", "binary_to_atom", 1, (m, a) -> Atom.of((String) a[0]));
        def(":erlang", "atom_to_binary", 1, (m, a) -> ((Atom) a[0]).name());
        def(":erlang", "atom_to_binary", 2, (m, a) -> ((Atom) a[0]).name());
        def(":erlang", "monotonic_time", 0, (m, a) -> m.ctx().nanoTime());
        def(":erlang", "monotonic_time", 1, (m, a) -> timeIn(m.ctx().nanoTime(), a[0]));
        def(":erlang", "system_time", 1, (m, a) -> timeIn(System.currentTimeMillis() * 1_000_000L, a[0]));
        def(":erlang", "process_info", 2, (m, a) -> processInfo(m, a[0], a[1]));
        def(":erlang", "memory", 1, (m, a) -> Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        def(":erlang", "statistics", 1, (m, a) -> Tuple.of(System.currentTimeMillis(), 0L));
        def(":erlang", "phash2", 1, (m, a) -> (long) (a[0].hashCode() & 0x7ffffff));
        def(":erlang", "fun_info", 2, (m, a) -> {
            if (!(a[0] instanceof Closure c)) throw ElixirError.argument("argument error");
            if (a[1] == Atom.of("arity")) return Tuple.of(a[1], (long) c.arity());
            throw ElixirError.argument("not supported yet: :erlang.fun_info/2 with " + Format.inspect(a[1]));
        });
        def(":math", "pow", 2, (m, a) -> Math.pow(Values.dbl(a[0]), Values.dbl(a[1])));
        def(":math", "sqrt", 1, (m, a) -> Math.sqrt(Values.dbl(a[0])));
        def(":rand", "uniform", 1, (m, a) -> 1 + java.util.concurrent.ThreadLocalRandom.current().nextLong(lng(a[0])));
        def(":rand", "uniform", 0, (m, a) -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    private static Object timeIn(long nanos, Object unit) {
        String u = name(unit);
        return switch (u) {
            case "millisecond" -> nanos / 1_000_000L;
            case "microsecond" -> nanos / 1_000L;
            case "nanosecond", "native" -> nanos;
            case "second" -> nanos / 1_000_000_000L;
            default -> throw ElixirError.argument("unsupported time unit " + u);
        };
    }

    @SuppressWarnings("unchecked")
    static Map<Object, Object> map(Object v) {
        if (v instanceof Map<?, ?> m) return (Map<Object, Object>) m;
        throw badMap(v);
    }

    static Object orNil(Object v) {
        return v == null ? Atom.NIL : v;
    }

    static Object kwGet(Object kw, Object key, Object dflt) {
        for (Object o : list(kw)) if (o instanceof Tuple t && t.size() == 2 && Values.strictEq(t.get(0), key)) return t.get(1);
        return dflt;
    }

    static boolean member(Object enumerable, Object x) {
        if (enumerable instanceof Map<?, ?> m && m.get(Values.STRUCT) == Values.alias("Range")) {
            if (!(x instanceof Long v)) return false;
            long f = lng(m.get(FIRST)), l = lng(m.get(LAST)), st = lng(m.get(STEP));
            return st > 0 ? v >= f && v <= l && (v - f) % st == 0 : v <= f && v >= l && (f - v) % (-st) == 0;
        }
        for (Object o : toList(enumerable)) if (Values.strictEq(o, x)) return true;
        return false;
    }

    private static boolean containsStrict(List<Object> l, Object x) {
        for (Object o : l) if (Values.strictEq(o, x)) return true;
        return false;
    }

    private static Object extreme(List<Object> l, int sign) {
        if (l.isEmpty()) throw ElixirError.raise("Enum.EmptyError", "empty error");
        Object best = l.get(0);
        for (Object o : l) if (Values.compare(o, best) * sign > 0) best = o;
        return best;
    }

    private static String join(List<Object> l, String sep) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object o : l) {
            if (!first) sb.append(sep);
            first = false;
            sb.append(Values.toStr(o));
        }
        return sb.toString();
    }

    private static void flatten(List<Object> l, List<Object> out) {
        for (Object o : l) {
            if (o instanceof List<?> x) flatten(list(x), out);
            else out.add(o);
        }
    }

    private static String pad(String s, int n, String with, boolean leading) {
        int len = s.codePointCount(0, s.length());
        if (len >= n) return s;
        StringBuilder p = new StringBuilder();
        while (p.length() < n - len) p.append(with);
        p.setLength(n - len);
        return leading ? p + s : s + p;
    }

    static Object into(Object from, Object to) {
        List<Object> items = toList(from);
        if (to instanceof Map<?, ?> tm) {
            Map<Object, Object> out = new LinkedHashMap<>(map(tm));
            for (Object o : items) {
                Tuple t = (Tuple) o;
                out.put(t.get(0), t.get(1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (to instanceof List<?> tl) {
            List<Object> out = new ArrayList<>(list(tl));
            out.addAll(items);
            return Collections.unmodifiableList(out);
        }
        if (to instanceof String s) {
            StringBuilder sb = new StringBuilder(s);
            for (Object o : items) sb.append(Values.toStr(o));
            return sb.toString();
        }
        throw ElixirError.argument("not supported yet: Enum.into/2 with " + Format.inspect(to));
    }
}
