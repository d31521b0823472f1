package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.ErlangError;
import beamscope.runtime.ExitException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exceptions the evaluator raises, with Elixir's messages. */
final class Errors {
    private Errors() {}

    static final Atom CASE_CLAUSE = Atom.of("case_clause"), FUNCTION_CLAUSE = Atom.of("function_clause"),
            COND_CLAUSE = Atom.of("cond_clause"), WITH_CLAUSE = Atom.of("with_clause"),
            TRY_CLAUSE = Atom.of("try_clause");

    static ElixirError badmatch(Object v) {
        return withTerm("MatchError", "no match of right hand side value: " + Format.inspect(v), v);
    }

    static ElixirError badfun(Object v) {
        return withTerm("BadFunctionError", "expected a function, got: " + Format.inspect(v), v);
    }

    static ElixirError undefined(Atom module, String name, int arity) {
        return undefined(module, name, arity, true);
    }

    /** As Elixir says it: {@code is undefined or private}, or {@code (module X is not available)} when no such module exists. */
    static ElixirError undefined(Atom module, String name, int arity, boolean moduleExists) {
        String what = "function " + Values.moduleName(module) + "." + name + "/" + arity;
        return ElixirError.raise("UndefinedFunctionError", moduleExists ? what + " is undefined or private"
                : what + " is undefined (module " + Values.moduleName(module) + " is not available)");
    }

    /**
     * No clause of the named function {@code fn} matched: the error, with the frame the BEAM puts on top of its
     * stack trace ({@code {Module, :fun, [args], [file: 'f.exs', line: n]}}, {@code line} where the function's
     * first clause starts). Anonymous functions leave the stack trace empty.
     */
    static ElixirError noClause(Atom kind, Object v, Fn fn, Object[] slots, int line) {
        ElixirError e = noClause(kind, v, fn);
        if (kind != FUNCTION_CLAUSE || fn.anonymous || fn.module == null || line <= 0) return e;
        java.util.List<Object> args = java.util.List.of(java.util.Arrays.copyOf(slots, fn.arity));
        java.util.List<Object> location = java.util.List.of(
                beamscope.runtime.Tuple.of(Atom.of("file"), Library.charlist(fn.file)),
                beamscope.runtime.Tuple.of(Atom.of("line"), (long) line));
        return e.withStacktrace(java.util.List.of(beamscope.runtime.Tuple.of(
                Values.alias(fn.module), Atom.of(fn.name), args, location)));
    }

    static ElixirError noClause(Atom kind, Object v, Fn fn) {
        if (kind == CASE_CLAUSE) return withTerm("CaseClauseError", "no case clause matching: " + Format.inspect(v), v);
        if (kind == COND_CLAUSE) return ElixirError.raise("CondClauseError", "no cond clause evaluated to a truthy value");
        if (kind == WITH_CLAUSE) return withTerm("WithClauseError", "no with clause matching: " + Format.inspect(v), v);
        if (kind == TRY_CLAUSE) return withTerm("TryClauseError", "no try clause matching: " + Format.inspect(v), v);
        return ElixirError.raise("FunctionClauseError", "no function clause matching in " + fn.label);
    }

    private static ElixirError withTerm(String module, String message, Object term) {
        Map<Object, Object> m = new LinkedHashMap<>(Values.exception(module, message));
        m.put(Atom.of("term"), term);
        return new ElixirError(ElixirError.ERROR, java.util.Collections.unmodifiableMap(m));
    }

    /**
     * The exit reason of a process that died of this error, as the BEAM gives it: errors that stand for
     * Erlang errors in their Erlang form ({@code {:badmatch, 2}}, {@code :badarith}, ...), others the struct.
     */
    static Object erlangReason(Object exception) {
        if (!(exception instanceof Map<?, ?> m) || !(m.get(Values.STRUCT) instanceof Atom struct)) return exception;
        Object term = m.get(Atom.of("term"));
        Object message = m.get(Values.MESSAGE);
        return switch (Values.moduleName(struct)) {
            case "MatchError" -> term == null ? exception : beamscope.runtime.Tuple.of(Atom.of("badmatch"), term);
            case "CaseClauseError" -> term == null ? exception : beamscope.runtime.Tuple.of(CASE_CLAUSE, term);
            case "WithClauseError" -> term == null ? exception : beamscope.runtime.Tuple.of(WITH_CLAUSE, term);
            case "TryClauseError" -> term == null ? exception : beamscope.runtime.Tuple.of(TRY_CLAUSE, term);
            case "BadFunctionError" -> term == null ? exception : beamscope.runtime.Tuple.of(Atom.of("badfun"), term);
            case "ArithmeticError" -> "bad argument in arithmetic expression".equals(message) ? Atom.of("badarith") : exception;
            case "ArgumentError" -> "argument error".equals(message) ? Atom.BADARG : exception;
            case "FunctionClauseError" -> FUNCTION_CLAUSE;
            case "UndefinedFunctionError" -> Atom.of("undef");
            default -> exception;
        };
    }

    /** Any Java exception from the library or the runtime, as the Elixir error it stands for. */
    static ElixirError toElixir(Throwable t) {
        return switch (t) {
            case ElixirError e -> e;
            case ExitException x -> new ElixirError(ElixirError.EXIT, x.reason());
            case ErlangError e when e.reason() == Atom.BADARG -> ElixirError.argument("argument error");
            case ErlangError e -> new ElixirError(ElixirError.ERROR, Values.exception("ErlangError", "Erlang error: " + Format.inspect(e.reason())));
            case ArithmeticException a -> ElixirError.badarith();
            case StackOverflowError s -> ElixirError.raise("SystemLimitError", "a system limit has been reached (Java stack)");
            case ClassCastException c -> ElixirError.argument("argument error");
            case IndexOutOfBoundsException c -> ElixirError.argument("argument error");
            default -> new ElixirError(ElixirError.ERROR, Values.exception("RuntimeError", String.valueOf(t)));
        };
    }
}
