package beamscope.app.sampler;

import beamscope.runtime.Pid;

/**
 * What the window wants from the next frame: the table's order, filter and window size, and the process
 * the inspector shows (null for none).
 */
public record Query(SortKey sortKey, boolean descending, String filter, int limit, Pid selected) {

    public static final int DEFAULT_LIMIT = 2_000;

    public Query {
        filter = filter == null ? "" : filter.strip();
        if (limit < 1) throw new IllegalArgumentException("limit must be positive");
    }

    /** Observer's default: most reductions first. */
    public static Query defaults() {
        return new Query(SortKey.REDUCTIONS, true, "", DEFAULT_LIMIT, null);
    }

    public Query withSort(SortKey key, boolean desc) {
        return new Query(key, desc, filter, limit, selected);
    }

    public Query withFilter(String text) {
        return new Query(sortKey, descending, text, limit, selected);
    }

    /** Whether {@code other} asks for the same table rows (order, filter, size), whatever it selects. */
    public boolean sameRowsAs(Query other) {
        return sortKey == other.sortKey && descending == other.descending && filter.equals(other.filter)
                && limit == other.limit;
    }

    public Query withSelected(Pid pid) {
        return new Query(sortKey, descending, filter, limit, pid);
    }
}
