package beamscope.app.sampler;

import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages processes sent and received since the previous frame, bounded however many there were:
 * up to {@link #SINGLE_CAP} sends and receives one by one, or, when there were more, the busiest
 * {@link #FLOW_CAP} sender → receiver pairs with their counts (and the count of the rest). Built off the FX
 * thread by the sampler, so the views' work per frame has a ceiling.
 *
 * @param events    sends and receives one by one (oldest first), when few enough
 * @param flows     the busiest pairs, when there were too many to show one by one (busiest first)
 * @param others    sends between pairs beyond the busiest
 * @param dropped   message events the subscription could not hold (the node never waits for the window)
 * @param spanNanos the time the events cover
 */
public record Traffic(List<Event> events, List<Flow> flows, long others, long dropped, long spanNanos) {
    public static final int SINGLE_CAP = 200, FLOW_CAP = 50;
    public static final Traffic NONE = new Traffic(List.of(), List.of(), 0, 0, 0);

    /** Many messages from one process to another: how many, and the last one's term as an example. */
    public record Flow(Pid from, Pid to, long count, Object example) {}

    public Traffic {
        events = List.copyOf(events);
        flows = List.copyOf(flows);
    }

    /** Sends of all kinds counted here, one by one or in flows. */
    public long sends() {
        long n = others;
        for (Event e : events) if (e instanceof Event.Send) n++;
        for (Flow f : flows) n += f.count();
        return n;
    }

    /** Bounds what the subscription gave: one by one when few, else the busiest pairs. */
    public static Traffic of(List<Event> drained, long dropped) {
        if (drained.isEmpty()) return dropped == 0 ? NONE : new Traffic(List.of(), List.of(), 0, dropped, 0);
        long span = drained.getLast().nanos() - drained.getFirst().nanos();
        if (drained.size() <= SINGLE_CAP) return new Traffic(drained, List.of(), 0, dropped, span);
        return aggregate(List.of(), drained, List.of(), 0, dropped, span);
    }

    /** This traffic with what an older frame, never shown, carried. */
    public Traffic after(Traffic older) {
        if (older == null || older == NONE) return this;
        if (this == NONE) return older;
        long span = older.spanNanos + spanNanos;
        if (flows.isEmpty() && older.flows.isEmpty() && older.events.size() + events.size() <= SINGLE_CAP) {
            List<Event> all = new ArrayList<>(older.events);
            all.addAll(events);
            return new Traffic(all, List.of(), 0, older.dropped + dropped, span);
        }
        List<Event> all = new ArrayList<>(older.events);
        all.addAll(events);
        return aggregate(older.flows, all, flows, older.others + others, older.dropped + dropped, span);
    }

    private static Traffic aggregate(List<Flow> a, List<Event> sends, List<Flow> b, long others, long dropped, long span) {
        record Key(Pid from, Pid to) {}
        Map<Key, long[]> counts = new HashMap<>();
        Map<Key, Object> examples = new HashMap<>();
        for (List<Flow> fs : List.of(a, b))
            for (Flow f : fs) {
                Key k = new Key(f.from(), f.to());
                counts.computeIfAbsent(k, x -> new long[1])[0] += f.count();
                examples.put(k, f.example());
            }
        for (Event e : sends)
            if (e instanceof Event.Send s) {
                Key k = new Key(s.pid(), s.to());
                counts.computeIfAbsent(k, x -> new long[1])[0]++;
                examples.put(k, s.message());
            }
        List<Flow> all = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> all.add(new Flow(k.from(), k.to(), n[0], examples.get(k))));
        all.sort(Comparator.comparingLong(Flow::count).reversed());
        long rest = others;
        for (int i = FLOW_CAP; i < all.size(); i++) rest += all.get(i).count();
        return new Traffic(List.of(), all.subList(0, Math.min(FLOW_CAP, all.size())), rest, dropped, span);
    }
}
