package beamscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.record.Recorder;
import beamscope.record.Recording;
import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The window's reading of a recording at a moment: the past's processes, supervisors and mailboxes; events as time moves on. */
class RecordedNodeTest {
    final Node node = Node.start();

    @AfterEach
    void close() {
        node.close();
    }

    static void await(BooleanSupplier c, String what) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.yield();
        }
    }

    Pid child(Pid sup) {
        return Supervisor.whichChildren(node, sup).getFirst().pid().orElse(null);
    }

    @Test
    void aPastMomentHasTheLastSnapshotsPriorityAndTrapExit_andNoneForAProcessSpawnedSince() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Pid trapper = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                return Behaviors.receive((c, m) -> Behaviors.unhandled());
            }), beamscope.runtime.SpawnOptions.defaults().withPriority(beamscope.runtime.Priority.HIGH));
            await(() -> node.processInfo(trapper, 0).map(i -> i.trapExit()).orElse(false), "the trapper traps exits");
            long snapped = recorder.snapshotNow().nanos();
            Pid later = node.spawn(Behaviors.receive((c, m) -> Behaviors.unhandled()));
            await(() -> node.isAlive(later), "the later process");
            node.send(later, Atom.of("hello"));     // an event after the spawn, so the moment below holds it
            await(() -> node.processInfo(later, 0).map(i -> i.messageQueueLen() == 1).orElse(false), "the message queued");
            Recording r = recorder.recording();
            RecordedNode past = new RecordedNode(r, "test");
            past.moveTo(r.endNanos());
            assertThat(r.endNanos()).isGreaterThan(snapped);
            assertThat(past.info(trapper, 0).orElseThrow().priority()).isEqualTo(beamscope.runtime.Priority.HIGH);
            assertThat(past.info(trapper, 0).orElseThrow().trapExit()).isTrue();
            assertThat(past.processes()).filteredOn(p -> p.pid().equals(trapper)).extracting(ProcessSummary::priority)
                    .containsExactly(beamscope.runtime.Priority.HIGH);
            assertThat(past.info(later, 0).orElseThrow().priority()).as("spawned after the snapshot: unknown").isNull();
            assertThat(past.processes()).filteredOn(p -> p.pid().equals(later)).extracting(ProcessSummary::priority)
                    .containsOnlyNulls();
        }
    }

    @Test
    void beforeAKillTheRecordingShowsTheKilledWorkerUnderItsSupervisorWithItsMailbox() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ALL),
                    List.of(ChildSpec.worker(Atom.of("w"), ChildStart.spawnLink(Behaviors.receive((ctx, m) -> Behaviors.unhandled())))))
                    .pid();
            Pid worker = child(sup);
            node.send(worker, Atom.of("waiting"));
            await(() -> node.processInfo(worker, 1).map(i -> i.messageQueueLen() == 1).orElse(false), "the message queued");
            long beforeKill = recorder.snapshotNow().nanos();
            node.exit(worker, Atom.of("kill"));
            await(() -> child(sup) != null && !child(sup).equals(worker), "the restart");
            Pid replacement = child(sup);
            recorder.snapshotNow();
            Recording r = recorder.recording();

            RecordedNode past = new RecordedNode(r, "test");
            assertThat(past.processes()).extracting(ProcessSummary::pid).contains(replacement).doesNotContain(worker);
            assertThat(past.exitReason(worker)).hasValueSatisfying(reason -> assertThat(Terms.inspect(reason)).isEqualTo(":killed"));

            past.moveTo(beforeKill);
            assertThat(past.processes()).extracting(ProcessSummary::pid).contains(worker).doesNotContain(replacement);
            assertThat(past.supervisor(sup).orElseThrow().children()).extracting(ChildView::pid).containsExactly(java.util.Optional.of(worker));
            assertThat(past.supervisor(sup).orElseThrow().strategy()).isEqualTo(Strategy.ONE_FOR_ALL);
            assertThat(past.supervisor(sup).orElseThrow().intensity()).isEqualTo(SupervisorFlags.of(Strategy.ONE_FOR_ALL).intensity());
            assertThat(past.info(worker, 10).orElseThrow().messages()).extracting(Terms::inspect).containsExactly(":waiting");
            assertThat(past.isSupervisor(past.processes().stream().filter(p -> p.pid().equals(sup)).findFirst().orElseThrow())).isTrue();
            assertThatThrownBy(() -> past.send(worker, Atom.of("x"))).isInstanceOf(UnsupportedOperationException.class);

            try (EventSubscription events = past.subscribe(EventFilter.kinds(Event.Exit.class), 100)) {
                List<Event> got = new ArrayList<>();
                assertThat(events.drainTo(got, 100)).isZero();
                past.moveTo(r.endNanos());
                events.drainTo(got, 100);
                assertThat(got).anySatisfy(e -> assertThat(e.pid()).isEqualTo(worker)).allMatch(e -> e instanceof Event.Exit);
            }
        }
    }

    @Test
    void aLogsSubscription_startsWithTheLastEventsUpToTheMoment_andAgainAfterAMoveBack() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            List<Pid> spawned = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Pid p = node.spawn(Behaviors.receive((ctx, m) -> Behaviors.unhandled()));
                spawned.add(p);
            }
            long middle = recorder.snapshotNow().nanos();
            for (int i = 0; i < 10; i++) spawned.add(node.spawn(Behaviors.receive((ctx, m) -> Behaviors.unhandled())));
            Recording r = recorder.recording();
            RecordedNode past = new RecordedNode(r, "test");
            past.moveTo(r.endNanos());
            EventFilter spawns = EventFilter.kinds(Event.Spawn.class);
            try (EventSubscription log = past.subscribeRecent(spawns, 100, 3);
                 EventSubscription plain = past.subscribe(spawns, 100)) {
                List<Event> got = new ArrayList<>();
                log.drainTo(got, 100);
                assertThat(got).extracting(Event::pid).containsExactlyElementsOf(spawned.subList(17, 20));   // the last three, in order
                List<Event> none = new ArrayList<>();
                plain.drainTo(none, 100);
                assertThat(none).isEmpty();                 // a plain subscription starts at the moment
                past.moveTo(middle);                        // back: the last three up to the new moment
                got.clear();
                assertThat(log.drainTo(got, 100)).isZero(); // the drain that finds the move
                log.drainTo(got, 100);
                assertThat(got).extracting(Event::pid).containsExactlyElementsOf(spawned.subList(7, 10));
            }
        }
    }

    @Test
    void aPastMomentShowsStatusesReductionsLinksMonitorsAndTheSchedulersLanes_andSaysWhatItDoesNotKnow() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE),
                    List.of(ChildSpec.worker(Atom.of("w"), ChildStart.spawnLink(Behaviors.receive((ctx, m) -> Behaviors.same())))))
                    .pid();
            Pid worker = child(sup);
            Pid watcher = node.spawn(Behaviors.receive((ctx, m) -> {
                if (m instanceof Pid p) ctx.monitor(p);
                return Behaviors.same();
            }));
            node.send(watcher, worker);
            await(() -> node.processInfo(watcher, 0).map(i -> !i.monitors().isEmpty()).orElse(false), "the monitor");
            Pid sleeper = node.spawn(Behaviors.receive((ctx, m) -> Behaviors.unhandled()));
            node.suspend(sleeper);
            await(() -> node.processes().stream().allMatch(p -> p.status() == beamscope.runtime.ProcessStatus.WAITING
                    || p.status() == beamscope.runtime.ProcessStatus.SUSPENDED), "a quiet node");
            long snap = recorder.snapshotNow().nanos();
            node.send(worker, Atom.of("work"));   // the worker runs after the snapshot: its status is not known then
            node.exit(worker, Atom.of("kill"));
            await(() -> child(sup) != null && !child(sup).equals(worker), "the restart");
            Pid replacement = child(sup);
            await(() -> node.processInfo(watcher, 0).map(i -> i.monitors().isEmpty()).orElse(false), "the DOWN");
            Recording r = recorder.recording();

            RecordedNode past = new RecordedNode(r, "test");
            past.moveTo(snap);
            ProcessSummary sleeping = past.processes().stream().filter(p -> p.pid().equals(sleeper)).findFirst().orElseThrow();
            assertThat(sleeping.status()).isEqualTo(beamscope.runtime.ProcessStatus.SUSPENDED);
            var w = past.info(worker, 10).orElseThrow();
            assertThat(w.status()).isEqualTo(beamscope.runtime.ProcessStatus.WAITING);
            assertThat(w.reductions()).isEqualTo(r.snapshots().getLast().processes().get(worker).reductions()).isNotNegative();
            assertThat(w.links()).containsExactly(sup);
            assertThat(w.monitoredBy()).containsExactly(watcher);
            assertThat(past.info(watcher, 0).orElseThrow().monitors()).containsExactly(worker);
            assertThat(past.snapshot().schedulers()).as("the lanes sampled with the snapshot").isNotEmpty();

            past.moveTo(r.endNanos());
            assertThat(past.info(watcher, 0).orElseThrow().monitors()).as("the DOWN took the monitor").isEmpty();
            var fresh = past.info(replacement, 0).orElseThrow();
            assertThat(fresh.links()).containsExactly(sup);
            assertThat(fresh.status()).as("spawned after the last snapshot").isNull();
            assertThat(fresh.reductions()).isEqualTo(-1);
            assertThat(past.info(sup, 0).orElseThrow().links()).containsExactly(replacement);
            assertThat(past.info(sleeper, 0).orElseThrow().status()).isEqualTo(beamscope.runtime.ProcessStatus.SUSPENDED);
            assertThat(past.asOf()).startsWith("statuses, reductions as of ").contains(" · lanes ");
        }
    }

    @Test
    void theSequenceDiagramOfAPastMomentIsDrawnUpToIt_playingForwardExtendsIt_movingBackDrawsItAgain() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE),
                    List.of(ChildSpec.worker(Atom.of("w"), ChildStart.spawnLink(Behaviors.receive((ctx, m) -> Behaviors.same())))))
                    .pid();
            Pid worker = child(sup);
            long beforeKill = recorder.snapshotNow().nanos();
            node.exit(worker, Atom.of("kill"));
            await(() -> child(sup) != null && !child(sup).equals(worker), "the restart");
            Pid replacement = child(sup);
            recorder.snapshotNow();
            RecordedNode past = new RecordedNode(recorder.recording(), "test");
            past.moveTo(beforeKill);

            java.util.concurrent.Executor now = Runnable::run;
            beamscope.app.sequence.SequenceViewModel vm = new beamscope.app.sequence.SequenceViewModel(past, now, now);
            vm.show(List.of(sup, worker));
            for (int i = 0; i < 3; i++) vm.poll();
            assertThat(vm.model().lanes()).extracting(beamscope.app.sequence.Lane::pid).containsExactly(sup, worker);
            assertThat(vm.model().steps()).noneMatch(st -> st instanceof beamscope.app.sequence.Step.Exited);

            past.moveTo(recorder.recording().endNanos());   // playing forward: the kill, the EXIT to the supervisor, the restart
            for (int i = 0; i < 3; i++) vm.poll();
            assertThat(vm.model().steps()).anyMatch(st -> st instanceof beamscope.app.sequence.Step.Exited x && x.pid().equals(worker.toString()))
                    .anyMatch(st -> st instanceof beamscope.app.sequence.Step.Sent x && x.arrow().kind() == beamscope.app.sequence.Arrow.Kind.EXIT)
                    .anyMatch(st -> st instanceof beamscope.app.sequence.Step.Started x && x.restart() && x.pid().equals(replacement.toString()));

            past.moveTo(beforeKill);   // back again: drawn again up to the moment, the lifeline on the worker then
            for (int i = 0; i < 3; i++) vm.poll();
            assertThat(vm.model().lanes()).extracting(beamscope.app.sequence.Lane::pid).containsExactly(sup, worker);
            assertThat(vm.model().steps()).noneMatch(st -> st instanceof beamscope.app.sequence.Step.Exited);
        }
    }
}
