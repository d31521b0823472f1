package beamscope.app.bulk;

import beamscope.app.grid.ProcessStrip;
import beamscope.runtime.Pid;
import java.util.List;

/**
 * The processes the bulk actions apply to: rows picked in the table (a few, listed), or a range dragged
 * in the grid (held as the walk it was picked from and two positions, so a million processes cost
 * nothing until an action lists them, off the FX thread).
 */
public sealed interface Selection {
    Selection NONE = new Pids(List.of());

    int count();

    /** Whether the selection holds {@code pid} (a range: whether the pid lies between its ends). Cheap. */
    boolean contains(Pid pid);

    /** The selected pids. For a range this lists them: not on the FX thread. */
    List<Pid> pids();

    static Selection of(Pid pid) {
        return pid == null ? NONE : new Pids(List.of(pid));
    }

    /** Processes picked one by one. */
    record Pids(List<Pid> list) implements Selection {
        public Pids {
            list = List.copyOf(list);
        }

        @Override public int count() { return list.size(); }
        @Override public boolean contains(Pid pid) { return list.contains(pid); }
        @Override public List<Pid> pids() { return list; }
    }

    /** The processes at positions {@code from} (inclusive) to {@code to} (exclusive) of one walk, in pid order. */
    record Range(ProcessStrip strip, int from, int to) implements Selection {
        public Range {
            if (from < 0 || to > strip.size() || from >= to) throw new IllegalArgumentException(from + ".." + to);
        }

        public Pid first() { return strip.pid(from); }
        public Pid last() { return strip.pid(to - 1); }

        @Override public int count() { return to - from; }

        @Override
        public boolean contains(Pid pid) {
            return pid != null && pid.node() == first().node() && pid.id() >= first().id() && pid.id() <= last().id();
        }

        @Override public List<Pid> pids() { return strip.pids(from, to); }
    }
}
