package beamscope.runtime;

/**
 * Thrown to end the current process with an exact exit reason, like Erlang's {@code exit/1}. The
 * runtime throws it from {@link ProcessContext#exit(Object)} and from a self-directed
 * {@code exit(self(), reason)}; handlers should let it pass.
 */
public final class ExitException extends RuntimeException {
    private final transient Object reason;

    public ExitException(Object reason) {
        super("exit: " + Terms.inspect(reason, 200), null, false, false);
        this.reason = reason;
    }

    public Object reason() {
        return reason;
    }
}
