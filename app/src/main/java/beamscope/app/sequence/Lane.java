package beamscope.app.sequence;

import beamscope.runtime.Pid;

/**
 * One lifeline of the diagram: a process, or a supervised child across its restarts ({@link #key()}).
 * {@code pid} is the process it follows now; {@code alive} whether that process still runs.
 *
 * @param index   its column, left to right
 * @param label   what the header says (a registered name, a child id, or the pid)
 * @param key     the supervisor and child id, or null for a process no supervisor restarts
 * @param pid     the process it follows now
 * @param alive   whether {@code pid} still runs
 * @param restarts how many times the lifeline started again under the same child id
 */
public record Lane(int index, String label, ChildKey key, Pid pid, boolean alive, int restarts) {

    Lane restartedAs(Pid next) {
        return new Lane(index, label, key, next, true, restarts + 1);
    }

    Lane exited() {
        return new Lane(index, label, key, pid, false, restarts);
    }

    Lane withKey(ChildKey k) {
        return new Lane(index, label, k, pid, alive, restarts);
    }
}
