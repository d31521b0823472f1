package beamscope.app.remote;

/**
 * A pid of a real BEAM node, whole: {@code <node, id, serial, creation>}. The creation tells incarnations of
 * a node with the same name apart (a restarted node gets a new one), so a pid of an old incarnation never
 * names a process of the new one. {@link PidTable} maps it to the runtime's {@link beamscope.runtime.Pid}
 * the views use.
 */
public record RemotePid(String node, int id, int serial, int creation) {

    @Override
    public String toString() {
        return "<" + node + "." + id + "." + serial + "." + creation + ">";
    }
}
