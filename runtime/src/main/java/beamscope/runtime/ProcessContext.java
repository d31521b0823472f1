package beamscope.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * What a running process can do: Erlang's BIFs for the process itself. Only valid inside the process's
 * own handlers (it is not thread-safe and must not escape to other threads).
 */
public interface ProcessContext {

    /** {@code self()} */
    Pid self();

    /** The node this process lives on. */
    Node node();

    /**
     * {@code send(dest, msg)}: never fails for a pid, even a dead one (A35). Costs reductions (F9).
     *
     * <p>The message is shared by reference, not copied as on the BEAM: the receiver gets the very object
     * that was sent. A sender that mutates a sent object afterwards changes what the receiver sees (and
     * races with it, since processes run on different scheduler threads). Send immutable values: atoms,
     * numbers, strings, records, {@link Tuple}s, and lists and maps from {@code List.of}/{@code Map.of}.
     */
    void send(Pid to, Object message);

    /**
     * {@code send(name, msg)}: fails with {@code badarg} when no process has the name (A35). The message is
     * shared by reference, not copied; see {@link #send(Pid, Object)}.
     */
    void send(String name, Object message);

    Pid spawn(Behavior behavior);

    Pid spawn(Behavior behavior, SpawnOptions options);

    /** Spawn and link atomically (A14). */
    Pid spawnLink(Behavior behavior);

    Pid spawnLink(Behavior behavior, SpawnOptions options);

    /** Spawn and monitor atomically; the monitor's reference comes back with the pid. */
    Spawned spawnMonitor(Behavior behavior);

    Spawned spawnMonitor(Behavior behavior, SpawnOptions options);

    /** The result of {@link #spawnMonitor}. */
    record Spawned(Pid pid, Ref ref) {}

    /**
     * {@code link(pid)}. Linking to self does nothing (A13). Linking to a process that is gone raises
     * {@code noproc} unless this process traps exits, in which case {@code {:EXIT, pid, :noproc}} arrives
     * instead (A18).
     */
    void link(Pid pid);

    /** {@code unlink(pid)}: after it returns the link can no longer affect this process (A20). */
    void unlink(Pid pid);

    /** {@code Process.monitor(pid)}; a dead target gives an immediate {@code :DOWN} with {@code :noproc} (A23). */
    Ref monitor(Pid pid);

    /** Monitor by registered name, resolved once (A24); the DOWN message names {@code {name, node}}. */
    Ref monitor(String name);

    /** {@code demonitor(ref)}: returns true; a DOWN already queued stays (A27). */
    boolean demonitor(Ref ref);

    /**
     * {@code demonitor(ref, [flush?, info?])} (A28): with flush, one queued DOWN for ref is removed; the
     * result is true when the monitor was still active.
     */
    boolean demonitor(Ref ref, boolean flush);

    /** {@code exit(pid, reason)} with the rules of A4–A10, including the self-directed cases. */
    void exit(Pid pid, Object reason);

    /** {@code exit(reason)}: end this process now with exactly this reason. Never returns. */
    default void exit(Object reason) {
        throw new ExitException(reason);
    }

    /** {@code process_flag(:trap_exit, on)}; returns the old value. */
    boolean trapExit(boolean on);

    boolean trapExit();

    /**
     * {@code process_flag(:max_heap_size, limit)}: this process's mailbox limit ({@link MaxHeap}); returns
     * the old value. {@link MaxHeap#OFF} (or null) removes it. A limit below what is queued already acts at
     * once: with {@code kill} the process dies {@code :killed} as soon as the handler returns.
     */
    MaxHeap maxHeap(MaxHeap limit);

    /** This process's mailbox limit, {@link MaxHeap#OFF} when none. */
    MaxHeap maxHeap();

    /** {@code process_flag(:priority, p)}; returns the old value. */
    Priority priority(Priority priority);

    Priority priority();

    /** {@code Process.register(self(), name)}: badarg when taken or when this process has a name (A31). */
    void register(String name);

    /** {@code Process.unregister(name)}: badarg when not registered (A32). */
    void unregister(String name);

    Optional<Pid> whereis(String name);

    boolean isAlive(Pid pid);

    /** {@code Process.send_after(dest, msg, ms)} from the node's single timer service. */
    TimerRef sendAfter(Pid to, Object message, Duration delay);

    TimerRef sendAfter(String name, Object message, Duration delay);

    /** {@code Process.cancel_timer(ref)}: the time that was left, or empty if it already fired. */
    Optional<Duration> cancelTimer(TimerRef timer);

    /**
     * Blocking Java code, run the way OTP runs a dirty NIF: return the result from a handler and
     * {@code work} runs on a dirty scheduler (a virtual thread), off the normal schedulers, while this
     * process counts as running there; then the process continues on a normal scheduler with
     * {@code then.apply(result)}. If {@code work} throws, the process crashes with the exception, exactly
     * as if the handler had thrown it. Nothing runs until the handler returns the behaviour.
     *
     * <pre>{@code
     * return ctx.blocking(() -> Files.readString(path), text -> { ctx.send(from, text); return Behaviors.same(); });
     * }</pre>
     */
    default <T> Behavior blocking(java.util.concurrent.Callable<? extends T> work,
            java.util.function.Function<? super T, Behavior> then) {
        return Behaviors.blocking(work, then);
    }

    /** Declares CPU work in reductions; a slice ends when its budget is spent. */
    void work(int reductions);

    /**
     * {@code Process.put(key, value)}: the process dictionary. Observers see it in
     * {@link ProcessInfo#dictionary()}; OTP behaviours keep {@code $initial_call} and {@code $ancestors}
     * there, and what the observer window shows of their state. Returns the previous value or null.
     */
    Object put(Object key, Object value);

    /** {@code Process.get(key)}, or null. */
    Object get(Object key);

    /** {@code Process.delete(key)}; returns the previous value or null. */
    Object erase(Object key);

    /** A fresh unique reference ({@code make_ref()}). */
    Ref makeRef();

    /** The node's clock, in nanoseconds (a manual clock in tests). */
    long nanoTime();
}
