package beamscope.runtime.internal;

import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import java.util.Arrays;

/**
 * One monitor, seen from one side: {@code pid} is the other process (the target for a monitor this
 * process holds, the watcher for one held on it); {@code object} is what a DOWN message names.
 * Arrays of these are copy-on-write like {@link PidArrays}.
 */
record Watch(Ref ref, Pid pid, Object object) {
    static final Watch[] EMPTY = new Watch[0];

    static Watch find(Watch[] a, Ref ref) {
        for (Watch w : a) if (w.ref.equals(ref)) return w;
        return null;
    }

    static Watch[] add(Watch[] a, Watch w) {
        Watch[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = w;
        return b;
    }

    static Watch[] remove(Watch[] a, Ref ref) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].ref.equals(ref)) {
                Watch[] b = new Watch[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                return b;
            }
        }
        return a;
    }
}
