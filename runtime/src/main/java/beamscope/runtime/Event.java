package beamscope.runtime;

/**
 * What happens in a node, as a trace would show it (like {@code erlang:trace/3}). {@code pid} is the
 * process the event belongs to; {@code nanos} is the node clock.
 */
public sealed interface Event {
    long nanos();

    Pid pid();

    record Spawn(long nanos, Pid pid, Pid parent, String initialCall) implements Event {}

    record Exit(long nanos, Pid pid, Object reason) implements Event {}

    record Link(long nanos, Pid pid, Pid other) implements Event {}

    record Unlink(long nanos, Pid pid, Pid other) implements Event {}

    record Monitor(long nanos, Pid pid, Pid target, Ref ref) implements Event {}

    /** A DOWN message arrived at {@code pid}. */
    record Down(long nanos, Pid pid, Object object, Ref ref, Object reason) implements Event {}

    record Send(long nanos, Pid pid, Pid to, Object message) implements Event {}

    record Receive(long nanos, Pid pid, Object message) implements Event {}

    record Register(long nanos, Pid pid, String name) implements Event {}

    record Unregister(long nanos, Pid pid, String name) implements Event {}

    record ScheduleIn(long nanos, Pid pid, int scheduler) implements Event {}

    record ScheduleOut(long nanos, Pid pid, int scheduler) implements Event {}

    /** A report from an OTP behaviour: a supervisor's child_terminated, a restart, a crash report… */
    record Report(long nanos, Pid pid, Atom kind, Object details) implements Event {}

    /**
     * A node-level alarm, as {@code erlang:system_monitor/2} and the logger report them: {@code kind} is
     * one of {@link #LONG_SCHEDULE}, {@link #MAX_HEAP_SIZE}, {@link #MEMORY_HIGH_WATERMARK},
     * {@link #SCHEDULER_CRASHED}, {@link #TIMER_CRASHED}; {@code pid} is the process concerned, or null for
     * the node itself; {@code details} a keyword list (a {@code List} of {@code {key, value}} tuples).
     */
    record SystemMonitor(long nanos, Pid pid, Atom kind, Object details) implements Event {}

    /** A process held its scheduler far beyond its time slice. */
    Atom LONG_SCHEDULE = Atom.of("long_schedule");
    /** A process went over its mailbox limit ({@link MaxHeap}); it is killed unless the limit only reports. */
    Atom MAX_HEAP_SIZE = Atom.of("max_heap_size");
    /** The node's messages in mailboxes passed its high watermark (or fell back below it): {@link MemoryWatermark}. */
    Atom MEMORY_HIGH_WATERMARK = Atom.of("memory_high_watermark");
    /** A scheduler thread ended by an error it could not survive. */
    Atom SCHEDULER_CRASHED = Atom.of("scheduler_crashed");
    /** The timer thread ended by an error it could not survive. */
    Atom TIMER_CRASHED = Atom.of("timer_crashed");
}
