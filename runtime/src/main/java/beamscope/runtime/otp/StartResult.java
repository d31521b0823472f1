package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;

/**
 * What a start function returns (C2, D6): {@code {:ok, pid}}, {@code :ignore} or {@code {:error, reason}}.
 * {@link GenServer#startLink}, {@link Supervisor#startLink} and every {@link ChildStart} return one.
 */
public sealed interface StartResult {

    /** {@code {:ok, pid}} */
    record Ok(Pid pid) implements StartResult {}

    /** {@code :ignore}: init chose not to start; the process has already exited {@code normal}. */
    record Ignore() implements StartResult {}

    /** {@code {:error, reason}}: the process has already exited and any EXIT it caused was consumed (C3). */
    record Error(Object reason) implements StartResult {}

    static StartResult ok(Pid pid) {
        return new Ok(pid);
    }

    static StartResult ignore() {
        return IGNORE;
    }

    static StartResult error(Object reason) {
        return new Error(reason);
    }

    StartResult IGNORE = new Ignore();

    /** The pid when this is {@code Ok}; throws {@link IllegalStateException} otherwise. */
    default Pid pid() {
        if (this instanceof Ok ok) return ok.pid();
        throw new IllegalStateException("not started: " + this);
    }

    /** The Erlang term: {@code {:ok, pid}}, {@code :ignore} or {@code {:error, reason}}. */
    default Object toTerm() {
        return switch (this) {
            case Ok ok -> Tuple.of(Atom.OK, ok.pid());
            case Ignore i -> Atom.of("ignore");
            case Error e -> Tuple.of(Atom.ERROR, e.reason());
        };
    }
}
