package beamscope.bench.pekko;

import static beamscope.bench.Bench.await;
import static beamscope.bench.Bench.heapUsedAfterGc;
import static beamscope.bench.Bench.millis;
import static beamscope.bench.Bench.perSecond;

import beamscope.bench.Bench;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The workloads on Apache Pekko Typed (Java DSL), in the order and with the comments of
 * {@code erlang/beamscope_bench.erl} and {@code beamscope/BeamscopeBench.java}.
 *
 * <p>Every round runs on a fresh {@link ActorSystem} whose default dispatcher has one thread per core,
 * like the BEAM's one scheduler per core (Pekko's own default would be at least 8 threads). Times are
 * taken inside the actor that drives the workload, as on the other systems.
 *
 * <p>Usage: {@code PekkoBench <workload> [warmup=W] [key=value]...}, or {@code PekkoBench version}.
 */
public final class PekkoBench {

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("version")) {
            System.out.println(org.apache.pekko.Version.current());
            return;
        }
        Map<String, Bench.Workload> workloads = new LinkedHashMap<>();
        workloads.put("spawn_1m", PekkoBench::spawn1m);
        workloads.put("ping_pong", PekkoBench::pingPong);
        workloads.put("ring", PekkoBench::ring);
        workloads.put("fan_in", PekkoBench::fanIn);
        workloads.put("skynet", PekkoBench::skynet);
        workloads.put("restart", PekkoBench::restart);
        workloads.put("priority", PekkoBench::priority);
        workloads.put("monitor", PekkoBench::monitor);
        workloads.put("dynsup", PekkoBench::dynsup);
        Bench.main("pekko", args, workloads);
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();

    static final String QUIET = """
            pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
            pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = OFF
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """;

    /** The benchmark's configuration: the default dispatcher gets one thread per core. */
    static Config config() {
        return ConfigFactory.parseString(QUIET + """
                pekko.actor.default-dispatcher.fork-join-executor {
                  parallelism-min = %d
                  parallelism-max = %d
                }
                """.formatted(CORES, CORES)).withFallback(ConfigFactory.load());
    }

    /**
     * Pekko's own default dispatcher (parallelism-min 8, factor 3, max 64: 8 threads on 2 cores), for the
     * skynet row that reports it too.
     */
    static Config defaultDispatcherConfig() {
        return ConfigFactory.parseString(QUIET).withFallback(ConfigFactory.load());
    }

    /**
     * Starts a fresh actor system whose guardian is {@code guardian}, waits for the result the guardian's
     * actors complete, and shuts the system down.
     */
    static <T, R> R inFreshSystem(Function<CompletableFuture<R>, Behavior<T>> guardian) throws Exception {
        return inFreshSystem(config(), guardian);
    }

    static <T, R> R inFreshSystem(Config config, Function<CompletableFuture<R>, Behavior<T>> guardian) throws Exception {
        CompletableFuture<R> result = new CompletableFuture<>();
        ActorSystem<T> system = ActorSystem.create(guardian.apply(result), "bench", config);
        try {
            return await(result);
        } finally {
            system.terminate();
            await(system.getWhenTerminated().toCompletableFuture());
        }
    }

    // ---- 1. spawn_1m ---------------------------------------------------------------------------------
    // Spawn N processes that wait in receive, from one spawning process; spawn_ms = first spawn call to
    // return of the last. bytes_per_proc = (heap or process memory after GC, minus the baseline taken
    // before spawning) / N. kill_ms = from the order to kill every process until none is left.
    // Pekko: the spawner is a "holder" actor; the only way to end an actor from outside is its parent, so
    // "kill all" stops the holder, which stops every child first; the holder's stop callback marks the end.

    enum Kill { KILL }

    static Map<String, Object> spawn1m(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        LongAdder started = new LongAdder();
        Behavior<Object> idle = Behaviors.receiveMessage(m -> Behaviors.same());
        Behavior<Object> child = Behaviors.setup(ctx -> {
            started.increment(); // lets the memory reading wait until every actor has really started
            return idle;
        });
        CompletableFuture<Long> spawnNanos = new CompletableFuture<>();
        CompletableFuture<Long> killedAt = new CompletableFuture<>();
        Behavior<Kill> holder = Behaviors.setup(ctx -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) ctx.spawnAnonymous(child);
            spawnNanos.complete(System.nanoTime() - t0);
            return Behaviors.receiveMessage(kill -> Behaviors.stopped(() -> killedAt.complete(System.nanoTime())));
        });

        CompletableFuture<ActorRef<Kill>> holderRef = new CompletableFuture<>();
        long baseline = heapUsedAfterGc();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
            holderRef.complete(ctx.spawn(holder, "holder"));
            return Behaviors.empty();
        }), "bench", config());
        try {
            long spawn = await(spawnNanos);
            while (started.sum() < n) Thread.sleep(10);
            long used = heapUsedAfterGc();
            long t0 = System.nanoTime();
            await(holderRef).tell(Kill.KILL);
            long kill = await(killedAt) - t0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spawn_ms", millis(spawn));
            m.put("bytes_per_proc", (double) (used - baseline) / n);
            m.put("kill_ms", millis(kill));
            return m;
        } finally {
            system.terminate();
            await(system.getWhenTerminated().toCompletableFuture());
        }
    }

    // ---- 2. ping_pong --------------------------------------------------------------------------------
    // Two processes; the pinger sends its address, the ponger answers `pong`; N round trips, one at a time.
    // Timed in the pinger from the first ping to the last pong.

    record Ping(ActorRef<Pong> replyTo) {}

    enum Pong { PONG }

    static Map<String, Object> pingPong(Bench.Params p) throws Exception {
        int n = p.get("n", 1_000_000);
        long nanos = PekkoBench.<Void, Long>inFreshSystem(done -> Behaviors.setup(ctx -> {
            ActorRef<Ping> ponger = ctx.spawn(Behaviors.<Ping>receiveMessage(ping -> {
                ping.replyTo().tell(Pong.PONG);
                return Behaviors.same();
            }), "ponger");
            ctx.spawn(Behaviors.<Pong>setup(pinger -> {
                Ping ping = new Ping(pinger.getSelf()); // immutable: one message object for every round trip
                int[] left = {n};
                long t0 = System.nanoTime();
                ponger.tell(ping);
                return Behaviors.receiveMessage(pong -> {
                    if (--left[0] == 0) {
                        done.complete(System.nanoTime() - t0);
                        return Behaviors.stopped();
                    }
                    ponger.tell(ping);
                    return Behaviors.same();
                });
            }), "pinger");
            return Behaviors.empty();
        }));
        return Map.of("roundtrips_per_s", perSecond(n, nanos));
    }

    // ---- 3. ring -------------------------------------------------------------------------------------
    // P processes in a ring, each knowing the next; a token carrying a hop count goes round, each process
    // passing it on with the count minus one; the one that receives 0 reports. Ring built before timing;
    // timed from sending the token to the report. msgs_per_s = hops / time.

    sealed interface RingMsg {}

    record Next(ActorRef<RingMsg> next) implements RingMsg {}

    record Token(int hops) implements RingMsg {}

    static Behavior<RingMsg> ringMember(CompletableFuture<Long> doneAt) {
        return Behaviors.receiveMessage(first -> {
            ActorRef<RingMsg> next = ((Next) first).next();
            return Behaviors.receiveMessage(msg -> {
                int hops = ((Token) msg).hops();
                if (hops == 0) doneAt.complete(System.nanoTime());
                else next.tell(new Token(hops - 1));
                return Behaviors.same();
            });
        });
    }

    static Map<String, Object> ring(Bench.Params p) throws Exception {
        int procs = p.get("procs", 1000);
        int hops = p.get("hops", 1_000_000);
        long[] t0 = new long[1];
        long doneAt = PekkoBench.<Void, Long>inFreshSystem(doneFuture -> Behaviors.setup(ctx -> {
            @SuppressWarnings("unchecked")
            ActorRef<RingMsg>[] members = new ActorRef[procs];
            for (int i = 0; i < procs; i++) members[i] = ctx.spawnAnonymous(ringMember(doneFuture));
            for (int i = 0; i < procs; i++) members[i].tell(new Next(members[(i + 1) % procs]));
            t0[0] = System.nanoTime();
            members[0].tell(new Token(hops));
            return Behaviors.empty();
        }));
        return Map.of("msgs_per_s", perSecond(hops, doneAt - t0[0]));
    }

    // ---- 4. fan_in -----------------------------------------------------------------------------------
    // S senders each send N messages to one receiver, which counts them. Timed from just before the
    // senders are spawned until the receiver has all S*N. The JVM senders send in steps of 1000 messages
    // (one step per mailbox message to themselves) so they share the cores like preempted BEAM processes.

    static final Integer ONE = 1;

    static Map<String, Object> fanIn(Bench.Params p) throws Exception {
        int senders = p.get("senders", 8);
        int n = p.get("n", 1_000_000);
        long total = (long) senders * n;
        long[] t0 = new long[1];
        long doneAt = PekkoBench.<Void, Long>inFreshSystem(done -> Behaviors.setup(ctx -> {
            long[] count = {0};
            ActorRef<Object> receiver = ctx.spawn(Behaviors.receiveMessage(m -> {
                if (++count[0] == total) done.complete(System.nanoTime());
                return Behaviors.same();
            }), "receiver");
            t0[0] = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                ctx.spawnAnonymous(Behaviors.<Object>setup(sender -> {
                    int[] left = {n};
                    sender.getSelf().tell(ONE);
                    return Behaviors.receiveMessage(step -> {
                        int k = Math.min(1000, left[0]);
                        for (int i = 0; i < k; i++) receiver.tell(ONE);
                        left[0] -= k;
                        if (left[0] == 0) return Behaviors.stopped();
                        sender.getSelf().tell(ONE);
                        return Behaviors.same();
                    });
                }));
            }
            return Behaviors.empty();
        }));
        return Map.of("msgs_per_s", perSecond(total, doneAt - t0[0]));
    }

    // ---- 5. skynet -----------------------------------------------------------------------------------
    // A 10-ary tree of processes with `leaves` leaves (1,111,111 processes for 1M): each inner node spawns
    // 10 children, each leaf sends its number to its parent, each parent sends the sum of its 10 answers
    // up. Timed from spawning the root to the root's answer (the sum of 0..leaves-1, checked).
    // Pekko: time_ms with one thread per core, as every row; default_dispatcher_time_ms the same in a second
    // fresh system with Pekko's own default dispatcher (8 threads on 2 cores), which suits this workload
    // better: each round reports both.

    static Behavior<Long> skynetNode(ActorRef<Long> parent, long num, long size) {
        return Behaviors.setup(ctx -> {
            if (size == 1) {
                parent.tell(num);
                return Behaviors.stopped();
            }
            long sub = size / 10;
            for (int i = 0; i < 10; i++) ctx.spawnAnonymous(skynetNode(ctx.getSelf(), num + i * sub, sub));
            long[] sumAndCount = {0, 0};
            return Behaviors.receiveMessage(v -> {
                sumAndCount[0] += v;
                if (++sumAndCount[1] < 10) return Behaviors.same();
                parent.tell(sumAndCount[0]);
                return Behaviors.stopped();
            });
        });
    }

    static Map<String, Object> skynet(Bench.Params p) throws Exception {
        int leaves = p.get("leaves", 1_000_000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_ms", skynetMillis(config(), leaves));
        m.put("default_dispatcher_time_ms", skynetMillis(defaultDispatcherConfig(), leaves));
        return m;
    }

    static double skynetMillis(Config config, int leaves) throws Exception {
        long[] t0 = new long[1];
        long[] sum = new long[1];
        long doneAt = PekkoBench.<Long, Long>inFreshSystem(config, done -> Behaviors.setup(ctx -> {
            t0[0] = System.nanoTime();
            ctx.spawn(skynetNode(ctx.getSelf(), 0, leaves), "root");
            return Behaviors.receiveMessage(total -> {
                sum[0] = total;
                done.complete(System.nanoTime());
                return Behaviors.same();
            });
        }));
        if (sum[0] != (long) leaves * (leaves - 1) / 2) throw new IllegalStateException("skynet sum " + sum[0]);
        return millis(doneAt - t0[0]);
    }

    // ---- 6. restart ----------------------------------------------------------------------------------
    // A supervisor (one_for_one, restart without limit) with one registered worker. K times: kill the
    // worker and time until the new incarnation is there, measured two ways (K kills each):
    //   polled_*: the measurer busy-polls whereis(name) until it returns a new pid (not possible on Pekko);
    //   ready_*:  the new incarnation's start sends `ready` to the measurer, which waits in receive.
    // Then the same 2 x K kills again with the supervisor's restart list kept short (short_polled_*,
    // short_ready_*): a fresh supervisor (started and stopped untimed) for every `sup_batch` kills. With
    // intensity 1,000,000 in 1 s, OTP keeps every restart of the last period in a list that add_restart walks
    // on each restart, so the one-supervisor figures grow with K; the short ones do not.
    // p50/p99 in µs. Pekko: only ready_* and short_ready_*; there is no external kill, so the worker is told
    // to throw; supervision is Behaviors.supervise(..).onFailure(restart), which restarts in place inside the
    // actor and keeps no list; "a fresh supervisor" is a fresh supervised worker actor.

    enum Crash { CRASH }

    record Ready(ActorRef<Crash> worker) {}

    /** Thrown to make the worker fail; no stack trace, so the failure itself costs little. */
    static final RuntimeException CRASH = new RuntimeException("bench crash", null, false, false) {};

    static Map<String, Object> restart(Bench.Params p) throws Exception {
        int kills = p.get("kills", 10_000);
        int batch = p.get("sup_batch", 100);
        Map<String, Object> m = new LinkedHashMap<>();
        m.putAll(Bench.latencies("ready_", restartLatencies(kills, kills)));
        m.putAll(Bench.latencies("short_ready_", restartLatencies(kills, batch)));
        return m;
    }

    static long[] restartLatencies(int kills, int batch) throws Exception {
        return PekkoBench.<Ready, long[]>inFreshSystem(done -> Behaviors.setup(driver -> {
            Behavior<Crash> worker = Behaviors.supervise(Behaviors.<Crash>setup(ctx -> {
                driver.getSelf().tell(new Ready(ctx.getSelf()));
                return Behaviors.receiveMessage(crash -> {
                    throw CRASH;
                });
            })).onFailure(RuntimeException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
            driver.spawnAnonymous(worker);
            long[] lat = new long[kills];
            int[] i = {0};
            long[] t0 = {0};
            boolean[] fresh = {true}; // the next Ready is a new worker's first start: untimed
            return Behaviors.receiveMessage(ready -> {
                if (!fresh[0]) {
                    lat[i[0]++] = System.nanoTime() - t0[0];
                    if (i[0] == kills) {
                        done.complete(lat);
                        return Behaviors.same();
                    }
                    if (i[0] % batch == 0) { // a fresh worker, untimed
                        driver.stop(ready.worker());
                        driver.spawnAnonymous(worker);
                        fresh[0] = true;
                        return Behaviors.same();
                    }
                }
                fresh[0] = false;
                t0[0] = System.nanoTime();
                ready.worker().tell(Crash.CRASH);
                return Behaviors.same();
            });
        }));
    }

    // ---- 7. priority ---------------------------------------------------------------------------------
    // One busy spinner per scheduler (1000 iterations of work per step, forever). Then, `samples` times,
    // time from spawning a new process until its message back arrives at the measuring process.
    // high_*: spinners LOW, new process and measurer HIGH. normal_*: spinners, new process NORMAL (the
    // measurer HIGH where priorities exist). The spinners get 50 ms to spread over the schedulers before
    // sampling. Pekko has no priorities: only normal_* (its measurer competes with the spinners); high_*
    // is n/a. A spinner step is one message to itself; the dispatcher's throughput setting (5) decides
    // how many steps it takes before another actor gets the thread. No 50 ms settle here: the pool spreads
    // the spinners at once, and a timer message would never run. Anything submitted from outside the
    // pool (a timer, a tell from another thread) waits until a worker's own queue is empty, which these
    // spinners never allow: a 50 ms scheduleOnce here was still undelivered after 10 minutes.

    enum Spin { SPIN }

    enum Ran { RAN }

    static Map<String, Object> priority(Bench.Params p) throws Exception {
        int samples = p.get("samples", 1000);
        long[] latencies = PekkoBench.<Ran, long[]>inFreshSystem(done -> Behaviors.setup(driver -> {
            for (int s = 0; s < CORES; s++) {
                driver.spawnAnonymous(Behaviors.<Spin>setup(spinner -> {
                    spinner.getSelf().tell(Spin.SPIN);
                    return Behaviors.receiveMessage(spin -> {
                        Bench.burn(1000);
                        spinner.getSelf().tell(Spin.SPIN);
                        return Behaviors.same();
                    });
                }));
            }
            Behavior<Void> probe = Behaviors.setup(ctx -> {
                driver.getSelf().tell(Ran.RAN);
                return Behaviors.stopped();
            });
            long[] lat = new long[samples];
            int[] i = {-1}; // -1: the first RAN only starts the sampling
            long[] t0 = {0};
            driver.getSelf().tell(Ran.RAN);
            return Behaviors.receiveMessage(ran -> {
                if (i[0] >= 0) lat[i[0]] = System.nanoTime() - t0[0];
                if (++i[0] == samples) {
                    done.complete(lat);
                    return Behaviors.stopped(); // stops the spinners too
                }
                t0[0] = System.nanoTime();
                driver.spawnAnonymous(probe);
                return Behaviors.same();
            });
        }));
        return Bench.latencies("normal_", latencies);
    }

    // ---- 10. monitor ---------------------------------------------------------------------------------
    // N idle processes (spawned untimed); one watcher process monitors every one of them: monitor_ms = the
    // watcher's loop of N monitor calls. Then the N die: the driver kills them one after another and the
    // watcher counts the N DOWN messages; down_ms = the driver's first kill until the watcher has the last
    // DOWN. Pekko: the driver is the actors' parent (only a parent can stop an actor from outside) and stops
    // each with ctx.stop(child); the watcher calls ctx.watch(ref) and counts Terminated signals.

    record Watch(ActorRef<Object>[] targets, ActorRef<Long> driver) {}

    static Map<String, Object> monitor(Bench.Params p) throws Exception {
        int n = p.get("n", 100_000);
        long[] killAt = new long[1];
        long[] monitorNanos = new long[1];
        long doneAt = PekkoBench.<Long, Long>inFreshSystem(done -> Behaviors.setup(driver -> {
            @SuppressWarnings("unchecked")
            ActorRef<Object>[] targets = new ActorRef[n];
            Behavior<Object> idle = Behaviors.receiveMessage(m -> Behaviors.same());
            for (int i = 0; i < n; i++) targets[i] = driver.spawnAnonymous(idle);
            ActorRef<Long> self = driver.getSelf();
            driver.spawn(Behaviors.<Object>setup(w -> {
                long t0 = System.nanoTime();
                for (ActorRef<Object> t : targets) w.watch(t);
                self.tell(System.nanoTime() - t0);
                int[] left = {n};
                return Behaviors.receive(Object.class)
                        .onSignal(org.apache.pekko.actor.typed.Terminated.class, t -> {
                            if (--left[0] == 0) done.complete(System.nanoTime());
                            return Behaviors.same();
                        })
                        .build();
            }), "watcher");
            return Behaviors.receiveMessage(nanos -> {
                monitorNanos[0] = nanos;
                killAt[0] = System.nanoTime();
                for (ActorRef<Object> t : targets) driver.stop(t);
                return Behaviors.same();
            });
        }));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("monitor_ms", millis(monitorNanos[0]));
        m.put("down_ms", millis(doneAt - killAt[0]));
        return m;
    }

    // ---- 11. dynsup ----------------------------------------------------------------------------------
    // A DynamicSupervisor (one_for_one, no child limit); one caller process calls start_child N times, one
    // after another, each child a worker that runs to its receive. total_ms = the N calls;
    // per_child_first_us / per_child_last_us = the mean time of one call over the first and the last 1% of
    // them (does a start_child get slower as the supervisor fills?). Stopping the supervisor is untimed.
    // Pekko has no DynamicSupervisor: the supervisor is an actor that, asked to start a child, spawns one
    // (ctx.spawnAnonymous, under its supervision) and answers with its ref; the caller asks again on the answer.

    record StartChild(ActorRef<ActorRef<Object>> replyTo) {}

    static Map<String, Object> dynsup(Bench.Params p) throws Exception {
        int n = p.get("n", 100_000);
        int edge = Math.max(1, n / 100);
        long[] marks = new long[4]; // start, end of the first 1%, start of the last 1%, end
        PekkoBench.<Void, Boolean>inFreshSystem(done -> Behaviors.setup(ctx -> {
            Behavior<Object> child = Behaviors.setup(c -> Behaviors.receiveMessage(m -> Behaviors.same()));
            ActorRef<StartChild> sup = ctx.spawn(Behaviors.<StartChild>receive((s, start) -> {
                start.replyTo().tell(s.spawnAnonymous(child));
                return Behaviors.same();
            }), "dynsup");
            ctx.spawn(Behaviors.<ActorRef<Object>>setup(caller -> {
                StartChild ask = new StartChild(caller.getSelf());
                int[] i = {0};
                marks[0] = System.nanoTime();
                sup.tell(ask);
                return Behaviors.receiveMessage(started -> {
                    int k = ++i[0];
                    if (k == edge) marks[1] = System.nanoTime();
                    if (k == n - edge) marks[2] = System.nanoTime();
                    if (k == n) {
                        marks[3] = System.nanoTime();
                        done.complete(true);
                        return Behaviors.stopped();
                    }
                    sup.tell(ask);
                    return Behaviors.same();
                });
            }), "caller");
            return Behaviors.empty();
        }));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_ms", millis(marks[3] - marks[0]));
        m.put("per_child_first_us", (marks[1] - marks[0]) / 1e3 / edge);
        m.put("per_child_last_us", (marks[3] - marks[2]) / 1e3 / edge);
        return m;
    }
}
