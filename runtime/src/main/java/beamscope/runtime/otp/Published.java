package beamscope.runtime.otp;

import beamscope.runtime.ProcessContext;
import java.util.function.Supplier;

/**
 * What an OTP process publishes for observers, kept in its dictionary under {@code $beamscope}: one
 * object per process, written by the process (one volatile write per change), read by any thread
 * without messaging the process, so the inspector works while the schedulers are paused.
 *
 * <p>Behaviours written outside this package (the Elixir evaluator's GenServer, Agent, Supervisor and
 * DynamicSupervisor) publish through {@link #server} and {@link #supervisor}, so {@link Observe} and the
 * views read them exactly as they read the Java ones.
 */
public final class Published {
    private Published() {}

    /**
     * Publishes the calling process as a GenServer or Agent with {@code state} (an immutable value): the
     * first call creates its entry with the label {@code label} gives ({@code "BankAccount"}, {@code "Agent"}),
     * later ones replace the state. O(1): one dictionary read and one volatile write.
     */
    public static void server(ProcessContext ctx, Supplier<String> label, Object state) {
        if (ctx.get(ProcLib.OBSERVED) instanceof Server s) {
            s.state = state;
            return;
        }
        Server s = new Server(label.get());
        s.state = state;
        ctx.put(ProcLib.OBSERVED, s);
    }

    /**
     * Publishes the calling process as a supervisor ({@code dynamic}: a DynamicSupervisor) whose view
     * {@code source} builds, on an observer's thread when it is read; call it again after every change
     * with a source over the new children. O(1) for the supervisor. Observers find it only if it was
     * spawned with the initial call {@code "Supervisor.init/1"} or {@code "DynamicSupervisor.init/1"}
     * ({@link Observe#isSupervisor}).
     */
    public static void supervisor(ProcessContext ctx, String label, boolean dynamic, Supplier<SupervisorView> source) {
        if (ctx.get(ProcLib.OBSERVED) instanceof Supervisor s && s.dynamic == dynamic) {
            s.source = source;
            s.changed();
            return;
        }
        Supervisor s = new Supervisor(label, dynamic);
        s.source = source;
        ctx.put(ProcLib.OBSERVED, s);
    }

    /** A GenServer or Agent: its module label and its current state. */
    static final class Server {
        final String label;
        /** Written after every callback. States should be immutable values to be read safely. */
        volatile Object state;

        Server(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return "#Observed<" + label + ">";
        }
    }

    /**
     * A Supervisor or DynamicSupervisor. The supervisor does not rebuild its view after every change (that
     * costs O(n) per child start with n children); it bumps {@code version} (one volatile write), and an
     * observer builds the view from the supervisor's live children when the version it last built is stale.
     * Memory consistency: a view reflects every change published before the version it was built for was
     * read, and perhaps some later ones; a later read with a newer version builds again.
     */
    static final class Supervisor {
        private record Built(long version, SupervisorView view) {}

        private final String label;
        final boolean dynamic;
        /** Builds the current view on any thread; null until the supervisor has initialised. */
        volatile java.util.function.Supplier<SupervisorView> source;
        /** Written by the supervisor only. */
        private volatile long version;
        private volatile Built built;

        Supervisor(String label, boolean dynamic) {
            this.label = label;
            this.dynamic = dynamic;
        }

        /** Called by the supervisor after a change. */
        void changed() {
            version = version + 1; // one writer
        }

        /** The current view, or null before the supervisor has initialised. */
        SupervisorView view() {
            java.util.function.Supplier<SupervisorView> s = source;
            if (s == null) return null;
            long v = version;
            Built b = built;
            if (b != null && b.version == v) return b.view;
            SupervisorView fresh = s.get();
            built = new Built(v, fresh);
            return fresh;
        }

        @Override
        public String toString() {
            return "#Observed<" + label + ">";
        }
    }
}
