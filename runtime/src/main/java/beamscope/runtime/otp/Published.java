package beamscope.runtime.otp;

/**
 * What an OTP process publishes for observers, kept in its dictionary under {@code $beamscope}: one
 * object per process, written by the process (one volatile write per change), read by any thread
 * without messaging the process, so the inspector works while the schedulers are paused.
 */
final class Published {
    private Published() {}

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
