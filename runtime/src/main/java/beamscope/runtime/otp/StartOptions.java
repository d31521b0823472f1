package beamscope.runtime.otp;

import java.time.Duration;

/**
 * Options of a start: a registered name taken before init runs (a taken name gives
 * {@code {:error, {:already_started, pid}}}), and how long the starter waits for init ({@code {:timeout, t}}
 * in OTP; when it passes the new process is killed and the start returns {@code {:error, :timeout}}).
 */
public record StartOptions(String name, Duration timeout) {

    public static final StartOptions DEFAULTS = new StartOptions(null, GenServer.INFINITY);

    public StartOptions {
        if (timeout == null) timeout = GenServer.INFINITY;
    }

    public static StartOptions named(String name) {
        return new StartOptions(name, GenServer.INFINITY);
    }

    public StartOptions withName(String n) {
        return new StartOptions(n, timeout);
    }

    public StartOptions withTimeout(Duration t) {
        return new StartOptions(name, t);
    }
}
