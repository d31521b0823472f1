package beamscope.app.stress;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Inbox;
import beamscope.runtime.MaxHeap;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many producers, one slow consumer: the consumer's mailbox grows (the table's message queue column and
 * the tree's badge show it live). What happens when memory runs short is decided: the consumer runs with
 * a mailbox limit ({@link MaxHeap}, OTP's {@code max_heap_size}) and is killed ({@code :killed}) when its
 * queue passes it; its producers are linked to it and go with it; on the way the node's memory watermark
 * alarm ({@code memory_high_watermark}, when the node has one) is set, and cleared once the mailbox is gone.
 */
public final class FloodScenario implements Scenario {
    static final String PRODUCERS = "producers", LIMIT = "mailboxLimit", CONSUMER_MICROS = "consumerMicros",
            SECONDS = "seconds";
    static final Atom JOB = Atom.of("job");

    @Override public String id() { return "flood"; }
    @Override public String title() { return "Flood: many producers, one slow consumer"; }
    @Override public String description() {
        return "Producers send faster than one consumer handles: its mailbox grows until its limit (max_heap_size) "
                + "kills it, with its linked producers; the memory watermark alarm shows on the way.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(PRODUCERS, "producers", 8, 1, 10_000),
                new Parameter(LIMIT, "consumer's mailbox limit (messages)", 2_000_000, 1, 100_000_000),
                new Parameter(CONSUMER_MICROS, "consumer's work per message (µs)", 20, 0, 100_000),
                new Parameter(SECONDS, "at most (s)", 60, 1, 3_600));
    }

    /** Spins about {@code micros} of CPU: the consumer's work, real time on its scheduler. */
    static void busy(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() - end < 0) Thread.onSpinWait();
    }

    @Override
    public Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException {
        int producers = (int) (long) values.get(PRODUCERS);
        long limit = values.get(LIMIT), micros = values.get(CONSUMER_MICROS);
        Duration most = Duration.ofSeconds(values.get(SECONDS));
        AtomicLong handled = new AtomicLong();
        Behavior consume = Behaviors.receive((ctx, m) -> {
            busy(micros);
            handled.incrementAndGet();
            return Behaviors.same();
        });
        List<Pid> ours = new ArrayList<>();
        long maxQueue = 0, peakHeap = 0;
        Alarms alarms = new Alarms();
        Object consumerReason = null;
        double growth = -1;
        long t0 = System.nanoTime();
        try (Inbox me = node.inbox();
             EventSubscription events = node.subscribe(EventFilter.kinds(Event.SystemMonitor.class), 10_000)) {
            Pid consumer = node.spawn(consume, SpawnOptions.defaults().withInitialCall("Stress.consumer/0")
                    .withMaxHeap(MaxHeap.messages(limit)));
            ours.add(consumer);
            me.monitor(consumer);
            Behavior produce = Behaviors.compute(ctx -> {
                for (int i = 0; i < 100; i++) ctx.send(consumer, Tuple.of(JOB, (long) i));
                ctx.work(100);
                return Behaviors.same();
            });
            for (int i = 0; i < producers; i++) ours.add(node.spawn(Behaviors.setup(ctx -> {
                ctx.link(consumer);
                return produce;
            }), SpawnOptions.defaults().withInitialCall("Stress.producer/0")));
            while (!run.cancelled() && System.nanoTime() - t0 < most.toNanos()) {
                long now = System.nanoTime();
                int queue = node.processInfo(consumer, 0).map(ProcessInfo::messageQueueLen).orElse(-1);
                peakHeap = Math.max(peakHeap, Figures.heapUsed());
                if (queue > maxQueue) {
                    maxQueue = queue;
                    growth = queue / ((now - t0) / 1e9);   // from the producers' start to the longest queue seen
                }
                alarms.drain(events, consumer);
                Object down = me.receive(Duration.ofMillis(50)).orElse(null);
                if (down instanceof beamscope.runtime.Tuple5 d) {   // {:DOWN, ref, :process, consumer, reason}
                    consumerReason = d.e4();
                    break;
                }
                run.progress(Math.min(1, queue / (double) limit), queue < 0 ? "consumer gone"
                        : String.format(Locale.ROOT, "consumer's queue %,d of its limit %,d", queue, limit));
            }
            // the alarm clears once the mailboxes are gone: wait for it a little (the watermark looks every 100 ms)
            long clearBy = System.nanoTime() + 2_000_000_000L;
            do {
                alarms.drain(events, consumer);
                if (alarms.set <= alarms.cleared) break;
                Thread.sleep(20);
            } while (System.nanoTime() - clearBy < 0);
        } finally {
            for (Pid p : ours) node.exit(p, Atom.KILL);
        }
        long leftAlive = awaitGone(node, ours);
        long killedAtQueue = alarms.killedAtQueue;
        maxQueue = Math.max(maxQueue, killedAtQueue);   // the limit's report saw it, if no sample did
        boolean killed = killedAtQueue >= 0 && Atom.of("killed").equals(consumerReason);
        Figures f = new Figures()
                .count("producers", "producers", producers)
                .count("handled", "messages the consumer handled", handled.get())
                .count("maxQueue", "consumer's longest queue seen", maxQueue)
                .add("growthPerSecond", "queue growth (start to longest queue)", Math.max(0, growth), "%,.0f msgs/s")
                .count("limit", "consumer's mailbox limit (max_heap_size)", limit)
                .add("killedByLimit", "consumer killed by its limit", killed ? 1 : 0, "%.0f (1 = yes)");
        if (killedAtQueue >= 0) f.count("killedAtQueue", "queue when the limit killed it", killedAtQueue);
        f.note("consumer's exit reason", consumerReason == null ? "still alive at the end (killed by the scenario)"
                : beamscope.runtime.Terms.inspect(consumerReason));
        f.count("alarmsSet", "memory watermark alarms set", alarms.set)
                .count("alarmsCleared", "memory watermark alarms cleared", alarms.cleared)
                .add("peakHeapMB", "JVM heap used, peak sampled", peakHeap / 1048576.0, "%,.0f MB")
                .count("leaked", "processes of the scenario still alive", leftAlive);
        return f.result(id(), run.cancelled());
    }

    /** What the system monitor said: the consumer's max_heap_size kill, the watermark alarm set and cleared. */
    static final class Alarms {
        long killedAtQueue = -1, set, cleared;
        private final List<Event> seen = new ArrayList<>();

        void drain(EventSubscription events, Pid consumer) {
            seen.clear();
            events.drainTo(seen, 10_000);
            for (Event e : seen) if (e instanceof Event.SystemMonitor s) {
                if (s.kind() == Event.MAX_HEAP_SIZE && consumer.equals(s.pid())) killedAtQueue = field(s, "message_queue_len");
                if (s.kind() == Event.MEMORY_HIGH_WATERMARK) {
                    if (field(s, "set") == 1) set++;
                    else cleared++;
                }
            }
        }
    }

    /** A numeric detail of a system monitor event ({@code [key: value, …]}); booleans as 1/0; -1 if absent. */
    static long field(Event.SystemMonitor s, String key) {
        if (s.details() instanceof List<?> details) for (Object d : details) {
            if (d instanceof Tuple2(Atom k, Number v) && k.name().equals(key)) return v.longValue();
            if (d instanceof Tuple2(Atom k, Boolean v) && k.name().equals(key)) return v ? 1 : 0;
        }
        return -1;
    }

    /**
     * Waits (up to 5 s) for the scenario's processes to be gone; returns how many are still alive. It monitors
     * each from an inbox and counts the DOWNs (a dead pid's DOWN comes at once, with {@code :noproc}), so it
     * wakes when the last one ends instead of polling.
     */
    static long awaitGone(Node node, List<Pid> pids) throws InterruptedException {
        try (beamscope.runtime.Inbox inbox = node.inbox("stress.await_gone")) {
            java.util.Set<beamscope.runtime.Ref> pending = new java.util.HashSet<>();
            for (Pid p : pids) pending.add(inbox.monitor(p));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                var down = inbox.receive(m -> m instanceof beamscope.runtime.Tuple5 t && t.e0() == Atom.DOWN,
                        java.time.Duration.ofNanos(left));
                if (down.isEmpty()) break;
                pending.remove(((beamscope.runtime.Tuple5) down.get()).e1());
            }
            return pending.size();
        }
    }
}
