package beamscope.app.remote;

/**
 * Why talking to a real node failed, with a message a user can act on ({@link #getMessage()}).
 */
public final class RemoteError extends RuntimeException {

    /** The closed set of failures. */
    public enum Kind {
        /** The node name is not {@code name} or {@code name@host}, or the host is unknown. */
        BAD_NAME,
        /** No epmd answers on the node's host (no node was ever started there, or epmd was stopped). */
        NO_EPMD,
        /** epmd answers but no node of that name is registered: the node is down. */
        NOT_RUNNING,
        /** The node refused our cookie. */
        WRONG_COOKIE,
        /** The node is registered but the connection failed otherwise (version, network). */
        REFUSED,
        /** The connection was lost and is being re-established. */
        NODE_DOWN,
        /** The node did not answer in time. */
        TIMEOUT,
        /** The remote call raised: {@code {badrpc, Reason}}. */
        BADRPC,
        /** A send, exit, kill or start was refused because destructive actions are off. */
        DESTRUCTIVE_OFF
    }

    private final Kind kind;

    public RemoteError(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RemoteError(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
