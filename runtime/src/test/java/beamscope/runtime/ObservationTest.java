package beamscope.runtime;

import static beamscope.runtime.Probes.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Process info (F19–F22), snapshots, the event stream, and section G of docs/OTP-SEMANTICS.md: limits and pids. */
class ObservationTest {
    static final Atom GO = Atom.of("go");

    Node node;
    Inbox me;

    @BeforeEach
    void start() {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        me = node.inbox("test");
    }

    @AfterEach
    void stop() {
        me.close();
        node.close();
    }

    @Nested
    class ProcessInfoItems {
        @Test
        void f20_infoShowsLinksMonitorsNamesLineageAndTheMailbox() {
            Pid to = me.pid();
            Pid other = node.spawn(Probes.idle());
            Pid[] child = new Pid[1];
            Pid parent = node.spawn(Behaviors.setup(ctx -> {
                ctx.register("parent");
                ctx.trapExit(true);
                child[0] = ctx.spawnLink(Behaviors.setup(c -> {
                    c.monitor(other);
                    c.put("$initial_call", "Worker.init/1");
                    c.send(to, GO);
                    return Probes.idle().named("Worker.loop");
                }), SpawnOptions.defaults().withInitialCall("Worker.init/1").withPriority(Priority.HIGH));
                return Probes.idle();
            }).named("Parent"));
            assertThat(next(me)).isEqualTo(GO);
            for (long i = 0; i < 150; i++) node.send(child[0], i);
            Probes.await(() -> node.processInfo(child[0]).orElseThrow().messageQueueLen() == 150
                    && node.processInfo(child[0]).orElseThrow().status() == ProcessStatus.WAITING, "150 queued, waiting");

            ProcessInfo info = node.processInfo(child[0]).orElseThrow();
            assertThat(info.pid()).isEqualTo(child[0]);
            assertThat(info.status()).isEqualTo(ProcessStatus.WAITING);
            assertThat(info.messages()).hasSize(100).startsWith(0L, 1L, 2L);
            assertThat(info.links()).containsExactly(parent);
            assertThat(info.monitors()).containsExactly(other);
            assertThat(info.initialCall()).isEqualTo("Worker.init/1");
            assertThat(info.currentBehavior()).isEqualTo("Worker.loop");
            assertThat(info.priority()).isEqualTo(Priority.HIGH);
            assertThat(info.parent()).contains(parent);
            assertThat(info.ancestors()).containsExactly(Atom.of("parent"));
            assertThat(info.registeredName()).isEmpty();
            assertThat(info.dictionary()).containsEntry("$initial_call", "Worker.init/1");
            assertThat(info.memory()).isPositive();
            assertThat(info.reductions()).isPositive();

            ProcessInfo p = node.processInfo(parent).orElseThrow();
            assertThat(p.registeredName()).contains("parent");
            assertThat(p.trapExit()).isTrue();
            assertThat(p.links()).containsExactly(child[0]);
            assertThat(node.processInfo(other).orElseThrow().monitoredBy()).containsExactly(child[0]);
            assertThat(p.currentBehavior()).isEqualTo("receive");
            assertThat(p.initialCall()).isEqualTo("Parent");
        }

        @Test
        void aPageOfInfo_readsTheFirstLinksAndMonitors_andCountsThemAll() {
            Pid hub = node.spawn(Probes.idle());
            List<Pid> spokes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Pid s = node.spawn(Probes.idle());
                spokes.add(s);
                node.link(hub, s);
                node.monitor(s, hub);
            }
            Probes.await(() -> node.processInfo(hub).orElseThrow().links().size() == 50
                    && node.processInfo(hub).orElseThrow().monitoredBy().size() == 50, "50 links, 50 monitors");

            ProcessInfo page = node.processInfo(hub, 0, 10).orElseThrow();
            assertThat(page.links()).hasSize(10).doesNotHaveDuplicates();
            assertThat(spokes).containsAll(page.links());
            assertThat(page.linkCount()).isEqualTo(50);
            assertThat(page.monitoredBy()).hasSize(10);
            assertThat(page.monitoredByCount()).isEqualTo(50);
            assertThat(page.monitorCount()).isZero();
            ProcessInfo all = node.processInfo(hub, 0).orElseThrow();
            assertThat(all.links()).hasSize(50);
            assertThat(all.linkCount()).isEqualTo(50);
        }

        @Test
        void f19_aDeadProcessHasNoInfoButItsExitReasonIsKept() {
            Pid p = node.spawn(Probes.idle());
            Ref ref = me.monitor(p);
            node.exit(p, Atom.of("gone"));
            next(me);
            assertThat(node.processInfo(p)).isEmpty();
            assertThat(node.exitReason(p)).contains(Atom.of("gone"));
        }

        @Test
        void processesListsEveryLiveProcess() {
            Set<Pid> spawned = new HashSet<>();
            for (int i = 0; i < 500; i++) spawned.add(node.spawn(Probes.idle()));
            List<ProcessSummary> all = node.processes();
            Set<Pid> listed = new HashSet<>();
            for (ProcessSummary s : all) listed.add(s.pid());
            assertThat(listed).containsAll(spawned).contains(me.pid());
            assertThat(all).hasSize(node.processCount());
        }
    }

    @Nested
    class Snapshots {
        @Test
        void snapshotCountsProcessesSpawnsExitsMessagesAndRunQueues() {
            NodeSnapshot before = node.snapshot();
            Pid f = node.spawn(Probes.forwarder(me.pid()));
            for (int i = 0; i < 10; i++) node.send(f, i);
            for (int i = 0; i < 10; i++) next(me);
            node.exit(f, Atom.KILL);
            Probes.await(() -> !node.isAlive(f), "the kill");
            NodeSnapshot after = node.snapshot();
            assertThat(after.spawns() - before.spawns()).isEqualTo(1);
            assertThat(after.exits() - before.exits()).isEqualTo(1);
            assertThat(after.messagesSent() - before.messagesSent()).isGreaterThanOrEqualTo(20);
            assertThat(after.reductions()).isGreaterThan(before.reductions());
            assertThat(after.processes()).isEqualTo(before.processes());
            assertThat(after.schedulers()).hasSize(2);

            node.pauseSchedulers();
            for (Priority prio : Priority.values()) node.spawn(Probes.spinner(0), SpawnOptions.defaults().withPriority(prio));
            NodeSnapshot queued = node.snapshot();
            assertThat(queued.paused()).isTrue();
            assertThat(queued.runQueueLength()).isEqualTo(4);
            int max = 0, high = 0, normal = 0, low = 0;
            for (SchedulerSnapshot s : queued.schedulers()) {
                max += s.maxQueue();
                high += s.highQueue();
                normal += s.normalQueue();
                low += s.lowQueue();
            }
            assertThat(List.of(max, high, normal, low)).containsExactly(1, 1, 1, 1);
        }

        @Test
        void aBusySchedulerShowsUtilisationAndItsRunningProcess() {
            try (Node one = Node.start(NodeConfig.defaults().withSchedulers(1))) {
                Pid spin = one.spawn(Probes.spinner(10));
                Probes.await(() -> spin.equals(one.snapshot().schedulers().get(0).running()), "the spinner running");
                SchedulerSnapshot from = one.snapshot().schedulers().get(0);
                Probes.await(() -> one.snapshot().schedulers().get(0).utilisationSince(from) > 0.9, "a busy scheduler");
            }
        }

        @Test
        void anIdleSchedulerShowsNoUtilisation_evenWhileItsIdlePeriodIsUnderWay() {
            try (Node one = Node.start(NodeConfig.defaults().withSchedulers(2))) {
                List<SchedulerSnapshot> from = one.snapshot().schedulers();
                // both parked all along: their idle periods have not ended, yet they count
                Probes.await(() -> {
                    List<SchedulerSnapshot> now = one.snapshot().schedulers();
                    return now.get(0).totalNanos() - from.get(0).totalNanos() > Duration.ofMillis(50).toNanos()
                            && now.get(0).utilisationSince(from.get(0)) < 0.1 && now.get(1).utilisationSince(from.get(1)) < 0.1;
                }, "idle schedulers");
            }
        }

        @Test
        void busyTimeIsCumulative_soOneObserversSnapshotsDoNotChangeWhatAnotherSees() {
            try (Node one = Node.start(NodeConfig.defaults().withSchedulers(1))) {
                SchedulerSnapshot a0 = one.snapshot().schedulers().get(0); // observer A
                Pid spin = one.spawn(Probes.spinner(10));
                // observer B snapshots busily meanwhile, until it has seen 100 ms of busy time
                List<SchedulerSnapshot> b = new ArrayList<>();
                b.add(one.snapshot().schedulers().get(0));
                Probes.await(() -> {
                    b.add(one.snapshot().schedulers().get(0));
                    return b.getLast().activeNanos() - b.getFirst().activeNanos() > Duration.ofMillis(100).toNanos();
                }, "100 ms busy");
                one.exit(spin, Atom.KILL);
                SchedulerSnapshot a1 = one.snapshot().schedulers().get(0);
                for (int i = 1; i < b.size(); i++) {
                    assertThat(b.get(i).activeNanos()).isGreaterThanOrEqualTo(b.get(i - 1).activeNanos());
                    assertThat(b.get(i).totalNanos()).isGreaterThanOrEqualTo(b.get(i - 1).totalNanos());
                    assertThat(b.get(i).activeNanos()).isLessThanOrEqualTo(b.get(i).totalNanos());
                }
                // A's one interval holds all the busy time B saw in its many
                assertThat(a1.activeNanos() - a0.activeNanos())
                        .isGreaterThanOrEqualTo(b.getLast().activeNanos() - b.getFirst().activeNanos());
            }
        }
    }

    @Nested
    class Events {
        @Test
        void aSubscriberSeesSpawnsLinksDownsAndExitsInOrder() {
            try (EventSubscription sub = node.subscribe(EventFilter.all(), 10_000)) {
                Pid a = node.spawn(Probes.idle());
                Pid b = node.spawn(Behaviors.setup(ctx -> {
                    ctx.link(a);
                    ctx.monitor(a);
                    ctx.send(me.pid(), GO);
                    return Probes.idle();
                }));
                assertThat(next(me)).isEqualTo(GO);
                node.exit(a, Atom.of("bye"));
                Probes.await(() -> !node.isAlive(b), "b to die through the link");
                List<Event> got = new ArrayList<>();
                sub.drainTo(got, 10_000);
                assertThat(got).anySatisfy(e -> assertThat(e).isEqualTo(new Event.Spawn(e.nanos(), a, null, "receive")));
                assertThat(got).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Link.class,
                        l -> assertThat(List.of(l.pid(), l.other())).containsExactly(b, a)));
                assertThat(got).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Exit.class,
                        x -> assertThat(List.of(x.pid(), x.reason())).containsExactly(a, Atom.of("bye"))));
                assertThat(got).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Exit.class,
                        x -> assertThat(List.of(x.pid(), x.reason())).containsExactly(b, Atom.of("bye"))));
                int spawnA = indexOf(got, Event.Spawn.class, a), exitA = indexOf(got, Event.Exit.class, a);
                assertThat(spawnA).isLessThan(exitA);
                assertThat(sub.dropped()).isZero();
            }
        }

        @Test
        void aFilterLimitsEventsToChosenProcessesAndKinds() {
            Pid watched = node.spawn(Probes.forwarder(me.pid()));
            Pid other = node.spawn(Probes.forwarder(me.pid()));
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Receive.class).withPids(Set.of(watched)), 100)) {
                node.send(other, "x");
                node.send(watched, "y");
                next(me);
                next(me);
                Probes.await(() -> node.processInfo(watched).orElseThrow().messageQueueLen() == 0, "handled");
                List<Event> got = new ArrayList<>();
                Probes.await(() -> {
                    sub.drainTo(got, 100);
                    return !got.isEmpty();
                }, "an event");
                assertThat(got).singleElement().isInstanceOfSatisfying(Event.Receive.class,
                        r -> assertThat(List.of(r.pid(), r.message())).containsExactly(watched, "y"));
            }
        }

        @Test
        void setOnSpawnFollowsTheChildrenOfAFollowedProcessFromTheirSpawnUntilTheyExit() {
            Pid parent = node.spawn(Behaviors.receive((ctx, msg) -> {
                ctx.send(me.pid(), ctx.spawn(Probes.forwarder(me.pid())));   // answers with a new child's pid
                return Behaviors.same();
            }));
            EventFilter f = EventFilter.kinds(Event.Spawn.class, Event.Exit.class, Event.Receive.class)
                    .withPids(Set.of(parent)).withSetOnSpawn();
            try (EventSubscription sub = node.subscribe(f, 100);
                 EventSubscription plain = node.subscribe(EventFilter.kinds(Event.Receive.class).withPids(Set.of(parent)), 100)) {
                node.send(parent, GO);
                Pid child = (Pid) next(me);
                node.send(child, "to the child");
                assertThat(next(me)).isEqualTo("to the child");
                node.exit(child, Atom.KILL);
                Probes.await(() -> !node.isAlive(child), "the child gone");
                Pid stranger = node.spawn(Probes.forwarder(me.pid()));
                node.send(stranger, "not followed");
                next(me);
                List<Event> got = new ArrayList<>();
                Probes.await(() -> {
                    sub.drainTo(got, 100);
                    return got.stream().anyMatch(e -> e instanceof Event.Exit x && x.pid().equals(child));
                }, "the child's exit");
                assertThat(got).anySatisfy(e -> assertThat(e).isEqualTo(new Event.Spawn(e.nanos(), child, parent, e instanceof Event.Spawn s ? s.initialCall() : null)));
                assertThat(got).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.Receive.class,
                        r -> assertThat(List.of(r.pid(), r.message())).containsExactly(child, "to the child")));
                assertThat(got).noneMatch(e -> stranger.equals(e.pid()));
                List<Event> plainGot = new ArrayList<>();
                plain.drainTo(plainGot, 100);
                assertThat(plainGot).noneMatch(e -> child.equals(e.pid()));   // without the flag: the parent only
            }
        }

        @Test
        void aReceiveIsStampedWhenItsHandlerStarts_beforeWhatTheHandlerSends() {
            Pid relay = node.spawn(Probes.forwarder(me.pid()));
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Send.class, Event.Receive.class)
                    .withPids(Set.of(relay)), 100)) {
                node.send(relay, "hop");
                next(me);
                List<Event> got = new ArrayList<>();
                Probes.await(() -> {
                    sub.drainTo(got, 100);
                    return got.stream().anyMatch(e -> e instanceof Event.Receive);
                }, "the receive");
                Event received = got.stream().filter(e -> e instanceof Event.Receive).findFirst().orElseThrow();
                Event forwarded = got.stream().filter(e -> e instanceof Event.Send s && s.pid().equals(relay)).findFirst().orElseThrow();
                assertThat(received.nanos()).isLessThanOrEqualTo(forwarded.nanos());
            }
        }

        @Test
        void aFullBufferDropsAndCountsInsteadOfSlowingTheRuntime() {
            try (EventSubscription sub = node.subscribe(EventFilter.kinds(Event.Send.class), 10)) {
                Pid sink = node.spawn(Probes.idle());
                for (int i = 0; i < 1000; i++) node.send(sink, i);
                List<Event> got = new ArrayList<>();
                sub.drainTo(got, 1000);
                assertThat(got).hasSize(10);
                assertThat(sub.dropped()).isEqualTo(990);
                assertThat(node.snapshot().eventsDropped()).isEqualTo(990);
            }
        }

        private int indexOf(List<Event> events, Class<?> kind, Pid pid) {
            for (int i = 0; i < events.size(); i++) {
                if (kind.isInstance(events.get(i)) && events.get(i).pid().equals(pid)) return i;
            }
            return -1;
        }
    }

    @Nested
    class Limits {
        @Test
        void g3_aSpawnBeyondTheLimitFailsWithSystemLimitAndTheNodeCarriesOn() {
            try (Node small = Node.start(NodeConfig.defaults().withSchedulers(2).withProcessLimit(100));
                 Inbox in = small.inbox()) {
                List<Pid> pids = new ArrayList<>();
                for (int i = 0; i < 99; i++) pids.add(small.spawn(Probes.idle()));
                assertThatThrownBy(() -> small.spawn(Probes.idle())).isInstanceOfSatisfying(ErlangError.class,
                        e -> assertThat(e.reason()).isEqualTo(Atom.SYSTEM_LIMIT));
                // inside a process, the same error crashes the spawner with {system_limit, stack}
                small.exit(pids.remove(0), Atom.KILL);
                Probes.await(() -> small.processCount() == 99, "a free slot");
                small.pauseSchedulers(); // so that the monitor is in place before the spawner can die
                Pid spawner = small.spawn(Behaviors.setup(ctx -> {
                    ctx.spawn(Probes.idle());
                    return Probes.idle();
                }));
                Ref ref = in.monitor(spawner);
                small.resumeSchedulers();
                Tuple5 d = (Tuple5) next(in);
                assertThat(((Tuple2) d.e4()).e0()).isEqualTo(Atom.SYSTEM_LIMIT);
                for (Pid p : pids) small.exit(p, Atom.KILL);
                Probes.await(() -> small.processCount() == 1, "all killed");
                Pid again = small.spawn(Probes.forwarder(in.pid()));
                small.send(again, "works");
                assertThat(next(in)).isEqualTo("works");
            }
        }

        @Test
        void g5_pidsAreNeverReused() {
            try (Node small = Node.start(NodeConfig.defaults().withSchedulers(1).withProcessLimit(16))) {
                Set<Pid> seen = new HashSet<>();
                for (int round = 0; round < 200; round++) {
                    Pid p = small.spawn(Probes.idle());
                    assertThat(seen.add(p)).as("fresh pid %s", p).isTrue();
                    small.exit(p, Atom.KILL);
                    Probes.await(() -> !small.isAlive(p), "the kill");
                }
            }
        }

        @Test
        void pidsPrintAndParseBack() {
            Pid p = node.spawn(Probes.idle());
            assertThat(p.toString()).matches("#PID<0\\.\\d+\\.0>");
            assertThat(Pid.parse(p.toString())).isEqualTo(p);
            assertThat(Pid.parse("<0.42.0>")).isEqualTo(Pid.of(42));
        }
    }
}
