package beamscope.runtime;

/**
 * An error with an Erlang reason term ({@code badarg}, {@code noproc}, {@code system_limit}…). Thrown
 * by runtime operations; when it escapes a handler the process exits with {@code {reason, stacktrace}}
 * as for an Erlang {@code error/1}.
 */
public class ErlangError extends RuntimeException {
    private final transient Object reason;

    public ErlangError(Object reason, String detail) {
        super(Terms.inspect(reason, 200) + (detail == null ? "" : ": " + detail));
        this.reason = reason;
    }

    public ErlangError(Object reason) {
        this(reason, null);
    }

    public Object reason() {
        return reason;
    }

    public static ErlangError badarg(String detail) {
        return new ErlangError(Atom.BADARG, detail);
    }
}
