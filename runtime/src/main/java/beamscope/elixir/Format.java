package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** {@code inspect/1} and the error reports, as Elixir 1.14 prints them. */
final class Format {
    private Format() {}

    static String inspect(Object v) {
        return inspect(v, false);
    }

    /** {@code inspect(v, charlists: :as_lists)} when {@code charlistsAsLists}. */
    static String inspect(Object v, boolean charlistsAsLists) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, charlistsAsLists);
        return sb.toString();
    }

    /** The fields of each struct in definition order, as {@code defstruct} listed them (inspect shows them so). */
    private static final Map<Atom, List<Object>> STRUCT_FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    static void structFields(Atom module, List<Object> fields) {
        STRUCT_FIELDS.put(module, List.copyOf(fields));
    }

    private static void write(StringBuilder sb, Object v, int depth, boolean asLists) {
        if (depth > 10_000) {
            sb.append("...");
            return;
        }
        switch (v) {
            case null -> sb.append("nil");
            case Atom a -> sb.append(Terms.inspect(a));
            case String s -> {
                if (isPrintable(s)) sb.append(Terms.inspect(s));
                else writeBytes(sb, s);
            }
            case Double d -> sb.append(Terms.inspect(d));
            case Pid p -> sb.append("#PID<").append(p.node()).append('.').append(p.id()).append(".0>");
            case Closure c -> sb.append("#Function<").append(System.identityHashCode(c.fn()) % 100).append(".0/")
                    .append(c.arity()).append(" in ").append(c.fn().module == null ? ":elixir_compiler_0" : c.fn().module)
                    .append('.').append(c.fn().name).append('>');
            case Tuple t -> {
                sb.append('{');
                for (int i = 0; i < t.size(); i++) {
                    if (i > 0) sb.append(", ");
                    write(sb, t.get(i), depth + 1, asLists);
                }
                sb.append('}');
            }
            case List<?> l -> writeList(sb, l, depth, asLists);
            case Map<?, ?> m -> writeMap(sb, m, depth, asLists);
            default -> sb.append(Terms.inspect(v));
        }
    }

    /** Elixir's String.printable?/1: else inspect shows the bytes, {@code <<97, 98, 0>>}. */
    static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 32 && c < 127) continue;
            if ((c >= 7 && c <= 13) || c == 27 || (c >= 160 && !Character.isSurrogate(c))) continue;
            if (Character.isSurrogate(c)) continue;
            return false;
        }
        return true;
    }

    private static void writeBytes(StringBuilder sb, String s) {
        sb.append("<<");
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) sb.append(i == 0 ? "" : ", ").append(bytes[i] & 0xff);
        sb.append(">>");
    }

    static boolean isPrintableCharlist(List<?> l) {
        if (l.isEmpty()) return false;
        for (Object o : l) {
            if (!(o instanceof Long c)) return false;
            if (!((c >= 32 && c < 127) || c == '\n' || c == '\r' || c == '\t' || c == 7 || c == 8 || c == 11 || c == 12 || c == 27
                    || (c >= 160 && c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF)))) return false;
        }
        return true;
    }

    static boolean isKeywordList(List<?> l) {
        if (l.isEmpty()) return false;
        for (Object o : l) if (!(o instanceof Tuple t && t.size() == 2 && t.get(0) instanceof Atom)) return false;
        return true;
    }

    private static void writeList(StringBuilder sb, List<?> l, int depth, boolean asLists) {
        if (!asLists && isPrintableCharlist(l)) {
            String s = Terms.inspect(Values.charsToString(l));
            sb.append('\'').append(s, 1, s.length() - 1).append('\'');
            return;
        }
        boolean kw = isKeywordList(l);
        sb.append('[');
        boolean first = true;
        for (Object o : l) {
            if (!first) sb.append(", ");
            first = false;
            if (kw) {
                Tuple t = (Tuple) o;
                keyword(sb, (Atom) t.get(0));
                write(sb, t.get(1), depth + 1, asLists);
            } else {
                write(sb, o, depth + 1, asLists);
            }
        }
        sb.append(']');
    }

    private static void keyword(StringBuilder sb, Atom key) {
        String s = Terms.inspect(List.of(Tuple.of(key, 0L)));   // "[key: 0]"
        sb.append(s, 1, s.length() - 2);
    }

    @SuppressWarnings("unchecked")
    private static void writeMap(StringBuilder sb, Map<?, ?> m0, int depth, boolean asLists) {
        Map<Object, Object> m = (Map<Object, Object>) m0;
        Object struct = m.get(Values.STRUCT);
        if (struct == Values.alias("Range") && m.get(Atom.of("first")) != null) {
            sb.append(inspect(m.get(Atom.of("first")))).append("..").append(inspect(m.get(Atom.of("last"))));
            Object step = m.get(Atom.of("step"));
            if (step != null && !Values.eq(step, 1L)) sb.append("//").append(inspect(step));
            return;
        }
        if (struct == Values.alias("MapSet") && m.get(Atom.of("map")) instanceof Map<?, ?> set) {
            sb.append("MapSet.new(");
            writeList(sb, Values.sortedKeys((Map<Object, Object>) set), depth + 1, asLists);
            sb.append(')');
            return;
        }
        List<Object> keys = Values.sortedKeys(m);
        List<Object> defined = struct instanceof Atom sa ? STRUCT_FIELDS.get(sa) : null;
        if (defined != null && keys.size() == defined.size() + 1 && keys.containsAll(defined)) keys = defined;
        boolean allAtoms = true;
        for (Object k : keys) if (!(k instanceof Atom)) allAtoms = false;
        if (struct instanceof Atom s) {
            sb.append('%').append(Values.moduleName(s)).append('{');
        } else {
            sb.append("%{");
        }
        boolean first = true;
        for (Object k : keys) {
            if (struct != null && (k == Values.STRUCT || k == Values.EXCEPTION)) continue;
            if (!first) sb.append(", ");
            first = false;
            if (allAtoms) {
                keyword(sb, (Atom) k);
            } else {
                write(sb, k, depth + 1, asLists);
                sb.append(" => ");
            }
            write(sb, m.get(k), depth + 1, asLists);
        }
        sb.append('}');
    }

    // ---------------------------------------------------------------- errors

    /** {@code Exception.message/1} for an exception struct. */
    static String message(Object exception) {
        if (exception instanceof Map<?, ?> m && m.get(Values.MESSAGE) instanceof String s) return s;
        if (exception instanceof Map<?, ?> m && m.get(Values.STRUCT) instanceof Atom a) return Values.moduleName(a) + " exception";
        return inspect(exception);
    }

    /** The first line of Elixir's report for an uncaught error: {@code ** (RuntimeError) boom}. */
    static String errorBanner(Atom kind, Object value) {
        if (kind == ElixirError.ERROR && Values.isException(value)) {
            Map<?, ?> m = (Map<?, ?>) value;
            return "** (" + Values.moduleName(m.get(Values.STRUCT)) + ") " + message(value);
        }
        if (kind == ElixirError.THROW) return "** (throw) " + inspect(value);
        if (kind == ElixirError.EXIT) return "** (exit) " + exitText(value);
        return "** (ErlangError) Erlang error: " + inspect(value);
    }

    static String exitText(Object reason) {
        return exitText(reason, "\n    ");
    }

    private static final Atom SHUTDOWN = Atom.of("shutdown"), FAILED_TO_START_CHILD = Atom.of("failed_to_start_child");

    /**
     * An exit reason as Elixir's {@code Exception.format_exit} words it: an error with its stack, a supervisor
     * that could not start a child, a failed call ({@code exited in: GenServer.call(...)}), the OTP reasons
     * it names ({@code normal}, {@code time out}, {@code already started: #PID<...>}, ...), else inspected.
     */
    static String exitText(Object reason, String joiner) {
        if (reason instanceof Tuple t && t.size() == 2 && Values.isException(t.get(0)) && t.get(1) instanceof List) {
            return "an exception was raised:" + joiner + errorBanner(ElixirError.ERROR, t.get(0)).replace("\n", joiner);
        }
        if (reason instanceof Tuple t && t.size() == 2 && t.get(0) == SHUTDOWN && t.get(1) instanceof Tuple f
                && f.size() == 3 && f.get(0) == FAILED_TO_START_CHILD) {
            Object why = f.get(2) instanceof Tuple e && e.size() == 2 && e.get(0) == Atom.of("EXIT") ? e.get(1) : f.get(2);
            return "shutdown: failed to start child: " + inspect(f.get(1)) + joiner + "** (EXIT) " + exitText(why, joiner + "    ");
        }
        if (reason instanceof Tuple t && t.size() == 2 && t.get(1) instanceof Tuple mfa && mfa.size() == 3
                && mfa.get(0) instanceof Atom m && mfa.get(1) instanceof Atom f && mfa.get(2) instanceof List<?> args) {
            StringBuilder call = new StringBuilder(inspect(m)).append('.').append(f.name()).append('(');
            for (int i = 0; i < args.size(); i++) call.append(i == 0 ? "" : ", ").append(inspect(args.get(i)));
            return "exited in: " + call + ")" + joiner + "** (EXIT) " + exitText(t.get(0), joiner + "    ");
        }
        if (reason instanceof Atom a) {
            switch (a.name()) {
                case "normal", "shutdown", "killed" -> { return a.name(); }
                case "calling_self" -> { return "process attempted to call itself"; }
                case "timeout" -> { return "time out"; }
                case "noconnection" -> { return "no connection"; }
                case "noproc" -> { return "no process: the process is not alive or there's no process currently associated "
                        + "with the given name, possibly because its application isn't started"; }
                default -> { }
            }
        }
        if (reason instanceof Tuple t && t.size() == 2 && t.get(0) instanceof Atom a) {
            switch (a.name()) {
                case "shutdown" -> { return "shutdown: " + inspect(t.get(1)); }
                case "already_started" -> { return "already started: " + inspect(t.get(1)); }
                case "bad_return_value" -> { return "bad return value: " + inspect(t.get(1)); }
                case "bad_call" -> { return "bad call: " + inspect(t.get(1)); }
                case "bad_cast" -> { return "bad cast: " + inspect(t.get(1)); }
                default -> { }
            }
        }
        return inspect(reason);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** What Elixir's logger prints when a spawned process dies of an uncaught error. */
    static String crashReport(Pid pid, Atom kind, Object value) {
        String banner = kind == ElixirError.THROW
                ? "** (ErlangError) Erlang error: {:nocatch, " + inspect(value) + "}"
                : errorBanner(kind, value);
        return "\n" + LocalTime.now().format(TIME) + " [error] Process " + inspect(pid) + " raised an exception\n" + banner;
    }
}
