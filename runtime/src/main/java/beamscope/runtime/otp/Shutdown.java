package beamscope.runtime.otp;

import beamscope.runtime.Atom;
import java.time.Duration;

/** How a child is stopped (D24–D26): at once with kill, after a timeout, or waiting forever. */
public sealed interface Shutdown {

    /** {@code :brutal_kill}: {@code exit(child, :kill)} and wait for the DOWN. */
    record BrutalKill() implements Shutdown {}

    /** A timeout: {@code exit(child, :shutdown)}, wait this long, then kill. */
    record Timeout(Duration after) implements Shutdown {
        public Timeout {
            if (after.isNegative()) throw new IllegalArgumentException("negative shutdown timeout");
        }

        /** The timeout in milliseconds, {@link Long#MAX_VALUE} for one too long to count (it never ends). */
        public long millis() {
            try {
                return after.toMillis();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }

    /** {@code :infinity}: {@code exit(child, :shutdown)} and wait forever (the default for supervisors). */
    record Infinity() implements Shutdown {}

    Shutdown BRUTAL_KILL = new BrutalKill();
    Shutdown INFINITY = new Infinity();

    /** The worker default, 5000 ms (D5). */
    Shutdown DEFAULT_WORKER = new Timeout(Duration.ofMillis(5000));

    static Shutdown timeout(Duration after) {
        return new Timeout(after);
    }

    static Shutdown millis(long ms) {
        return new Timeout(Duration.ofMillis(ms));
    }

    default Object toTerm() {
        return switch (this) {
            case BrutalKill b -> Atom.of("brutal_kill");
            case Infinity i -> Atom.of("infinity");
            case Timeout t -> t.millis();
        };
    }
}
