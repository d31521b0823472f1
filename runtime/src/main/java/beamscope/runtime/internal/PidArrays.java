package beamscope.runtime.internal;

import beamscope.runtime.Pid;
import java.util.Arrays;

/** Copy-on-write pid sets for links: owner writes a new array, observers read a stable one. */
final class PidArrays {
    static final Pid[] EMPTY = new Pid[0];

    private PidArrays() {}

    static boolean contains(Pid[] a, Pid p) {
        for (Pid x : a) if (x.equals(p)) return true;
        return false;
    }

    static Pid[] add(Pid[] a, Pid p) {
        if (contains(a, p)) return a;
        Pid[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = p;
        return b;
    }

    static Pid[] remove(Pid[] a, Pid p) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(p)) {
                Pid[] b = new Pid[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                return b;
            }
        }
        return a;
    }
}
