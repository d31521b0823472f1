package beamscope.app.remote;

import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps pids (and references) of real nodes to the runtime's {@link Pid} and back, as the BEAM's own node
 * table does: each node incarnation ({@code name}, {@code creation}) gets a small index, and a pid prints as
 * {@code #PID<index.id.0>}. The node attached first gets index 0, so its pids print as they do in its own
 * shell; a restarted node (new creation) gets a new index, so stale pids keep pointing at the dead
 * incarnation (sending to them does nothing, as in Erlang).
 *
 * <p>The runtime pid's id holds the remote id in its low 32 bits and the serial above them, so the mapping
 * needs no per-pid memory (a million pids cost nothing here) and is lossless. Serials are 0 until a node has
 * wrapped its pid space; then the printed id is large but still unique.
 *
 * <p>References have no such room: each one seen is numbered in order and kept (they only come from
 * inspected states and messages, a small number).
 *
 * <p>Thread-safe; indices are only ever added.
 */
public final class PidTable {

    private record Incarnation(String node, int creation) {}

    private final Map<Incarnation, Integer> indices = new ConcurrentHashMap<>();
    private final List<Incarnation> byIndex = new ArrayList<>();
    private final Map<OtpErlangRef, Ref> refs = new ConcurrentHashMap<>();
    private final Map<Ref, OtpErlangRef> refsBack = new ConcurrentHashMap<>();

    /** The index of a node incarnation, allocated on first sight. */
    public int index(String node, int creation) {
        Incarnation key = new Incarnation(node, creation);
        Integer i = indices.get(key);
        if (i != null) return i;
        synchronized (byIndex) {
            return indices.computeIfAbsent(key, k -> {
                byIndex.add(k);
                return byIndex.size() - 1;
            });
        }
    }

    public Pid toPid(OtpErlangPid p) {
        return toPid(new RemotePid(p.node(), p.id(), p.serial(), p.creation()));
    }

    public Pid toPid(RemotePid p) {
        return new Pid(index(p.node(), p.creation()), (Integer.toUnsignedLong(p.id())) | ((long) (p.serial() & 0x7fffffff) << 32));
    }

    /** The remote pid behind a runtime pid this table made; throws for an index it never gave out. */
    public RemotePid remote(Pid pid) {
        Incarnation inc;
        synchronized (byIndex) {
            if (pid.node() >= byIndex.size()) {
                throw new IllegalArgumentException(pid + " is not a pid of a node Beamscope is attached to");
            }
            inc = byIndex.get(pid.node());
        }
        return new RemotePid(inc.node(), (int) pid.id(), (int) (pid.id() >>> 32), inc.creation());
    }

    public OtpErlangPid toOtp(Pid pid) {
        RemotePid r = remote(pid);
        return new OtpErlangPid(r.node(), r.id(), r.serial(), r.creation());
    }

    /** The node name a runtime pid belongs to. */
    public String nodeOf(Pid pid) {
        return remote(pid).node();
    }

    public Ref toRef(OtpErlangRef r) {
        Ref known = refs.get(r);
        if (known != null) return known;
        synchronized (refs) {
            return refs.computeIfAbsent(r, k -> {
                Ref ref = new Ref(index(k.node(), k.creation()), refs.size());
                refsBack.put(ref, k);
                return ref;
            });
        }
    }

    public OtpErlangRef toOtp(Ref ref) {
        OtpErlangRef r = refsBack.get(ref);
        if (r == null) throw new IllegalArgumentException(ref + " is not a reference seen on an attached node");
        return r;
    }
}
