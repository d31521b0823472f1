package beamscope.runtime.internal;

import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.Ref;

/**
 * Signals travel through the same inbound queue as messages, so that everything one process sends
 * another arrives in the order it was sent (B6, A30). The receiver handles a signal when it drains its
 * inbound queue, never inside a handler.
 */
sealed interface Signal {

    /** An exit signal; {@code viaLink} when it comes from a dying linked process rather than {@code exit/2}. */
    record Exit(Pid from, Object reason, boolean viaLink) implements Signal {}

    record Link(Pid from) implements Signal {}

    record Unlink(Pid from) implements Signal {}

    /** {@code object} is what the watcher's DOWN message will name: the pid, or {@code {name, node}}. */
    record Monitor(Ref ref, Pid watcher, Object object) implements Signal {}

    record Demonitor(Ref ref) implements Signal {}

    record Down(Ref ref, Object object, Object reason) implements Signal {}

    /** Wakes the process so that it re-checks its receive deadline. */
    record Wake() implements Signal {
        static final Wake INSTANCE = new Wake();
    }

    record Suspend() implements Signal {}

    record Resume() implements Signal {}

    record SetPriority(Priority priority) implements Signal {}

    record SetTrapExit(boolean on) implements Signal {}

    /** Asks the receiver to link to ({@code on}) or unlink from {@code other} itself, as if it called link/1. */
    record LinkRequest(Pid other, boolean on) implements Signal {}

    /** Asks the receiver to monitor {@code target} itself, as if it called monitor/2. */
    record MonitorRequest(Pid target) implements Signal {}
}
