package beamscope.app.sequence;

/**
 * A message, DOWN or EXIT between two lifelines: sent at step {@link #sentAt()}, taken out of the
 * receiver's mailbox at step {@link #receivedAt()} (-1 while it waits there). The model sets the receive
 * once; everything else is fixed.
 */
public final class Arrow {
    /** What travels. */
    public enum Kind { MESSAGE, DOWN, EXIT }

    /** How an arrow ended: still waiting, taken by a receive, or never (the receiver exited first). */
    public enum End { WAITING, RECEIVED, LOST }

    private final long sentAt;
    private final int from, to;
    private final Kind kind;
    private final String text, full;
    private Object message;   // kept only while waiting, to match its receive
    private long receivedAt = -1;
    private End end = End.WAITING;

    Arrow(long sentAt, int from, int to, Kind kind, Object message, String text, String full) {
        this.sentAt = sentAt;
        this.from = from;
        this.to = to;
        this.kind = kind;
        this.message = message;
        this.text = text;
        this.full = full;
    }

    public long sentAt() { return sentAt; }
    public int from() { return from; }
    public int to() { return to; }
    public Kind kind() { return kind; }
    /** The term, shortened for the arrow's label. */
    public String text() { return text; }
    /** The term in full (up to a generous limit), for the hover. */
    public String full() { return full; }
    public long receivedAt() { return receivedAt; }
    public End end() { return end; }

    /** Steps between sending and receiving: how long it waited in the mailbox (0 for at once). */
    public long waited() {
        return receivedAt < 0 ? -1 : receivedAt - sentAt;
    }

    Object message() { return message; }

    void end(long step, End how) {
        receivedAt = step;
        end = how;
        message = null;
    }
}
