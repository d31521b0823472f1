package beamscope.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A mailbox with a pid for code outside the node (a GUI shell, a test, a Java main): other processes
 * send to {@link #pid()}, link to it and monitor it like any process. One thread at a time receives.
 * Exit signals are handled when a receive runs: a non-trapping inbox that gets an abnormal exit
 * signal closes, and later receives throw {@link ExitException} with the reason.
 *
 * <p>When the node closes, the inbox's process is gone like every other: a receive waiting then wakes,
 * and it and every later operation except {@link #isAlive()} (false) and {@link #close()} (nothing
 * to do) throw {@link IllegalStateException} "node closed", even with messages still queued.
 */
public interface Inbox extends AutoCloseable {

    Pid pid();

    /** The oldest message, waiting up to {@code timeout}. */
    Optional<Object> receive(Duration timeout);

    /** The oldest message that {@code matcher} accepts (a selective receive); others stay queued. */
    Optional<Object> receive(Predicate<Object> matcher, Duration timeout);

    void send(Pid to, Object message);

    void send(String name, Object message);

    void link(Pid pid);

    void unlink(Pid pid);

    Ref monitor(Pid pid);

    boolean demonitor(Ref ref, boolean flush);

    void exit(Pid pid, Object reason);

    boolean trapExit(boolean on);

    /** Queued messages, oldest first (at most {@code limit}). */
    java.util.List<Object> peek(int limit);

    boolean isAlive();

    /** Ends the inbox's process with reason {@code normal}. */
    @Override
    void close();
}
