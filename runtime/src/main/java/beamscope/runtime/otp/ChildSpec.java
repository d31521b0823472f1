package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import beamscope.runtime.Tuple;
import java.util.List;
import java.util.Objects;

/**
 * A child specification (D5): id, start function, restart type, shutdown and type. Defaults follow OTP
 * and Elixir: permanent; shutdown 5000 ms for a worker and infinity for a supervisor.
 *
 * <pre>{@code
 * ChildSpec.worker("account", ChildStart.genServer(new BankAccount(), 1000L)).withRestart(Restart.TRANSIENT)
 * }</pre>
 */
public record ChildSpec(Object id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        if (restart == null) restart = Restart.PERMANENT;
        if (type == null) type = ChildType.WORKER;
        if (shutdown == null) shutdown = type == ChildType.SUPERVISOR ? Shutdown.INFINITY : Shutdown.DEFAULT_WORKER;
    }

    /** A permanent worker with a 5000 ms shutdown. */
    public static ChildSpec worker(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, null, ChildType.WORKER);
    }

    /** A permanent supervisor child with shutdown infinity. */
    public static ChildSpec supervisor(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, null, ChildType.SUPERVISOR);
    }

    /** A nested {@link Supervisor} with these flags and children. */
    public static ChildSpec supervisor(Object id, SupervisorFlags flags, List<ChildSpec> children) {
        return supervisor(id, ChildStart.supervisor(flags, children));
    }

    public ChildSpec withId(Object newId) {
        return new ChildSpec(newId, start, restart, shutdown, type);
    }

    public ChildSpec withRestart(Restart r) {
        return new ChildSpec(id, start, r, shutdown, type);
    }

    public ChildSpec withShutdown(Shutdown s) {
        return new ChildSpec(id, start, restart, s, type);
    }

    public ChildSpec withType(ChildType t) {
        return new ChildSpec(id, start, restart, t == type ? shutdown : null, t);
    }

    /** The offender list of a supervisor report for a child with this spec running as {@code pid}. */
    Object offender(Object pid) {
        return ProcLib.list(Tuple.of(Atom.of("pid"), pid), Tuple.of(Atom.of("id"), id),
                Tuple.of(Atom.of("restart_type"), Atom.of(restart.atomName())),
                Tuple.of(Atom.of("shutdown"), shutdown.toTerm()), Tuple.of(Atom.of("child_type"), Atom.of(type.atomName())));
    }
}
