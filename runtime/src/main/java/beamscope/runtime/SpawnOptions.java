package beamscope.runtime;

/**
 * Options for a spawn, like {@code spawn_opt}: priority, a registered name taken atomically with the
 * spawn, and the label observers show as the initial call (e.g. {@code "Counter.init/1"}).
 */
public record SpawnOptions(Priority priority, String name, String initialCall) {

    private static final SpawnOptions DEFAULTS = new SpawnOptions(Priority.NORMAL, null, null);

    public SpawnOptions {
        if (priority == null) priority = Priority.NORMAL;
    }

    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    public SpawnOptions withPriority(Priority p) {
        return new SpawnOptions(p, name, initialCall);
    }

    public SpawnOptions withName(String n) {
        return new SpawnOptions(priority, n, initialCall);
    }

    public SpawnOptions withInitialCall(String label) {
        return new SpawnOptions(priority, name, label);
    }
}
