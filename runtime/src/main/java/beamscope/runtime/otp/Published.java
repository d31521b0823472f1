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

    /** A Supervisor or DynamicSupervisor: an immutable view, replaced after every change. */
    static final class Supervisor {
        volatile SupervisorView view;

        Supervisor(SupervisorView view) {
            this.view = view;
        }

        @Override
        public String toString() {
            SupervisorView v = view;
            return "#Observed<" + (v == null ? "supervisor" : v.label()) + ">";
        }
    }
}
