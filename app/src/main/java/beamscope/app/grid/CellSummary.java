package beamscope.app.grid;

import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one cell stands for: one process, or a block of consecutive ones with how many are in each status
 * and their mailboxes (the sum and the longest). The hover tooltip's text.
 *
 * @param byStatus processes per {@link ProcessStatus}, by ordinal
 * @param name     the registered name (a one-process cell), or null
 */
public record CellSummary(int from, int to, Pid first, Pid last, String name, int[] byStatus, long queued,
                          int longestQueue) {

    public int count() {
        return to - from;
    }

    /** The status most of the cell's processes are in (on a tie, the one listed first: the more notable). */
    /** Null when most are of a status the recording shown does not know. */
    public ProcessStatus dominant() {
        int d = GridPicture.dominant(byStatus);
        return d == ProcessStrip.UNKNOWN ? null : ProcessStatus.values()[d];
    }

    private static String word(int status) {
        return status == ProcessStrip.UNKNOWN ? "status unknown" : ProcessStatus.values()[status].name().toLowerCase(Locale.ROOT);
    }

    public String describe() {
        if (count() == 1) {
            return first + (name == null ? "" : " " + name) + "\n" + word(GridPicture.dominant(byStatus))
                    + " · " + messages(longestQueue) + " queued";
        }
        List<String> parts = new ArrayList<>();
        for (int s : GridPicture.NOTABLE_FIRST) if (byStatus[s] > 0)
            parts.add(String.format(Locale.ROOT, "%,d %s", byStatus[s], word(s)));
        return String.format(Locale.ROOT, "%,d processes, %s … %s%n%s%n%s queued, the longest mailbox %s",
                count(), first, last, String.join(", ", parts), messages(queued), messages(longestQueue));
    }

    private static String messages(long n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d message" : "%,d messages", n);
    }
}
