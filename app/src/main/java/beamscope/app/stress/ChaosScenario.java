package beamscope.app.stress;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.Observe;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import beamscope.runtime.otp.SupervisorView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chaos monkey: under {@code chaos_top} (one_for_one, generous) a {@code chaos_sup} with the chosen
 * strategy, intensity and period supervises ping servers; every N ms a random one is killed while a caller
 * keeps calling random servers. While the restarts stay within the intensity, every kill is one restart;
 * past it {@code chaos_sup} gives up (its children shut down) and {@code chaos_top} starts it again: an
 * escalation. At the end the tree is stopped and every process it ever started must be gone.
 *
 * <p>Counting: restarts are the servers {@code chaos_sup} started beyond its initial ones (spawn events
 * whose parent is a {@code chaos_sup}), escalations the {@code chaos_sup}s {@code chaos_top} started beyond
 * the first.
 */
public final class ChaosScenario implements Scenario {
    static final String WORKERS = "workers", KILL_EVERY = "killEveryMillis", SECONDS = "seconds",
            INTENSITY = "intensity", PERIOD = "periodSeconds";
    static final Atom PING = Atom.of("ping"), PONG = Atom.of("pong");

    /** A GenServer that answers {@code :ping} with {@code :pong}. */
    static final GenServer<Object, Object> PING_SERVER = new GenServer<>() {
        @Override public Init<Object> init(ProcessContext ctx, Object arg) { return Init.ok(arg); }
        @Override public Result<Object> handleCall(ProcessContext ctx, Object request, From from, Object state) throws Exception {
            return request == PING ? Result.reply(PONG, state) : GenServer.super.handleCall(ctx, request, from, state);
        }
        @Override public String label() { return "Stress.PingServer"; }
    };

    @Override public String id() { return "chaos"; }
    @Override public String title() { return "Chaos: kill a random worker every N ms"; }
    @Override public String description() {
        return "Kills a random worker of a supervised tree on a timer while calls keep going: restarts while the "
                + "intensity allows, escalation to the top supervisor when it does not, and nothing leaked.";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter(WORKERS, "workers", 20, 1, 100_000),
                new Parameter(KILL_EVERY, "kill one every (ms)", 100, 1, 60_000),
                new Parameter(SECONDS, "for (s)", 10, 1, 3_600),
                new Parameter(INTENSITY, "chaos_sup's intensity (restarts)", 100, 0, 1_000_000),
                new Parameter(PERIOD, "in (s)", 5, 1, 3_600));
    }

    @Override
    public Result run(Node node, Map<String, Long> values, Run run) throws InterruptedException {
        int workers = (int) (long) values.get(WORKERS);
        long every = values.get(KILL_EVERY);
        Duration length = Duration.ofSeconds(values.get(SECONDS));
        SupervisorFlags chaosFlags = SupervisorFlags.of(Strategy.ONE_FOR_ONE)
                .withIntensity((int) (long) values.get(INTENSITY), (int) (long) values.get(PERIOD));
        List<ChildSpec> servers = new ArrayList<>();
        for (int i = 0; i < workers; i++) servers.add(ChildSpec.worker("ping_" + i, ChildStart.genServer(PING_SERVER, 0L)));
        Tally tally = new Tally(workers);
        AtomicLong answered = new AtomicLong(), failed = new AtomicLong();
        long kills = 0;
        Pid top;
        try (EventSubscription events = node.subscribe(EventFilter.kinds(Event.Spawn.class), 1 << 20)) {
            StartResult r = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(1_000_000, 1),
                    List.of(ChildSpec.supervisor("chaos_sup", chaosFlags, servers)));
            if (!(r instanceof StartResult.Ok(Pid started))) throw new IllegalStateException("chaos tree did not start: " + r);
            top = started;
            tally.top = top;
            // the caller: calls random servers as fast as they answer, off the scenario's thread
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread caller = Thread.ofPlatform().daemon().name("stress-chaos-caller").start(() -> {
                while (!stop.get()) {
                    List<Pid> live = liveServers(node, top);
                    if (live.isEmpty()) {
                        Thread.onSpinWait();
                        continue;
                    }
                    try {
                        GenServer.call(node, live.get(ThreadLocalRandom.current().nextInt(live.size())), PING,
                                Duration.ofMillis(500));
                        answered.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            Set<Pid> killed = new HashSet<>();
            long t0 = System.nanoTime(), next = t0;
            List<Event> batch = new ArrayList<>();
            try {
                while (!run.cancelled() && System.nanoTime() - t0 < length.toNanos()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    next += every * 1_000_000;
                    List<Pid> live = liveServers(node, top);
                    live.removeAll(killed);
                    if (!live.isEmpty()) {
                        Pid victim = live.get(ThreadLocalRandom.current().nextInt(live.size()));
                        if (node.isAlive(victim)) {
                            killed.add(victim);
                            node.exit(victim, Atom.KILL);
                            kills++;
                        }
                    }
                    batch.clear();
                    events.drainTo(batch, 1 << 20);
                    tally.note(batch);
                    run.progress((System.nanoTime() - t0) / (double) length.toNanos(), String.format(Locale.ROOT,
                            "kills %,d · restarts %,d · escalations %,d · calls %,d answered, %,d failed", kills,
                            tally.restarts(), tally.escalations(), answered.get(), failed.get()));
                }
                // the last kills' restarts (or the last escalation) come in a moment later
                long settle = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() - settle < 0) {
                    batch.clear();
                    events.drainTo(batch, 1 << 20);
                    tally.note(batch);
                    if (tally.escalations() == 0 && tally.restarts() >= kills) break;
                    if (tally.escalations() > 0 && liveServers(node, top).size() == workers) break;
                    Thread.sleep(10);
                }
            } finally {
                stop.set(true);
                caller.join(10_000);
            }
            boolean survived = node.isAlive(top);
            Supervisor.stop(node, top);
            batch.clear();
            events.drainTo(batch, 1 << 20);
            tally.note(batch);
            long leaked = FloodScenario.awaitGone(node, new ArrayList<>(tally.started));
            return new Figures()
                    .count("workers", "workers under chaos_sup", workers)
                    .note("chaos_sup", "one_for_one, at most " + chaosFlags.intensity() + " restarts in "
                            + chaosFlags.period() + " s")
                    .count("kills", "kills", kills)
                    .count("restarts", "restarts by chaos_sup", tally.restarts())
                    .count("escalations", "escalations (chaos_sup gave up, chaos_top restarted it)", tally.escalations())
                    .count("answered", "calls answered", answered.get())
                    .count("failed", "calls failed (server killed or restarting)", failed.get())
                    .add("survived", "tree alive at the end", survived ? 1 : 0, "%.0f (1 = yes)")
                    .count("eventsDropped", "spawn events dropped (counts then incomplete)", events.dropped())
                    .count("leaked", "processes leaked (started by the tree, alive after it stopped)", leaked)
                    .result(id(), run.cancelled());
        }
    }

    /** The ping servers alive now under the current {@code chaos_sup}, read without messaging anyone. */
    static List<Pid> liveServers(Node node, Pid top) {
        List<Pid> out = new ArrayList<>();
        Pid sup = Observe.supervisor(node, top).flatMap(v -> v.children().stream().findFirst()).flatMap(ChildView::pid)
                .orElse(null);
        if (sup == null) return out;
        SupervisorView v = Observe.supervisor(node, sup).orElse(null);
        if (v == null) return out;
        for (ChildView c : v.children()) c.pid().ifPresent(out::add);
        return out;
    }

    /** What the spawn events say: chaos_sups started by the top, servers started by each chaos_sup. */
    static final class Tally {
        final int workers;
        Pid top;
        final Set<Pid> sups = new HashSet<>();
        final Set<Pid> started = new HashSet<>();
        long serverSpawns;

        Tally(int workers) {
            this.workers = workers;
        }

        void note(List<Event> events) {
            for (Event e : events) if (e instanceof Event.Spawn s && s.parent() != null) {
                if (s.parent().equals(top)) {
                    sups.add(s.pid());
                    started.add(s.pid());
                } else if (sups.contains(s.parent())) {
                    serverSpawns++;
                    started.add(s.pid());
                }
            }
        }

        long restarts() {
            return Math.max(0, serverSpawns - (long) workers * sups.size());
        }

        long escalations() {
            return Math.max(0, sups.size() - 1);
        }
    }
}
