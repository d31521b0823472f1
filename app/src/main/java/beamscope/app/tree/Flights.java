package beamscope.app.tree;

import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What travels between the tree's boxes: each message sent, exit signal, link and DOWN message as a mark
 * that flies from one box to the other at a pace a person can follow, and a pair too busy to draw message by
 * message as a stream with its live rate. Bounded: at most {@link #MAX_FLIGHTS} marks in the air (the oldest
 * land early), streams only for the pairs the frames name. FX thread only.
 */
public final class Flights {

    /** A different mark for each. */
    public enum Kind { MESSAGE, EXIT, DOWN, LINK }

    /** How long a mark takes to fly from box to box; OFF draws nothing (and asks for no message traffic). */
    public enum Speed {
        OFF("off", Duration.ZERO), SLOW("slow", Duration.ofMillis(1_600)), NORMAL("normal", Duration.ofMillis(800)),
        FAST("fast", Duration.ofMillis(350));

        private final String label;
        public final Duration flight;

        Speed(String label, Duration flight) {
            this.label = label;
            this.flight = flight;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One mark in the air. */
    public record Flight(Pid from, Pid to, Kind kind, long startNanos) {}

    /** A busy pair: messages from one process to another at this rate, last seen at {@code lastNanos}. */
    public record Stream(Pid from, Pid to, double perSecond, long lastNanos) {}

    /** Many messages between two processes, as the sampler counted them. */
    public record Rate(Pid from, Pid to, double perSecond) {}

    public static final int MAX_FLIGHTS = 150;
    /** A pair that sends more than this many messages in one frame flows as a stream (unless slowed). */
    public static final int STREAM_ABOVE = 6;
    /** A stream not renewed for this long goes. */
    public static final long STREAM_TTL_NANOS = 1_500_000_000L;

    private record PairKey(Pid from, Pid to) {}

    private final ArrayDeque<Flight> flights = new ArrayDeque<>();
    /** The last {@link #RECENT} marks launched, landed or not (what just flew, for tests and tooltips). */
    private final ArrayDeque<Flight> recent = new ArrayDeque<>();
    public static final int RECENT = 32;
    private final Map<PairKey, Stream> streams = new HashMap<>();
    private Speed speed = Speed.NORMAL;

    public Speed speed() { return speed; }

    public void setSpeed(Speed s) {
        speed = s;
        if (s == Speed.OFF) {
            flights.clear();
            streams.clear();
        }
    }

    /**
     * Takes one frame's traffic: {@code sends} one by one (Send events), {@code rates} for the pairs the
     * sampler aggregated, and the frame's other {@code events} (links, DOWN messages, exits: an exit sends an
     * exit signal to the process's supervisor, {@code supervisorOf}). Slowed (slow motion, paused): every
     * message flies, none is folded into a stream.
     */
    public void accept(List<Event> sends, List<Rate> rates, List<Event> events, boolean slowed, long now,
                       Function<Pid, Pid> supervisorOf) {
        if (speed == Speed.OFF) return;
        Map<PairKey, Integer> perPair = new HashMap<>();
        if (!slowed) for (Event e : sends) if (e instanceof Event.Send s) perPair.merge(new PairKey(s.pid(), s.to()), 1, Integer::sum);
        double frameSeconds = Math.max(0.15, spanSeconds(sends));
        for (Event e : sends) {
            if (!(e instanceof Event.Send s) || s.to() == null) continue;
            PairKey k = new PairKey(s.pid(), s.to());
            Integer n = perPair.get(k);
            if (n != null && n > STREAM_ABOVE) streams.put(k, new Stream(k.from(), k.to(), n / frameSeconds, now));
            else fly(new Flight(s.pid(), s.to(), Kind.MESSAGE, now));
        }
        for (Rate r : rates) streams.put(new PairKey(r.from(), r.to()), new Stream(r.from(), r.to(), r.perSecond(), now));
        for (Event e : events) {
            switch (e) {
                case Event.Down d when d.object() instanceof Pid dead -> fly(new Flight(dead, d.pid(), Kind.DOWN, now));
                case Event.Link l -> fly(new Flight(l.pid(), l.other(), Kind.LINK, now));
                case Event.Exit x -> {
                    Pid sup = supervisorOf.apply(x.pid());
                    if (sup != null) fly(new Flight(x.pid(), sup, Kind.EXIT, now));
                }
                default -> { }
            }
        }
    }

    private static double spanSeconds(List<Event> events) {
        return events.size() < 2 ? 0 : (events.getLast().nanos() - events.getFirst().nanos()) / 1e9;
    }

    private void fly(Flight f) {
        if (f.from() == null || f.to() == null || f.from().equals(f.to())) return;
        if (flights.size() == MAX_FLIGHTS) flights.removeFirst();
        flights.addLast(f);
        if (recent.size() == RECENT) recent.removeFirst();
        recent.addLast(f);
    }

    /** The marks still in the air at {@code now}; landed ones are dropped. */
    public List<Flight> active(long now) {
        long d = speed.flight.toNanos();
        flights.removeIf(f -> now - f.startNanos() >= d);
        return List.copyOf(flights);
    }

    /** The busy pairs renewed within {@link #STREAM_TTL_NANOS}. */
    public List<Stream> streams(long now) {
        streams.values().removeIf(s -> now - s.lastNanos() > STREAM_TTL_NANOS);
        return new ArrayList<>(streams.values());
    }

    /** How far along its way a mark is at {@code now}, 0..1. */
    public double progress(Flight f, long now) {
        long d = speed.flight.toNanos();
        return d <= 0 ? 1 : Math.max(0, Math.min(1, (now - f.startNanos()) / (double) d));
    }

    /** The last marks launched, oldest first. */
    public List<Flight> recent() {
        return List.copyOf(recent);
    }

    /** Whether anything is drawn, so the canvas keeps animating. */
    public boolean busy() {
        return !flights.isEmpty() || !streams.isEmpty();
    }
}
