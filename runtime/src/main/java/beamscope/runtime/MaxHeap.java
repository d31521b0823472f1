package beamscope.runtime;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A process's mailbox limit, the Beamscope form of {@code process_flag(max_heap_size, #{size, kill,
 * error_logger})}. A process's data here lives in the JVM's shared heap, so what can grow without bound,
 * and what this limits, is its mailbox: the number of messages queued and an estimate of their bytes.
 * Off by default, as in OTP (G1); set per process at spawn ({@link SpawnOptions#withMaxHeap}) or by the
 * process itself ({@link ProcessContext#maxHeap(MaxHeap)}), with a node-wide default in
 * {@link NodeConfig#maxHeap()}.
 *
 * <p>When a send takes the mailbox past a limit (more than {@code messages} queued, or more than
 * {@code bytes} estimated), then, once (one sender wins both the report and the kill):
 * <ul>
 * <li>with {@code report}, an {@link Event.SystemMonitor} of kind {@link Event#MAX_HEAP_SIZE} is
 *     published for the process, with details {@code [message_queue_len: n, messages_limit: m,
 *     bytes: b, bytes_limit: l, kill: k]}, and the node's logger gets an error, as OTP's error_logger
 *     report does;</li>
 * <li>with {@code kill}, the process is killed as {@code exit(pid, :kill)} would: untrappable, exit reason
 *     {@code :killed} (A6), which links and monitors see as an ordinary reason (A7, A26). The sender that
 *     pushed past the limit delivers the kill, so a process that never reads its mailbox still dies.
 *     From then on messages (not signals) sent to the doomed process are dropped instead of queued: a
 *     process busy in a long handler cannot collect more while the kill waits for its next check (I4).
 *     An {@link Inbox} (which takes the node's default) dies when its thread next receives, as it does
 *     on {@code exit(pid, :kill)}.
 *     Without {@code kill} the process lives on, and the report is made again only after its local
 *     mailbox has fallen to half the limit.</li>
 * </ul>
 *
 * <h2>What is counted</h2>
 * {@code messages} counts what {@code message_queue_len} shows: messages in the mailbox plus signals
 * (links, monitors…) that arrived and are not handled yet. {@code bytes} counts, for each message that
 * arrived while a byte limit was set, {@link #estimateBytes} of the message plus 40 bytes for the queue
 * node; messages queued before the byte limit was set are not counted. Both are checked by the sender at
 * each send, from counts the mailbox keeps anyway (see {@code ProcessCell}); a process with no limit pays
 * a null check per send (and per message it queues or takes). The check is a snapshot: while the owner
 * moves arrivals into its local list a sender may count a little less than is queued, never more.
 *
 * @param messages the most messages the mailbox may hold, or 0 for no limit
 * @param bytes    the most estimated bytes its messages may take, or 0 for no limit
 * @param kill     kill the process when a limit is passed (OTP's {@code kill}, default true)
 * @param report   publish the event and log an error (OTP's {@code error_logger}, default true)
 */
public record MaxHeap(long messages, long bytes, boolean kill, boolean report) {

    /** No limit (OTP's {@code max_heap_size} 0). */
    public static final MaxHeap OFF = new MaxHeap(0, 0, true, true);

    public MaxHeap {
        if (messages < 0 || bytes < 0) throw new IllegalArgumentException("a limit must be 0 (none) or positive");
    }

    /** At most {@code n} queued messages; kill and report. */
    public static MaxHeap messages(long n) {
        return new MaxHeap(n, 0, true, true);
    }

    /** At most {@code n} estimated bytes of queued messages; kill and report. */
    public static MaxHeap bytes(long n) {
        return new MaxHeap(0, n, true, true);
    }

    public MaxHeap withMessages(long n) {
        return new MaxHeap(n, bytes, kill, report);
    }

    public MaxHeap withBytes(long n) {
        return new MaxHeap(messages, n, kill, report);
    }

    public MaxHeap withKill(boolean on) {
        return new MaxHeap(messages, bytes, on, report);
    }

    public MaxHeap withReport(boolean on) {
        return new MaxHeap(messages, bytes, kill, on);
    }

    /** True when neither limit is set. */
    public boolean isOff() {
        return messages == 0 && bytes == 0;
    }

    /**
     * An estimate of the JVM heap bytes a message takes, found by a bounded walk of the term. Each object
     * counts a 16-byte header and each reference 8 bytes: an integer or float 16; an atom, boolean or
     * {@code nil} 0 (shared); a pid or reference 24; a big integer 56 plus its bytes; a string 40 plus one byte per char; a {@code byte[]}
     * 16 plus its length; a tuple 16 plus 8 per element (a {@link TupleN} 16 more); a list 32 plus 8
     * per element; a map 48 plus 40 per entry; any other object 32; each container plus its elements. The
     * walk visits at most {@value #VISITS} terms: the elements of a
     * container left unvisited count as the average of its visited ones (16 when none was visited), so a
     * long list of alike elements is estimated well, and terms nested deeper than the walk reaches are
     * under-counted. The cost is bounded whatever the term's size.
     */
    public static long estimateBytes(Object message) {
        int[] left = {VISITS};
        return size(message, left);
    }

    /** The most terms {@link #estimateBytes} visits in one message. */
    public static final int VISITS = 256;

    private static final int HEADER = 16, REF = 8;

    private static long size(Object t, int[] left) {
        left[0]--;
        return switch (t) {
            case null -> 0;
            case Atom a -> 0;
            case Boolean b -> 0;
            case String s -> align(24 + HEADER + (long) s.length());
            case byte[] a -> align(HEADER + (long) a.length);
            case Pid p -> 24;
            case Ref r -> 24;
            case BigInteger n -> align(40 + HEADER + n.bitLength() / 8 + 1);
            case Number n -> HEADER;
            case Tuple tu -> {
                int n = tu.size();
                long own = HEADER + (long) REF * n + (tu instanceof TupleN ? HEADER : 0);
                long sum = 0;
                int k = 0;
                for (; k < n && left[0] > 0; k++) sum += size(tu.get(k), left);
                yield own + sum + unvisited(n, k, sum);
            }
            case List<?> l -> {
                int n = l.size();
                long own = 2 * HEADER + (long) REF * n;
                long sum = 0;
                int k = 0;
                if (l instanceof RandomAccess) {
                    for (; k < n && left[0] > 0; k++) sum += size(l.get(k), left);
                } else {
                    for (Iterator<?> it = l.iterator(); k < n && left[0] > 0 && it.hasNext(); k++) sum += size(it.next(), left);
                }
                yield own + sum + unvisited(n, k, sum);
            }
            case Map<?, ?> m -> {
                int n = m.size();
                long own = 3 * HEADER + 40L * n;
                long sum = 0;
                int k = 0;
                for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); k < n && left[0] > 0 && it.hasNext(); k++) {
                    Map.Entry<?, ?> e = it.next();
                    sum += size(e.getKey(), left) + size(e.getValue(), left);
                }
                yield own + sum + unvisited(n, k, sum);
            }
            default -> 2 * HEADER;
        };
    }

    /** The {@code n - k} elements the walk did not reach, at the average of the {@code k} it did. */
    private static long unvisited(int n, int k, long visitedSum) {
        if (k >= n) return 0;
        long each = k == 0 ? HEADER : visitedSum / k;
        return (n - k) * each;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
