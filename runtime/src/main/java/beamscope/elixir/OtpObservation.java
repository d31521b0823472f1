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
            RESTARTS = Atom.of("$restarts"), SUPERVISOR = Atom.of("supervisor");

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
}
