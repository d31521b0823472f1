package beamscope.runtime;

/**
 * The node's monotonic time source. The system clock in production; a {@link ManualClock} in tests,
 * where timers and receive timeouts fire only when the test advances it.
 */
public interface Clock {

    long nanoTime();

    /** True when time moves only by {@link #onAdvance} notifications (the timer thread then waits for them). */
    default boolean isManual() {
        return false;
    }

    /** Registers a callback run after the clock moves (manual clocks only). */
    default void onAdvance(Runnable listener) {}

    Clock SYSTEM = System::nanoTime;
}
