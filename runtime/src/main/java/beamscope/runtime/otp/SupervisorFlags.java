package beamscope.runtime.otp;

import java.util.Objects;

/**
 * A supervisor's flags: strategy, intensity ({@code max_restarts}) and period ({@code max_seconds},
 * whole seconds). Elixir's defaults: 3 restarts in 5 seconds (D2). More than {@code intensity} restarts
 * within the last {@code period} seconds (inclusive) shut the supervisor down (D20, D21).
 */
public record SupervisorFlags(Strategy strategy, int intensity, int period) {

    public static final int DEFAULT_INTENSITY = 3;
    public static final int DEFAULT_PERIOD = 5;

    public SupervisorFlags {
        Objects.requireNonNull(strategy, "strategy");
        if (intensity < 0) throw new IllegalArgumentException("intensity must be >= 0, was " + intensity);
        if (period < 1) throw new IllegalArgumentException("period must be >= 1 second, was " + period);
    }

    /** The strategy with the defaults 3 in 5 s. */
    public static SupervisorFlags of(Strategy strategy) {
        return new SupervisorFlags(strategy, DEFAULT_INTENSITY, DEFAULT_PERIOD);
    }

    public SupervisorFlags withIntensity(int maxRestarts, int maxSeconds) {
        return new SupervisorFlags(strategy, maxRestarts, maxSeconds);
    }
}
