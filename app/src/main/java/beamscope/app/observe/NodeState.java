package beamscope.app.observe;

/**
 * Whether the window can see the node now. The embedded node is {@link #CONNECTED} until it is closed; a
 * remote node moves between all three as its connection comes and goes. While it is not connected the
 * views keep the last thing they showed, dimmed, and say so.
 */
public enum NodeState {
    /** Reads and actions reach the node. */
    CONNECTED,
    /** The connection was lost and is being made again; what the views show is from before. */
    RECONNECTING,
    /** The node is gone (closed, or a remote node stopped) and nothing reaches it. */
    DOWN
}
