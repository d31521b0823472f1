package beamscope.elixir;

import beamscope.runtime.Atom;

/**
 * An Elixir exception travelling through the evaluator: {@code kind} is {@code :error}, {@code :throw} or
 * {@code :exit}; for errors {@code value} is the exception struct (a map with {@code __struct__} and
 * {@code __exception__: true}). No Java stack trace is taken: raising is cheap and the Elixir stack is the
 * evaluator's own.
 */
public final class ElixirError extends RuntimeException {
    static final Atom ERROR = Atom.of("error"), THROW = Atom.of("throw"), EXIT = Atom.of("exit");

    private final transient Atom kind;
    private final transient Object value;
    /** What Elixir's report of an uncaught error adds after the message ({@code div(1, 0)}), or null. */
    private transient String blame;
    /** Elixir's stack trace, as far as the evaluator knows it (the frame of a function no clause matched). */
    private transient java.util.List<Object> stacktrace = java.util.List.of();

    public ElixirError(Atom kind, Object value) {
        super(null, null, false, false);
        this.kind = kind;
        this.value = value;
    }

    public Atom kind() {
        return kind;
    }

    public Object value() {
        return value;
    }

    @Override
    public String getMessage() {
        return Format.errorBanner(kind, value);
    }

    /** {@code raise Module, message: text}: an exception struct of the named module. */
    static ElixirError raise(String module, String message) {
        return new ElixirError(ERROR, Values.exception(module, message));
    }

    static ElixirError argument(String message) {
        return raise("ArgumentError", message);
    }

    static ElixirError badarith() {
        return raise("ArithmeticError", "bad argument in arithmetic expression");
    }

    /** A bad arithmetic call: the uncaught report names it ({@code ...expression: div(1, 0)}), as Elixir's does. */
    static ElixirError badarith(String call) {
        ElixirError e = badarith();
        e.blame = call;
        return e;
    }

    /** The stack trace a process that dies of this error carries in its exit reason ({@code {reason, stacktrace}}). */
    java.util.List<Object> stacktrace() {
        return stacktrace;
    }

    ElixirError withStacktrace(java.util.List<Object> frames) {
        stacktrace = frames;
        return this;
    }

    /** The first line of the report of this error when nothing caught it (with the blamed call, if any). */
    String uncaughtBanner() {
        String banner = Format.errorBanner(kind, value);
        return blame == null ? banner : banner + ": " + blame;
    }
}
