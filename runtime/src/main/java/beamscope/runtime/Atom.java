package beamscope.runtime;

import java.util.concurrent.ConcurrentHashMap;

/**
 * An Erlang atom: a named constant such as {@code :ok} or {@code :"with space"}.
 *
 * <p>Atoms are interned by {@link #of(String)}: two atoms with the same name are the same object, so
 * {@code tag == OK} works in guards. Equality is by name in any case.
 */
public record Atom(String name) implements Comparable<Atom> {

    private static final ConcurrentHashMap<String, Atom> TABLE = new ConcurrentHashMap<>();

    public static final Atom OK = of("ok");
    public static final Atom ERROR = of("error");
    public static final Atom TRUE = of("true");
    public static final Atom FALSE = of("false");
    public static final Atom NIL = of("nil");
    public static final Atom UNDEFINED = of("undefined");
    public static final Atom NORMAL = of("normal");
    public static final Atom KILL = of("kill");
    public static final Atom KILLED = of("killed");
    public static final Atom SHUTDOWN = of("shutdown");
    public static final Atom NOPROC = of("noproc");
    public static final Atom TIMEOUT = of("timeout");
    public static final Atom BADARG = of("badarg");
    public static final Atom SYSTEM_LIMIT = of("system_limit");
    public static final Atom EXIT = of("EXIT");
    public static final Atom DOWN = of("DOWN");
    public static final Atom PROCESS = of("process");

    public Atom {
        if (name == null) throw new NullPointerException("atom name");
    }

    /** The interned atom with this name. */
    public static Atom of(String name) {
        Atom a = TABLE.get(name);
        return a != null ? a : TABLE.computeIfAbsent(name, Atom::new);
    }

    @Override
    public int compareTo(Atom o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return Terms.inspect(this);
    }
}
