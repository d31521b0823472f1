package beamscope.app.sequence;

/**
 * One row of the diagram, numbered in the order things happened. A message's send is a row; its receive
 * is a row of its own when anything happened in between, so a message that waited shows as a slanted arrow.
 */
public sealed interface Step {
    long seq();

    /** A message, DOWN or EXIT leaves {@code arrow.from()}. */
    record Sent(long seq, Arrow arrow) implements Step {}

    /** {@code arrow} is taken out of the receiver's mailbox (or, for an EXIT, kills it). */
    record Received(long seq, Arrow arrow) implements Step {}

    /** A lifeline's process starts: its first process ({@code restart} false) or a restart under the same child id. */
    record Started(long seq, int lane, String pid, boolean restart) implements Step {}

    /** A process on a lifeline spawns another one (not on the diagram). */
    record Spawned(long seq, int lane, String child) implements Step {}

    /** A lifeline's process exits with {@code reason}. */
    record Exited(long seq, int lane, String pid, String reason) implements Step {}
}
