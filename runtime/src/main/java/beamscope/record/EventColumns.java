package beamscope.record;

import beamscope.runtime.Event;
import beamscope.runtime.EventTrace;
import beamscope.runtime.Pid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's events as {@link EventTrace#read} gives them, in columns (kind, time, pid numbers, message or rare
 * event by reference); {@link #events} makes the {@link Event}s, in time order.
 */
final class EventColumns implements EventTrace.Sink {
    private static final byte SEND = 1, RECEIVE = 2, EVENT = 3;

    private byte[] kind;
    private long[] nanos, pid, other;
    private Object[] ref;
    private int size;

    EventColumns(long expected) {
        int cap = (int) Math.max(16, Math.min(expected, Integer.MAX_VALUE - 16));
        kind = new byte[cap];
        nanos = new long[cap];
        pid = new long[cap];
        other = new long[cap];
        ref = new Object[cap];
    }

    int size() {
        return size;
    }

    private int slot() {
        if (size == kind.length) {
            int cap = kind.length * 2;
            kind = Arrays.copyOf(kind, cap);
            nanos = Arrays.copyOf(nanos, cap);
            pid = Arrays.copyOf(pid, cap);
            other = Arrays.copyOf(other, cap);
            ref = Arrays.copyOf(ref, cap);
        }
        return size++;
    }

    @Override
    public void send(long t, long from, long to, Object message) {
        int i = slot();
        kind[i] = SEND;
        nanos[i] = t;
        pid[i] = from;
        other[i] = to;
        ref[i] = message;
    }

    @Override
    public void receive(long t, long p, Object message) {
        int i = slot();
        kind[i] = RECEIVE;
        nanos[i] = t;
        pid[i] = p;
        ref[i] = message;
    }

    @Override
    public void event(Event e) {
        int i = slot();
        kind[i] = EVENT;
        nanos[i] = e.nanos();
        ref[i] = e;
    }

    /**
     * The events, in time order: a stable sort, so events of one time keep the order they were taken in, which for
     * one ring is the order they happened (the rings' own order is kept but where a receive, written after what its
     * handler sent, has the earlier time).
     */
    List<Event> events() {
        Map<Long, Pid> pids = new HashMap<>();
        List<Event> out = new ArrayList<>(size);
        boolean sorted = true;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long t = nanos[i];
            Event e = switch (kind[i]) {
                case SEND -> new Event.Send(t, pids.computeIfAbsent(pid[i], Pid::of), pids.computeIfAbsent(other[i], Pid::of), ref[i]);
                case RECEIVE -> new Event.Receive(t, pids.computeIfAbsent(pid[i], Pid::of), ref[i]);
                default -> (Event) ref[i];
            };
            if (t < last) sorted = false;
            last = Math.max(last, t);
            out.add(e);
        }
        if (!sorted) out.sort(Comparator.comparingLong(Event::nanos));
        return out;
    }
}
