package beamscope.runtime;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Erlang atom: a named constant such as {@code :ok} or {@code :"with space"}.
 *
 * <p>Atoms are interned by {@link #of(String)}: two atoms with the same name are the same object, so
 * {@code tag == OK} works in guards. Equality is by name in any case.
 *
 * <p>As on the BEAM, the atom table is never collected, so it has limits: a name has at most
 * {@link #MAX_NAME_LENGTH} characters (code points), and the table holds at most {@link #tableLimit()}
 * atoms (1,048,576 unless the system property {@code beamscope.atoms.limit} says otherwise, as the
 * emulator flag {@code +t} does; at least 8192). Past either, {@link #of(String)} fails with {@code system_limit}. Text
 * from an untrusted source should be read with {@link Terms#parse(String, ReadLimits)}, which bounds how
 * many new atoms one text may create.
 */
public record Atom(String name) implements Comparable<Atom> {

    /** The most characters (code points) an atom's name may have, as in OTP. */
    public static final int MAX_NAME_LENGTH = 255;

    /** The table's limit when {@code beamscope.atoms.limit} is not set: OTP's default, 1,048,576. */
    public static final int DEFAULT_TABLE_LIMIT = 1 << 20;

    /** The property's value, but at least 8192, as for the emulator's {@code +t}; the constants below always fit. */
    private static final int LIMIT = Math.max(8192, Integer.getInteger("beamscope.atoms.limit", DEFAULT_TABLE_LIMIT));
    private static final AtomicInteger COUNT = new AtomicInteger();
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

    /**
     * The interned atom with this name, added to the table when it is not there yet.
     *
     * @throws ErlangError with reason {@code system_limit} when the name is longer than
     *                     {@link #MAX_NAME_LENGTH} characters, or the table is full
     */
    public static Atom of(String name) {
        Atom a = TABLE.get(name);
        return a != null ? a : TABLE.computeIfAbsent(checkedName(name), Atom::add);
    }

    /** The atom with this name if it is in the table, as {@code String.to_existing_atom/1}; creates none. */
    public static Optional<Atom> existing(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** The interned atom with this name, or null; creates none. */
    static Atom lookup(String name) {
        return TABLE.get(name);
    }

    /** How many atoms the table holds, as {@code :erlang.system_info(:atom_count)}. */
    public static int count() {
        return COUNT.get();
    }

    /** How many atoms the table may hold, as {@code :erlang.system_info(:atom_limit)}. */
    public static int tableLimit() {
        return LIMIT;
    }

    /** True when the name is short enough to be an atom's: at most {@link #MAX_NAME_LENGTH} code points. */
    static boolean isValidName(String name) {
        return name.length() <= MAX_NAME_LENGTH
                || name.length() <= 2 * MAX_NAME_LENGTH && name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH;
    }

    private static String checkedName(String name) {
        if (!isValidName(name)) {
            throw new ErlangError(SYSTEM_LIMIT, "an atom's name has at most " + MAX_NAME_LENGTH
                    + " characters; this one has " + name.codePointCount(0, name.length()));
        }
        return name;
    }

    /** Runs inside the table's computeIfAbsent, once per new name; a failure here adds nothing. */
    private static Atom add(String name) {
        while (true) {
            int n = COUNT.get();
            if (n >= LIMIT) throw new ErlangError(SYSTEM_LIMIT, "the atom table is full (" + LIMIT + " atoms)");
            if (COUNT.compareAndSet(n, n + 1)) return new Atom(name);
        }
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
