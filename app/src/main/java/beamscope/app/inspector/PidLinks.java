package beamscope.app.inspector;

import java.util.List;
import java.util.Locale;

/**
 * One page of a process's links, monitors or monitors-by: the first {@link #PAGE} of them and how many there are
 * in all. Built off the FX thread (in the sampler's frame), so what the inspector shows of a supervisor linked to
 * 100,000 children is a page and a count, never the list: the view makes one link per entry of the page.
 *
 * @param page  the first entries, at most {@link #PAGE} (pids, or a monitored name)
 * @param total how many there are in all; -1 when not known (a recording's past may not know them)
 */
public record PidLinks(List<Object> page, int total) {

    /** Entries on the page at most: each is a control on the FX thread, laid out and styled. */
    public static final int PAGE = 20;

    public static final PidLinks NONE = new PidLinks(List.of(), 0), UNKNOWN = new PidLinks(List.of(), -1);

    public PidLinks {
        page = List.copyOf(page);
    }

    /** The page of {@code all} (null: not known). Copies at most {@link #PAGE} entries. */
    public static PidLinks of(List<?> all) {
        return of(all, all == null ? -1 : all.size());
    }

    /**
     * The page of {@code first} (null: not known), the first of {@code total} (a process_info that read only a
     * page, {@link beamscope.runtime.ProcessInfo#linkCount}). Copies at most {@link #PAGE} entries.
     */
    public static PidLinks of(List<?> first, int total) {
        if (first == null || total < 0) return UNKNOWN;
        if (first.isEmpty() && total == 0) return NONE;
        return new PidLinks(List.copyOf(first.subList(0, Math.min(PAGE, first.size()))), Math.max(total, first.size()));
    }

    /**
     * What the view says after the page: "first 20 of 100,000 links" when some are left off, "— (not in the
     * recording)" when unknown, else empty.
     */
    public String more(String what) {
        if (total < 0) return InspectorViewModel.UNKNOWN;
        if (total <= page.size()) return "";
        return String.format(Locale.ROOT, "first %d of %,d %s", page.size(), total, what);
    }
}
