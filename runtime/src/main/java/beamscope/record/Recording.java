package beamscope.record;

import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a {@link Recorder} kept: events in the order they were recorded and snapshots in time order, every
 * event after the first snapshot (the state at time t is the last snapshot at or before t moved forward over
 * the events up to t). Immutable; saved and read back by {@link RecordingFile}.
 *
 * @param mailboxCap    how many messages of each mailbox the snapshots hold
 * @param flags         each supervisor's flags as a snapshot saw them (pids are never reused)
 * @param eventsDropped events the node dropped because the recorder's buffer was full (a rebuilt state may then miss them)
 */
public record Recording(int version, int mailboxCap, long eventsDropped, List<Event> events, List<RecordedSnapshot> snapshots,
        Map<Pid, RecordedFlags> flags, List<SchedulerSample> schedulerSamples) {

    public Recording {
        events = List.copyOf(events);
        snapshots = List.copyOf(snapshots);
        flags = Map.copyOf(flags);
        schedulerSamples = List.copyOf(schedulerSamples);
    }

    /** A recording without scheduler samples (a version 1 file). */
    public Recording(int version, int mailboxCap, long eventsDropped, List<Event> events, List<RecordedSnapshot> snapshots,
            Map<Pid, RecordedFlags> flags) {
        this(version, mailboxCap, eventsDropped, events, snapshots, flags, List.of());
    }

    /** The schedulers' lanes as sampled last at or before {@code nanos}; empty before the first sample (or without samples). */
    public Optional<SchedulerSample> schedulersAt(long nanos) {
        int lo = 0, hi = schedulerSamples.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (schedulerSamples.get(mid).nanos() <= nanos) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? Optional.empty() : Optional.of(schedulerSamples.get(lo - 1));
    }

    /** The snapshot a moment is rebuilt from: the last at or before {@code nanos}. */
    public Optional<RecordedSnapshot> snapshotBefore(long nanos) {
        RecordedSnapshot base = null;
        for (RecordedSnapshot s : snapshots) {
            if (s.nanos() > nanos) break;
            base = s;
        }
        return Optional.ofNullable(base);
    }

    /** The first moment the recording can rebuild (its first snapshot), or 0 when it has none. */
    public long startNanos() {
        return snapshots.isEmpty() ? 0 : snapshots.getFirst().nanos();
    }

    /** The last moment it knows: its last event or snapshot. */
    public long endNanos() {
        long end = startNanos();
        if (!snapshots.isEmpty()) end = Math.max(end, snapshots.getLast().nanos());
        for (Event e : events) end = Math.max(end, e.nanos());
        return end;
    }

    /** The node at {@code nanos}: empty before the first snapshot. */
    public Optional<RecordedSnapshot> stateAt(long nanos) {
        return snapshotBefore(nanos).map(base -> base.nanos() == nanos ? base : replay(base, nanos));
    }

    /** {@code base} moved forward over this recording's events up to {@code nanos}. */
    public RecordedSnapshot replay(RecordedSnapshot base, long nanos) {
        return base.advance(events, nanos, mailboxCap);
    }

    /** How many events of each kind (Spawn, Exit, Send…), kinds in alphabetical order. */
    public Map<String, Integer> countsByKind() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Event e : events) counts.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        return counts;
    }

    /** Events in {@code (from, to]}, for a view that plays the recording forward. */
    public List<Event> eventsBetween(long from, long to) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) if (e.nanos() > from && e.nanos() <= to) out.add(e);
        return out;
    }

    /** A few lines: format version, time span, the count of events of each kind. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("format version: ").append(version).append('\n');
        double span = (endNanos() - startNanos()) / 1e9;
        b.append(String.format(java.util.Locale.ROOT, "time span: %.3f s (%d snapshots, %d scheduler samples)%n", span,
                snapshots.size(), schedulerSamples.size()));
        b.append("events: ").append(events.size());
        if (eventsDropped > 0) b.append(" (").append(eventsDropped).append(" dropped by the node)");
        b.append('\n');
        countsByKind().forEach((k, n) -> b.append("  ").append(k).append(": ").append(n).append('\n'));
        return b.toString();
    }
}
