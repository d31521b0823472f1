package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Published;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prelude's GenServer, Agent, Supervisor and DynamicSupervisor publish themselves through the runtime's
 * {@link Published}, as the Java behaviours do, so {@link beamscope.runtime.otp.Observe} and the views show
 * them alike. Elixir values are immutable, so a supervisor hands over its flags and children as they are
 * (O(1) per change) and the view is built from them on the observer's thread when it is read.
 */
final class OtpObservation {
    private OtpObservation() {}

    static final Atom STRATEGY = Atom.of("strategy"), INTENSITY = Atom.of("intensity"), PERIOD = Atom.of("period"),
            MAX_CHILDREN = Atom.of("max_children"), ID = Atom.of("id"), RESTART = Atom.of("restart"), TYPE = Atom.of("type"),
            RESTARTS = Atom.of("$restarts"), SUPERVISOR = Atom.of("supervisor"), NAME = Atom.of("$name"),
            SHUTDOWN = Atom.of("shutdown"), PROGRESS_REPORT = Atom.of("progress_report"),
            SUPERVISOR_REPORT = Atom.of("supervisor_report");

    /** {@code Beamscope.publish_server(module, state)}: the label is the module, {@code "Agent"} for an Agent. */
    static Object server(Machine m, Object module, Object state) {
        Published.server(m.ctx(), () -> label(module), state);
        return Atom.OK;
    }

    static String label(Object module) {
        if (module == Values.alias("Agent.Server")) return "Agent";
        return Format.inspect(module);
    }

    /**
     * {@code Beamscope.publish_supervisor(flags, children, dynamic, name)}: {@code flags} the supervisor's
     * map ({@code strategy}, {@code intensity}, {@code period}, perhaps {@code max_children}), {@code children}
     * its list of {@code {spec, pid | :undefined}} in start order, a spec counting restarts under {@code :"$restarts"}.
     */
    static Object supervisor(Machine m, Object flags, Object children, Object dynamic, Object name) {
        boolean dyn = dynamic == Atom.TRUE;
        Pid self = m.self();
        Optional<String> registered = name instanceof Atom a && a != Atom.NIL ? Optional.of(a.name()) : Optional.empty();
        Published.supervisor(m.ctx(), dyn ? "DynamicSupervisor" : "Supervisor", dyn,
                () -> view(self, registered, (Map<?, ?>) flags, (List<?>) children, dyn));
        return Atom.OK;
    }

    private static SupervisorView view(Pid self, Optional<String> name, Map<?, ?> flags, List<?> children, boolean dynamic) {
        List<ChildView> views = new ArrayList<>(children.size());
        for (Object c : children) {
            Tuple t = (Tuple) c;
            Map<?, ?> spec = (Map<?, ?>) t.get(0);
            Optional<Pid> pid = t.get(1) instanceof Pid p ? Optional.of(p) : Optional.empty();
            views.add(new ChildView(dynamic ? Atom.UNDEFINED : spec.get(ID), pid,
                    pid.isPresent() ? ChildView.Status.RUNNING : ChildView.Status.UNDEFINED,
                    spec.get(TYPE) == SUPERVISOR ? ChildType.SUPERVISOR : ChildType.WORKER,
                    constant(Restart.class, spec.get(RESTART), Restart.PERMANENT),
                    spec.get(RESTARTS) instanceof Long n ? n.intValue() : 0));
        }
        Object max = flags.get(MAX_CHILDREN);
        return new SupervisorView(self, name, dynamic ? "DynamicSupervisor" : "Supervisor",
                constant(Strategy.class, flags.get(STRATEGY), Strategy.ONE_FOR_ONE),
                flags.get(INTENSITY) instanceof Long i ? i.intValue() : 3, flags.get(PERIOD) instanceof Long p ? p.intValue() : 5,
                dynamic, dynamic && max instanceof Long n ? n.intValue() : -1, List.copyOf(views));
    }

    /** The constant an atom names ({@code :one_for_all}), or {@code otherwise}. */
    private static <E extends Enum<E>> E constant(Class<E> type, Object atom, E otherwise) {
        if (!(atom instanceof Atom a)) return otherwise;
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(a.name())) return e;
        return otherwise;
    }

    // ---------------------------------------------------------------- reports, as SupervisorProcess makes them

    /**
     * {@code Beamscope.progress_report(flags, spec, pid)}: a child (re)started, the event the views animate
     * ({@code restart_count} above zero is a restart).
     */
    static Object progress(Machine m, Object flags, Object spec, Object pid) {
        Map<?, ?> s = (Map<?, ?>) spec;
        m.ctx().node().report(m.self(), PROGRESS_REPORT, List.of(Tuple.of(SUPERVISOR, supervisorTerm(m, flags)),
                Tuple.of(Atom.of("started"), offender(s, pid)),
                Tuple.of(Atom.of("restart_count"), s.get(RESTARTS) instanceof Long n ? n : 0L)));
        return Atom.OK;
    }

    /**
     * {@code Beamscope.supervisor_report(flags, context, reason, spec, pid)}: {@code :child_terminated}, or
     * {@code :shutdown} with {@code :reached_max_restart_intensity} when the supervisor gives up.
     */
    static Object supervisorReport(Machine m, Object flags, Object context, Object reason, Object spec, Object pid) {
        m.ctx().node().report(m.self(), SUPERVISOR_REPORT, List.of(Tuple.of(SUPERVISOR, supervisorTerm(m, flags)),
                Tuple.of(Atom.of("errorContext"), context), Tuple.of(Atom.of("reason"), reason),
                Tuple.of(Atom.of("offender"), offender((Map<?, ?>) spec, pid))));
        return Atom.OK;
    }

    /** Its registered name, else its pid. */
    private static Object supervisorTerm(Machine m, Object flags) {
        return ((Map<?, ?>) flags).get(NAME) instanceof Atom a && a != Atom.NIL ? a : m.self();
    }

    /** As {@code ChildSpec.offender}: pid, id, restart type, shutdown (5000, or infinity for a supervisor), child type. */
    private static List<Object> offender(Map<?, ?> spec, Object pid) {
        Object type = spec.get(TYPE) instanceof Atom t ? t : Atom.of("worker");
        Object shutdown = spec.containsKey(SHUTDOWN) ? spec.get(SHUTDOWN) : type == SUPERVISOR ? Atom.of("infinity") : (Object) 5000L;
        return List.of(Tuple.of(Atom.of("pid"), pid), Tuple.of(ID, spec.get(ID)),
                Tuple.of(Atom.of("restart_type"), spec.get(RESTART) instanceof Atom r ? r : Atom.of("permanent")),
                Tuple.of(SHUTDOWN, shutdown), Tuple.of(Atom.of("child_type"), type));
    }
}
