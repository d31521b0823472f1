package beamscope.bench.beamscope;

import static beamscope.bench.Bench.heapUsedAfterGc;
import static beamscope.bench.Bench.millis;
import static beamscope.bench.Bench.perSecond;

import beamscope.bench.Bench;
import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.Tuple5;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workloads on the Beamscope runtime, in the order and with the comments of
 * {@code erlang/beamscope_bench.erl} and {@code pekko/PekkoBench.java}, plus row 8 (the cost of observing).
 *
 * <p>Every round runs on a fresh {@link Node} with the default configuration (one scheduler per core,
 * 4000 reductions per slice) and a process limit big enough for skynet. Results come back to the
 * benchmark thread through an {@link Inbox}; latencies are measured inside processes.
 *
 * <p>Usage: {@code BeamscopeBench <workload> [warmup=W] [key=value]...}
 */
public final class BeamscopeBench {

    public static void main(String[] args) {
        // Supervisor reports (one per kill in the restart workload) would be printed and timed: off, as
        // the Erlang side turns its logger down.
        java.util.logging.Logger.getLogger("beamscope").setLevel(java.util.logging.Level.OFF);
        Map<String, Bench.Workload> workloads = new LinkedHashMap<>();
        workloads.put("spawn_1m", BeamscopeBench::spawn1m);
        workloads.put("ping_pong", BeamscopeBench::pingPong);
        workloads.put("ring", BeamscopeBench::ring);
        workloads.put("fan_in", BeamscopeBench::fanIn);
        workloads.put("skynet", BeamscopeBench::skynet);
        workloads.put("restart", BeamscopeBench::restart);
        workloads.put("priority", BeamscopeBench::priority);
        workloads.put("observe", BeamscopeBench::observe);
        workloads.put("spawn_run", BeamscopeBench::spawnRun);
        workloads.put("monitor", BeamscopeBench::monitor);
        workloads.put("dynsup", BeamscopeBench::dynsup);
        workloads.put("tutorial", BeamscopeBench::tutorial);
        workloads.put("record", BeamscopeBench::record);
        Bench.main("beamscope", args, workloads);
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final Atom SPAWN = Atom.of("spawn");
    static final Atom KILL = Atom.of("kill");
    static final Atom PONG = Atom.of("pong");
    static final Atom NEXT = Atom.of("next");
    static final Atom RAN = Atom.of("probe_ran");
    static final Long ONE = 1L;

    static Node freshNode() {
        return Node.start(NodeConfig.defaults().withProcessLimit(1 << 22));
    }

    /** The next message in the benchmark thread's inbox; a stuck workload fails after 10 minutes. */
    static Object await(Inbox inbox) {
        return inbox.receive(TIMEOUT).orElseThrow(() -> new IllegalStateException("no result in " + TIMEOUT));
    }

    static final Behavior IDLE = Behaviors.receive((ctx, msg) -> Behaviors.same());

    // ---- 1. spawn_1m ---------------------------------------------------------------------------------
    // Spawn N processes that wait in receive, from one spawning process; spawn_ms = first spawn call to
    // return of the last. bytes_per_proc = (heap or process memory after GC, minus the baseline taken
    // before spawning) / N. kill_ms = from the order to kill every process until none is left.
    // Beamscope: heap used after System.gc() x3, the spawner's Pid[] included (BEAM counts its pid list
    // too); the baseline is taken after the node started. Kill: the spawner calls exit(pid, kill) for
    // each pid; the benchmark thread polls processCount() every millisecond until it is back.

    static Map<String, Object> spawn1m(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            Pid spawner = node.spawn(Behaviors.receive((ctx, msg) -> {
                if (msg != SPAWN) return Behaviors.unhandled();
                Pid[] pids = new Pid[n];
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) pids[i] = ctx.spawn(IDLE);
                ctx.send(inbox.pid(), System.nanoTime() - t0);
                return Behaviors.receive((c, kill) -> {
                    for (Pid pid : pids) c.exit(pid, Atom.KILL);
                    return Behaviors.same();
                });
            }));
            long baselineCount = node.processCount();
            long baseline = heapUsedAfterGc();
            node.send(spawner, SPAWN);
            long spawn = (Long) await(inbox);
            long used = heapUsedAfterGc();
            long t0 = System.nanoTime();
            node.send(spawner, KILL);
            while (node.processCount() > baselineCount) Thread.onSpinWait(); // no sleep granularity in the figure
            long kill = System.nanoTime() - t0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spawn_ms", millis(spawn));
            m.put("bytes_per_proc", (double) (used - baseline) / n);
            m.put("kill_ms", millis(kill));
            return m;
        }
    }

    // ---- 2. ping_pong --------------------------------------------------------------------------------
    // Two processes; the pinger sends its address, the ponger answers `pong`; N round trips, one at a time.
    // Timed in the pinger from the first ping to the last pong.

    static Map<String, Object> pingPong(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        try (Node node = freshNode()) {
            return Map.of("roundtrips_per_s", perSecond(n, pingPongNanos(node, n)));
        }
    }

    static long pingPongNanos(Node node, int n) {
        Inbox inbox = node.inbox();
        Pid ponger = node.spawn(Behaviors.receive((ctx, from) -> {
            ctx.send((Pid) from, PONG);
            return Behaviors.same();
        }));
        node.spawn(Behaviors.setup(ctx -> {
            int[] left = {n};
            long t0 = System.nanoTime();
            ctx.send(ponger, ctx.self());
            return Behaviors.receive((c, pong) -> {
                if (--left[0] == 0) {
                    c.send(inbox.pid(), System.nanoTime() - t0);
                    return Behaviors.stop();
                }
                c.send(ponger, c.self());
                return Behaviors.same();
            });
        }));
        long nanos = (Long) await(inbox);
        node.exit(ponger, Atom.KILL);
        return nanos;
    }

    // ---- 3. ring -------------------------------------------------------------------------------------
    // P processes in a ring, each knowing the next; a token carrying a hop count goes round, each process
    // passing it on with the count minus one; the one that receives 0 reports. Ring built before timing;
    // timed from sending the token to the report. msgs_per_s = hops / time.

    static Map<String, Object> ring(Bench.Params p) throws Exception {
        int procs = p.get("procs", 1000);
        int hops = p.get("hops", 1_000_000);
        try (Node node = freshNode()) {
            return Map.of("msgs_per_s", perSecond(hops, ringNanos(node, procs, hops)));
        }
    }

    static long ringNanos(Node node, int procs, int hops) {
        Inbox inbox = node.inbox();
        Behavior member = Behaviors.receive((ctx, first) -> {
            if (!(first instanceof Tuple2(Atom tag, Pid next)) || tag != NEXT) return Behaviors.unhandled();
            return Behaviors.receive((c, token) -> {
                long left = (Long) token;
                if (left == 0) c.send(inbox.pid(), System.nanoTime());
                else c.send(next, left - 1);
                return Behaviors.same();
            });
        });
        Pid[] members = new Pid[procs];
        for (int i = 0; i < procs; i++) members[i] = node.spawn(member);
        for (int i = 0; i < procs; i++) node.send(members[i], Tuple.of(NEXT, members[(i + 1) % procs]));
        long t0 = System.nanoTime();
        node.send(members[0], (long) hops);
        long doneAt = (Long) await(inbox);
        for (Pid m : members) node.exit(m, Atom.KILL);
        return doneAt - t0;
    }

    // ---- 4. fan_in -----------------------------------------------------------------------------------
    // S senders each send N messages to one receiver, which counts them. Timed from just before the
    // senders are spawned until the receiver has all S*N. The JVM senders send in steps of 1000 messages
    // (one Behaviors.compute step each) so they share the cores like preempted BEAM processes.

    static Map<String, Object> fanIn(Bench.Params p) throws Exception {
        int senders = p.get("senders", 8);
        int n = p.get("n", 1_000_000);
        long total = (long) senders * n;
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            long[] count = {0};
            Pid receiver = node.spawn(Behaviors.receive((ctx, msg) -> {
                if (++count[0] == total) ctx.send(inbox.pid(), System.nanoTime());
                return Behaviors.same();
            }));
            long t0 = System.nanoTime();
            for (int s = 0; s < senders; s++) node.spawn(sender(receiver, n));
            long doneAt = (Long) await(inbox);
            return Map.of("msgs_per_s", perSecond(total, doneAt - t0));
        }
    }

    static Behavior sender(Pid receiver, int left) {
        return Behaviors.compute(ctx -> {
            int k = Math.min(1000, left);
            for (int i = 0; i < k; i++) ctx.send(receiver, ONE);
            return left == k ? Behaviors.stop() : sender(receiver, left - k);
        });
    }

    // ---- 5. skynet -----------------------------------------------------------------------------------
    // A 10-ary tree of processes with `leaves` leaves (1,111,111 processes for 1M): each inner node spawns
    // 10 children, each leaf sends its number to its parent, each parent sends the sum of its 10 answers
    // up. Timed from spawning the root to the root's answer (the sum of 0..leaves-1, checked).

    static Map<String, Object> skynet(Bench.Params p) throws Exception {
        int leaves = p.get("leaves", 1_000_000);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            long t0 = System.nanoTime();
            node.spawn(skynetNode(inbox.pid(), 0, leaves));
            long sum = (Long) await(inbox);
            long t1 = System.nanoTime();
            if (sum != (long) leaves * (leaves - 1) / 2) throw new IllegalStateException("skynet sum " + sum);
            return Map.of("time_ms", millis(t1 - t0));
        }
    }

    static Behavior skynetNode(Pid parent, long num, long size) {
        return Behaviors.setup(ctx -> {
            if (size == 1) {
                ctx.send(parent, num);
                return Behaviors.stop();
            }
            long sub = size / 10;
            for (int i = 0; i < 10; i++) ctx.spawn(skynetNode(ctx.self(), num + i * sub, sub));
            long[] sumAndCount = {0, 0};
            return Behaviors.receive((c, v) -> {
                sumAndCount[0] += (Long) v;
                if (++sumAndCount[1] < 10) return Behaviors.same();
                c.send(parent, sumAndCount[0]);
                return Behaviors.stop();
            });
        });
    }

    // ---- 6. restart ----------------------------------------------------------------------------------
    // A supervisor (one_for_one, restart without limit) with one registered worker. K times: kill the
    // worker and time until the new incarnation is there, measured two ways (K kills each, same supervisor):
    //   polled_*: the measurer busy-polls whereis(name) until it returns a new pid (not possible on Pekko);
    //   ready_*:  the new incarnation's start sends `ready` to the measurer, which waits in receive.
    // Then the same 2 x K kills again with the supervisor's restart list kept short (short_polled_*,
    // short_ready_*): a fresh supervisor (started and stopped untimed) for every `sup_batch` kills. With
    // intensity 1,000,000 in 1 s, OTP keeps every restart of the last period in a list that add_restart walks
    // on each restart, so the one-supervisor figures grow with K; the short ones do not.
    // p50/p99 in µs. Beamscope: the real otp.Supervisor (intensity 1,000,000 in 1 s; it counts restarts per
    // second, so its list never grows); kill is exit(worker, kill); the polling is a Behaviors.compute loop.

    static final String WORKER = "bench_worker";
    static final String MEASURER = "bench_measurer";
    static final Atom READY = Atom.of("ready");

    static Map<String, Object> restart(Bench.Params p) throws Exception {
        int kills = p.get("kills", 10_000);
        int batch = p.get("sup_batch", 100);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            Map<String, Object> m = new LinkedHashMap<>();
            m.putAll(Bench.latencies("polled_", restartBatches(node, inbox, kills, kills, false)));
            m.putAll(Bench.latencies("ready_", restartBatches(node, inbox, kills, kills, true)));
            m.putAll(Bench.latencies("short_polled_", restartBatches(node, inbox, kills, batch, false)));
            m.putAll(Bench.latencies("short_ready_", restartBatches(node, inbox, kills, batch, true)));
            return m;
        }
    }

    /** {@code kills} restart latencies, a fresh supervisor for every {@code batch} of them. */
    static long[] restartBatches(Node node, Inbox inbox, int kills, int batch, boolean ready) {
        long[] all = new long[kills];
        for (int done = 0; done < kills; done += batch) {
            int k = Math.min(batch, kills - done);
            // the real OTP supervisor: one_for_one, intensity raised so 10,000 kills never exhaust it
            Behavior worker = Behaviors.setup(ctx -> {
                ctx.register(WORKER);
                ctx.whereis(MEASURER).ifPresent(m -> ctx.send(m, Tuple.of(READY, ctx.self())));
                return IDLE;
            });
            Pid sup = switch (Supervisor.start(node, new SupervisorFlags(Strategy.ONE_FOR_ONE, 1_000_000, 1),
                    List.of(ChildSpec.worker("worker", ChildStart.spawnLink(worker))))) {
                case StartResult.Ok(Pid pid) -> pid;
                case StartResult other -> throw new IllegalStateException("supervisor: " + other);
            };
            while (node.whereis(WORKER).isEmpty()) Thread.onSpinWait();
            if (ready) {
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.register(MEASURER);
                    return readyMeasurer(new long[k], 0, inbox.pid());
                }));
            } else {
                node.spawn(polledMeasurer(new long[k], 0, inbox.pid()));
            }
            System.arraycopy((long[]) await(inbox), 0, all, done, k);
            Supervisor.stop(node, sup);
            while (node.whereis(WORKER).isPresent() || node.whereis(MEASURER).isPresent()) Thread.onSpinWait();
        }
        return all;
    }

    static Behavior polledMeasurer(long[] latencies, int i, Pid reportTo) {
        return Behaviors.setup(ctx -> {
            if (i == latencies.length) {
                ctx.send(reportTo, latencies);
                return Behaviors.stop();
            }
            Pid old = ctx.whereis(WORKER).orElseThrow();
            long t0 = System.nanoTime();
            ctx.exit(old, Atom.KILL);
            return Behaviors.compute(c -> {
                Optional<Pid> now = c.whereis(WORKER);
                if (now.isEmpty() || now.get().equals(old)) return Behaviors.same();
                latencies[i] = System.nanoTime() - t0;
                return polledMeasurer(latencies, i + 1, reportTo);
            });
        });
    }

    static Behavior readyMeasurer(long[] latencies, int i, Pid reportTo) {
        return Behaviors.setup(ctx -> {
            if (i == latencies.length) {
                ctx.send(reportTo, latencies);
                return Behaviors.stop();
            }
            Pid old = ctx.whereis(WORKER).orElseThrow();
            long t0 = System.nanoTime();
            ctx.exit(old, Atom.KILL);
            return Behaviors.receive((c, msg) -> {
                if (!(msg instanceof Tuple2(Atom tag, Pid worker)) || tag != READY || worker.equals(old)) {
                    return Behaviors.unhandled();
                }
                latencies[i] = System.nanoTime() - t0;
                return readyMeasurer(latencies, i + 1, reportTo);
            });
        });
    }

    // ---- 7. priority ---------------------------------------------------------------------------------
    // One busy spinner per scheduler (1000 iterations of work per step, forever). Then, `samples` times,
    // time from spawning a new process until its message back arrives at the measuring process.
    // high_*: spinners LOW, new process and measurer HIGH. normal_*: spinners, new process NORMAL (the
    // measurer HIGH where priorities exist). The spinners get 50 ms to spread over the schedulers before
    // sampling. Beamscope: a spinner step is Behaviors.compute burning 1000 iterations and declaring
    // ctx.work(1000) reductions.

    static Map<String, Object> priority(Bench.Params p) throws Exception {
        int samples = p.get("samples", 1000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.putAll(Bench.latencies("high_", probeWithSpinners(Priority.LOW, Priority.HIGH, samples)));
        m.putAll(Bench.latencies("normal_", probeWithSpinners(Priority.NORMAL, Priority.NORMAL, samples)));
        return m;
    }

    static long[] probeWithSpinners(Priority spinners, Priority probes, int samples) throws Exception {
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            for (int s = 0; s < CORES; s++) {
                node.spawn(Behaviors.setup(ctx -> {
                    ctx.priority(spinners);
                    return spinner();
                }));
            }
            // every scheduler busy with a spinner before the first probe
            while (node.snapshot().schedulers().stream().anyMatch(sc -> sc.running() == null)) Thread.onSpinWait();
            node.spawn(Behaviors.setup(ctx -> {
                ctx.priority(Priority.HIGH);
                return prober(probes, new long[samples], 0, inbox.pid());
            }));
            return (long[]) await(inbox); // closing the node ends the spinners
        }
    }

    static Behavior spinner() {
        return Behaviors.compute(ctx -> {
            Bench.burn(1000);
            ctx.work(1000);
            return Behaviors.same();
        });
    }

    static Behavior prober(Priority priority, long[] latencies, int i, Pid reportTo) {
        return Behaviors.setup(ctx -> {
            if (i == latencies.length) {
                ctx.send(reportTo, latencies);
                return Behaviors.stop();
            }
            Pid me = ctx.self();
            long t0 = System.nanoTime();
            ctx.spawn(Behaviors.setup(c -> {
                c.send(me, RAN);
                return Behaviors.stop();
            }), SpawnOptions.defaults().withPriority(priority));
            return Behaviors.receive((c, ran) -> {
                latencies[i] = System.nanoTime() - t0;
                return prober(priority, latencies, i + 1, reportTo);
            });
        });
    }

    // ---- 8. observe (Beamscope only) -----------------------------------------------------------------
    // What watching the runtime costs, with N idle processes alive throughout:
    //   snapshot_ms / processes_ms: one node.snapshot() / node.processes() call (median of 5 calls);
    //   ping_pong_per_s, ring_msgs_per_s: rows 2 and 3 (sizes pp_n, ring_procs, ring_hops) without a
    //   sampler, and *_gui_sampler_per_s the same with the observer window's own sampler attached
    //   (GuiSampler: the app's Sampler over LocalNode, MainWindow's period, no JavaFX toolkit).
    //   The two alternate in blocks, `blocks` of each per workload, in the order with, without, without,
    //   with, ... so that drift within the JVM falls on both alike. A block with the sampler attaches a
    //   fresh one, lets it walk every process twice (untimed: the cold first walk and one asked for at
    //   once, as a fold in the tree asks), then repeats the workload until one more walk has ended. The
    //   sampler sends a frame every period but walks only after idling 19 times as long as its last walk
    //   took, so such a block spans one whole idle-then-walk cycle. A block without it repeats the
    //   workload as many times as the last block with it. Each rate is the total work over the total
    //   time of its blocks. Before every block, and in a block with the sampler after its untimed walks,
    //   a full collection (untimed) puts what lives on in the old generation: the sampler's maps of every
    //   process's reductions (about 64 MB at 1M), as in a window that has been open a while;
    //   gui_sampler_cpu_pct: the CPU time of the sampler thread and of the stand-in FX thread during the
    //   timed blocks with the sampler, in percent of what the machine's cores offered meanwhile (what the
    //   sampler takes away from the schedulers, before any effect on caches or the collector);
    //   *_gui_sampler_frames, *_gui_sampler_walks: the frames, and the walks among them, during those blocks;
    //   gui_walk_ms, gui_frame_ms: the mean time of a frame with a walk (snapshot, every process, tree and
    //   scheduler frames, hand-off) and of one without, during them.

    static Map<String, Object> observe(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        int ppN = p.get("pp_n", 10_000_000);
        int ringProcs = p.get("ring_procs", 1000);
        int ringHops = p.get("ring_hops", 10_000_000);
        int blocks = p.get("blocks", 2);
        p.note("gui_sampler_period_ms", GuiSampler.period().toMillis());
        try (Node node = freshNode()) {
            for (int i = 0; i < n; i++) node.spawn(IDLE);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshot_ms", medianMillis(5, () -> node.snapshot()));
            m.put("processes_ms", medianMillis(5, () -> node.processes()));
            Alternated pp = alternate(node, blocks, () -> pingPongNanos(node, ppN), ppN);
            Alternated ring = alternate(node, blocks, () -> ringNanos(node, ringProcs, ringHops), ringHops);
            GuiSampler.Counts during = pp.sampler().plus(ring.sampler());
            m.put("ping_pong_per_s", pp.without().perSecond());
            m.put("ping_pong_gui_sampler_per_s", pp.with().perSecond());
            m.put("ring_msgs_per_s", ring.without().perSecond());
            m.put("ring_msgs_gui_sampler_per_s", ring.with().perSecond());
            m.put("gui_sampler_cpu_pct", 100.0 * during.cpuNanos() / ((double) (pp.with().nanos() + ring.with().nanos()) * CORES));
            m.put("ping_pong_gui_sampler_frames", (double) pp.sampler().frames());
            m.put("ping_pong_gui_sampler_walks", (double) pp.sampler().walks());
            m.put("ring_gui_sampler_frames", (double) ring.sampler().frames());
            m.put("ring_gui_sampler_walks", (double) ring.sampler().walks());
            // NaN (null in the JSON line, left out of the table) when no such frame was timed
            m.put("gui_walk_ms", during.meanWalkMillis());
            m.put("gui_frame_ms", during.meanLightFrameMillis());
            return m;
        }
    }

    /** {@code work} units done in {@code nanos} of timed runs. */
    record Timed(long work, long nanos) {
        Timed plus(long w, long t) {
            return new Timed(work + w, nanos + t);
        }

        double perSecond() {
            return Bench.perSecond(work, nanos);
        }
    }

    /** One workload's blocks: without and with the sampler; what the sampler did during the latter. */
    record Alternated(Timed without, Timed with, GuiSampler.Counts sampler) {}

    /**
     * Runs {@code once} (timed, {@code work} units each) in {@code blocks} blocks with a fresh GUI sampler
     * attached and as many without, ordered with, without, without, with, with, ...
     */
    static Alternated alternate(Node node, int blocks, java.util.function.LongSupplier once, int work)
            throws InterruptedException {
        Timed without = new Timed(0, 0), with = new Timed(0, 0);
        GuiSampler.Counts during = GuiSampler.Counts.ZERO;
        int reps = 1; // runs per block: set by each block with the sampler
        for (int b = 0; b < 2 * blocks; b++) {
            boolean sampled = b % 4 == 0 || b % 4 == 3;
            if (!sampled) {
                System.gc();
                for (int r = 0; r < reps; r++) without = without.plus(work, once.getAsLong());
                continue;
            }
            try (GuiSampler sampler = new GuiSampler(node)) {
                sampler.warmUp();
                System.gc(); // its maps and last walk are old, as in a window that has been open a while
                GuiSampler.Counts start = sampler.counts();
                GuiSampler.Counts block;
                reps = 0;
                do {
                    with = with.plus(work, once.getAsLong());
                    reps++;
                    block = sampler.counts().minus(start);
                } while (block.walkFramesTimed() < 1);
                during = during.plus(block);
            }
        }
        return new Alternated(without, with, during);
    }

    // ---- 9. spawn_run --------------------------------------------------------------------------------
    // Spawn N processes that each first run, as the tutorial's spawn(fn -> Process.sleep(5000) end) does:
    // each counts itself in a shared counter and then sleeps `sleep_ms` (60 s here, so that none ends during
    // the round). spawn_ms = first spawn call to return of the last (what the tutorial's :timer.tc shows);
    // ran_ms = first spawn call until the last process has run (the one whose count reaches N says so);
    // bytes_per_proc and kill_ms as in spawn_1m, taken while they all sleep.
    // Beamscope: the counter is an AtomicLong; sleeping is a receive that matches nothing with an after
    // clause (a timer per process). A process spawned into Behaviors.setup is queued and runs like a BEAM
    // process; a killed sleeper (waiting in receive, not running) ends on the killer's thread.

    static Map<String, Object> spawnRun(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        int sleepMs = p.get("sleep_ms", 60_000);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            AtomicLong ran = new AtomicLong();
            Behavior sleep = Behaviors.receive((ctx, msg) -> Behaviors.unhandled())
                    .after(Duration.ofMillis(sleepMs), ctx -> Behaviors.stop());
            Behavior sleeper = Behaviors.setup(ctx -> {
                if (ran.incrementAndGet() == n) ctx.send(inbox.pid(), Tuple.of(RAN, System.nanoTime()));
                return sleep;
            });
            long[] t0 = {0};
            Pid spawner = node.spawn(Behaviors.receive((ctx, msg) -> {
                if (msg != SPAWN) return Behaviors.unhandled();
                Pid[] pids = new Pid[n];
                t0[0] = System.nanoTime();
                for (int i = 0; i < n; i++) pids[i] = ctx.spawn(sleeper);
                ctx.send(inbox.pid(), System.nanoTime() - t0[0]);
                return Behaviors.receive((c, kill) -> {
                    for (Pid pid : pids) c.exit(pid, Atom.KILL);
                    return Behaviors.same();
                });
            }));
            long baselineCount = node.processCount();
            long baseline = heapUsedAfterGc();
            node.send(spawner, SPAWN);
            long spawn = 0, ranAt = 0;
            for (int i = 0; i < 2; i++) { // the spawn time and the last sleeper's word, in either order
                switch (await(inbox)) {
                    case Long nanos -> spawn = nanos;
                    case Tuple2(Atom tag, Long at) when tag == RAN -> ranAt = at;
                    case Object other -> throw new IllegalStateException("unexpected " + other);
                }
            }
            long used = heapUsedAfterGc();
            long k0 = System.nanoTime();
            node.send(spawner, KILL);
            while (node.processCount() > baselineCount) Thread.onSpinWait();
            long kill = System.nanoTime() - k0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spawn_ms", millis(spawn));
            m.put("ran_ms", millis(ranAt - t0[0]));
            m.put("bytes_per_proc", (double) (used - baseline) / n);
            m.put("kill_ms", millis(kill));
            return m;
        }
    }

    // ---- 10. monitor ---------------------------------------------------------------------------------
    // N idle processes (spawned untimed); one watcher process monitors every one of them: monitor_ms = the
    // watcher's loop of N monitor calls. Then the N die: the driver kills them one after another and the
    // watcher counts the N DOWN messages; down_ms = the driver's first kill until the watcher has the last
    // DOWN. Beamscope: ctx.monitor(pid); ctx.exit(pid, kill).

    static final Atom WATCH = Atom.of("watch");
    static final Atom MONITORED = Atom.of("monitored");
    static final Atom DOWNS_DONE = Atom.of("downs_done");

    static Map<String, Object> monitor(Bench.Params p) throws Exception {
        int n = p.get("n", 100_000);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            Pid driver = node.spawn(Behaviors.receive((ctx, go) -> {
                Pid[] targets = new Pid[n];
                for (int i = 0; i < n; i++) targets[i] = ctx.spawn(IDLE);
                Pid me = ctx.self();
                ctx.spawn(Behaviors.setup(w -> {
                    long t0 = System.nanoTime();
                    for (Pid t : targets) w.monitor(t);
                    w.send(me, Tuple.of(MONITORED, System.nanoTime() - t0));
                    return downs(n, inbox.pid());
                }));
                return Behaviors.receive((c, monitored) -> {
                    if (!(monitored instanceof Tuple2(Atom tag, Long nanos)) || tag != MONITORED) return Behaviors.unhandled();
                    c.send(inbox.pid(), Tuple.of(MONITORED, nanos));
                    c.send(inbox.pid(), Tuple.of(KILL, System.nanoTime()));
                    for (Pid t : targets) c.exit(t, Atom.KILL);
                    return Behaviors.stop();
                });
            }));
            node.send(driver, SPAWN);
            long monitorNanos = 0, killAt = 0, doneAt = 0;
            for (int i = 0; i < 3; i++) {
                switch (await(inbox)) {
                    case Tuple2(Atom tag, Long v) when tag == MONITORED -> monitorNanos = v;
                    case Tuple2(Atom tag, Long v) when tag == KILL -> killAt = v;
                    case Tuple2(Atom tag, Long v) when tag == DOWNS_DONE -> doneAt = v;
                    case Object other -> throw new IllegalStateException("unexpected " + other);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("monitor_ms", millis(monitorNanos));
            m.put("down_ms", millis(doneAt - killAt));
            return m;
        }
    }

    static Behavior downs(int n, Pid reportTo) {
        int[] left = {n};
        return Behaviors.receive((ctx, msg) -> {
            if (!(msg instanceof Tuple5(Atom tag, Object ref, Object type, Object pid, Object reason)) || tag != Atom.DOWN) {
                return Behaviors.unhandled();
            }
            if (--left[0] > 0) return Behaviors.same();
            ctx.send(reportTo, Tuple.of(DOWNS_DONE, System.nanoTime()));
            return Behaviors.stop();
        });
    }

    // ---- 11. dynsup ----------------------------------------------------------------------------------
    // A DynamicSupervisor (one_for_one, no child limit); one caller process calls start_child N times, one
    // after another, each child a worker that runs to its receive. total_ms = the N calls;
    // per_child_first_us / per_child_last_us = the mean time of one call over the first and the last 1% of
    // them (does a start_child get slower as the supervisor fills?). Stopping the supervisor is untimed.
    // Beamscope: otp.DynamicSupervisor; the caller chains DynamicSupervisor.startChild(ctx, ...) calls; a
    // child is ChildStart.spawnLink of a Behaviors.setup that enters receive.

    static Map<String, Object> dynsup(Bench.Params p) throws Exception {
        int n = p.get("n", 100_000);
        int edge = Math.max(1, n / 100);
        try (Node node = freshNode()) {
            Inbox inbox = node.inbox();
            Pid sup = switch (DynamicSupervisor.start(node)) {
                case StartResult.Ok(Pid pid) -> pid;
                case StartResult other -> throw new IllegalStateException("dynamic supervisor: " + other);
            };
            ChildSpec spec = ChildSpec.worker("bench_child", ChildStart.spawnLink(Behaviors.setup(ctx -> IDLE)));
            long[] marks = new long[4]; // start, end of the first 1%, start of the last 1%, end
            node.spawn(Behaviors.setup(ctx -> {
                marks[0] = System.nanoTime();
                return startChildren(sup, spec, 0, n, edge, marks, inbox.pid());
            }));
            await(inbox);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total_ms", millis(marks[3] - marks[0]));
            m.put("per_child_first_us", (marks[1] - marks[0]) / 1e3 / edge);
            m.put("per_child_last_us", (marks[3] - marks[2]) / 1e3 / edge);
            return m;
        }
    }

    static Behavior startChildren(Pid sup, ChildSpec spec, int i, int n, int edge, long[] marks, Pid reportTo) {
        return Behaviors.setup(ctx -> {
            if (i == edge) marks[1] = System.nanoTime();
            if (i == n - edge) marks[2] = System.nanoTime();
            if (i == n) {
                marks[3] = System.nanoTime();
                ctx.send(reportTo, DOWNS_DONE);
                return Behaviors.stop();
            }
            return DynamicSupervisor.startChild(ctx, sup, spec, r -> {
                if (!(r instanceof StartResult.Ok)) throw new IllegalStateException("start_child: " + r);
                return startChildren(sup, spec, i + 1, n, edge, marks, reportTo);
            });
        });
    }

    // ---- 12. tutorial --------------------------------------------------------------------------------
    // The stress test of the Elixir tutorial (/work/shared/seeds/003, "The Million Process Challenge"),
    // as a user would run it: one cold run, nothing warmed up. From the shell (here the JVM's main thread,
    // no process), spawn N processes that each sleep 5 s and end; spawn_ms = the spawn loop (the tutorial's
    // :timer.tc); then wait until every one has ended; peak_rss_mb = the OS process's peak resident memory
    // (VmHWM), whose heap is not pre-touched for this row. BEAM: bench/elixir/tutorial_spawn.exs, the
    // tutorial's code verbatim plus the lines that print this result, run by `elixir`.

    static Map<String, Object> tutorial(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        int sleepMs = p.get("sleep_ms", 5000);
        try (Node node = freshNode()) {
            long baselineCount = node.processCount();
            Behavior work = Behaviors.setup(ctx -> Behaviors.receive((c, msg) -> Behaviors.unhandled())
                    .after(Duration.ofMillis(sleepMs), c -> Behaviors.stop()));
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) node.spawn(work);
            long spawn = System.nanoTime() - t0;
            while (node.processCount() > baselineCount) Thread.sleep(10);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spawn_ms", millis(spawn));
            m.put("peak_rss_mb", peakRssMb());
            return m;
        }
    }

    /** VmHWM of this OS process from /proc/self/status, in MiB (NaN where there is no /proc). */
    static double peakRssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (java.io.IOException e) {
            // no /proc: no figure
        }
        return Double.NaN;
    }

    static double medianMillis(int calls, Runnable call) {
        long[] t = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            call.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return millis(t[calls / 2]);
    }

    // ---- record (Beamscope only) ---------------------------------------------------------------------
    // What the window's recorder costs (beamscope.record.Recorder: every event into a bounded ring, a snapshot a
    // second): ping_pong and ring as rows 2 and 3, in blocks with and without a recorder attached, ordered with,
    // without, without, with, ... (`blocks` of each) on one node, so drift falls on both alike. *_recorded_per_s
    // with it, *_ratio = with / without; *_cpu_ratio: the CPU time of Beamscope's threads (the schedulers, which
    // spin a little when idle, and the recorder's) without over with, for the same work. recorded_events_per_s: the events a recording of the block holds, per
    // second of the blocks with it (at most the limit, 1M, per block); dropped_pct: the share of events the node
    // dropped (none since the trace's rings: they write over their oldest, as the limit does). bytes_per_event:
    // the size of the recording file (RecordingFile) of the last block with it, over its events.
    // recorder_thread_cpu_pct: the recorder's own thread (lanes every 20 ms, snapshots), its CPU time during the
    // blocks with it in percent of their time: the part of the cost that is not the schedulers' per-event work.
    // schedulers (default: the node's, one per core): 1 keeps both partners on one scheduler, so that the blocks do
    // not differ by where the two processes happen to sit (on 2 cores, ping-pong runs about 11M or about 4M round
    // trips/s by that alone), for comparing builds; the README's rows use the default.

    static Map<String, Object> record(Bench.Params p) throws Exception {
        int ppN = p.get("pp_n", 1_000_000);
        int ringProcs = p.get("ring_procs", 1000);
        int ringHops = p.get("ring_hops", 1_000_000);
        int blocks = p.get("blocks", 2);
        int schedulers = p.get("schedulers", 0);
        try (Node node = schedulers == 0 ? freshNode()
                : Node.start(NodeConfig.defaults().withProcessLimit(1 << 22).withSchedulers(schedulers))) {
            Map<String, Object> m = new LinkedHashMap<>();
            Recorded pp = recorded(node, blocks, () -> pingPongNanos(node, ppN), ppN);
            Recorded ring = recorded(node, blocks, () -> ringNanos(node, ringProcs, ringHops), ringHops);
            m.put("ping_pong_per_s", pp.without().perSecond());
            m.put("ping_pong_recorded_per_s", pp.with().perSecond());
            m.put("ping_pong_ratio", pp.with().perSecond() / pp.without().perSecond());
            m.put("ring_msgs_per_s", ring.without().perSecond());
            m.put("ring_msgs_recorded_per_s", ring.with().perSecond());
            m.put("ring_ratio", ring.with().perSecond() / ring.without().perSecond());
            // the same work's CPU time without over with: the ratio a busy machine's waits do not blur
            m.put("ping_pong_cpu_ratio", (double) pp.cpuWithout() / Math.max(1, pp.cpuWith()));
            m.put("ring_cpu_ratio", (double) ring.cpuWithout() / Math.max(1, ring.cpuWith()));
            long kept = pp.kept() + ring.kept(), dropped = pp.dropped() + ring.dropped();
            m.put("recorded_events_per_s", Bench.perSecond(kept, pp.with().nanos() + ring.with().nanos()));
            m.put("dropped_pct", 100.0 * dropped / Math.max(1, kept + dropped));
            m.put("bytes_per_event", ring.bytesPerEvent());
            m.put("recorder_thread_cpu_pct", 100.0 * (pp.recorderCpu() + ring.recorderCpu()) / Math.max(1, pp.with().nanos() + ring.with().nanos()));
            return m;
        }
    }

    /**
     * Blocks without and with a recorder; the CPU time the node's threads (and the recorder's) spent in each; the
     * events the recorders kept and the node dropped; the last file's bytes per event.
     */
    record Recorded(Timed without, Timed with, long cpuWithout, long cpuWith, long recorderCpu, long kept, long dropped,
            double bytesPerEvent) {}

    /** CPU time so far of every Beamscope thread (the node's schedulers, timers, monitor; the recorder). */
    static long beamscopeCpuNanos() {
        return cpuNanos(name -> name.startsWith("beamscope-"));
    }

    /** CPU time so far of the threads whose names {@code which} accepts. */
    static long cpuNanos(java.util.function.Predicate<String> which) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds()))
            if (t != null && which.test(t.getThreadName())) sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
        return sum;
    }

    static Recorded recorded(Node node, int blocks, java.util.function.LongSupplier once, int work) throws java.io.IOException {
        Timed without = new Timed(0, 0), with = new Timed(0, 0);
        long kept = 0, dropped = 0, cpuWithout = 0, cpuWith = 0, recorderCpu = 0;
        double bytesPerEvent = Double.NaN;
        // the window's recorder (the last 10 minutes or 1M events); its rings are allocated before the GC that
        // starts each block, as the window's are when it opens
        beamscope.record.Recorder.Limits limits = new beamscope.record.Recorder.Limits(Duration.ofMinutes(10), 1_000_000);
        for (int b = 0; b < 2 * blocks; b++) {
            boolean recorded = b % 4 == 0 || b % 4 == 3;
            if (!recorded) {
                System.gc();
                long c0 = beamscopeCpuNanos();
                without = without.plus(work, once.getAsLong());
                cpuWithout += beamscopeCpuNanos() - c0;
                continue;
            }
            try (beamscope.record.Recorder recorder = beamscope.record.Recorder.start(node, limits, Duration.ofSeconds(1))) {
                System.gc();
                long c0 = beamscopeCpuNanos(), r0 = cpuNanos("beamscope-recorder"::equals);
                with = with.plus(work, once.getAsLong());
                cpuWith += beamscopeCpuNanos() - c0;
                recorderCpu += cpuNanos("beamscope-recorder"::equals) - r0; // its thread is still running: a fresh one per block
                beamscope.record.Recording r = recorder.recording();
                kept += r.events().size();
                dropped += r.eventsDropped();
                long[] bytes = {0};
                java.io.OutputStream counting = new java.io.OutputStream() {
                    @Override
                    public void write(int x) {
                        bytes[0]++;
                    }

                    @Override
                    public void write(byte[] a, int off, int len) {
                        bytes[0] += len;
                    }
                };
                beamscope.record.RecordingFile.write(r, new java.io.BufferedOutputStream(counting, 1 << 16));
                bytesPerEvent = (double) bytes[0] / Math.max(1, r.events().size());
            }
        }
        return new Recorded(without, with, cpuWithout, cpuWith, recorderCpu, kept, dropped, bytesPerEvent);
    }
}
