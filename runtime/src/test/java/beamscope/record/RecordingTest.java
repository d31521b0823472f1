package beamscope.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Event;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time travel: the state a recording rebuilds at t equals a snapshot taken at t; the file format and its errors. */
class RecordingTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Atom WANT = Atom.of("want"), OTHER = Atom.of("other"), KILL = Atom.of("kill");

    final Node node = Node.start(NodeConfig.defaults().withSchedulers(2));

    @AfterEach
    void close() {
        node.close();
    }

    /** Idle: a receive that matches nothing, so every message stays in its mailbox. */
    static Behavior idle() {
        return Behaviors.receive((ctx, msg) -> Behaviors.unhandled());
    }

    /** A selective receive: takes only {@code {:want, x}}, leaves anything else in the mailbox. */
    static Behavior selective() {
        return Behaviors.receive((ctx, msg) -> msg instanceof Tuple2(Atom t, Object x) && t == WANT ? Behaviors.same()
                : Behaviors.unhandled());
    }

    /** Monitors, links and unlinks the process named in {@code {:monitor | :link | :unlink, pid}}; takes anything else. */
    static Behavior watcher() {
        return Behaviors.receive((ctx, msg) -> {
            if (msg instanceof Tuple2(Atom op, Pid p)) {
                switch (op.name()) {
                    case "monitor" -> ctx.monitor(p);
                    case "link" -> ctx.link(p);
                    case "unlink" -> ctx.unlink(p);
                    default -> { }
                }
            }
            return Behaviors.same();
        });
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.yield();
        }
    }

    /** Every process waits in receive and no scheduler has work. */
    void awaitQuiet() {
        await(() -> node.processes().stream().allMatch(p -> p.status() == ProcessStatus.WAITING || p.status() == ProcessStatus.SUSPENDED)
                && node.snapshot().runQueueLength() == 0, "a quiet node");
    }

    Pid child(Pid sup, Object id) {
        return Supervisor.whichChildren(node, sup).stream().filter(c -> c.id().equals(id)).findFirst()
                .flatMap(ChildView::pid).orElse(null);
    }

    Pid restarted(Pid sup, Object id, Pid old) {
        await(() -> {
            Pid now = child(sup, id);
            return now != null && !now.equals(old);
        }, "child " + id + " restarted");
        return child(sup, id);
    }

    /** The scripted scenario: a supervisor with two workers, a selective receiver; kills, restarts, messages left behind. */
    record Run(Recording recording, RecordedSnapshot first, RecordedSnapshot middle, RecordedSnapshot last, long beforeKill,
            Pid killed, Pid replacement, Pid selective, Pid watcher, Pid sleeper, Pid killedB, Pid sup) {}

    Run scenario(Recorder recorder) {
        Pid sleeper = node.spawn(idle());
        node.suspend(sleeper);
        Pid watcher = node.spawn(watcher());
        awaitQuiet();
        RecordedSnapshot first = recorder.snapshotNow();
        Atom a = Atom.of("a"), b = Atom.of("b");
        Pid sup = Supervisor.start(node, SupervisorFlags.of(Strategy.ONE_FOR_ONE),
                List.of(ChildSpec.worker(a, ChildStart.spawnLink(idle())), ChildSpec.worker(b, ChildStart.spawnLink(idle()))))
                .pid();
        Pid sel = node.spawn(selective());
        node.register("selective", sel);
        node.send(sel, OTHER);
        node.send(sel, Tuple.of(WANT, 1));
        node.send(sel, Tuple.of(Atom.of("later"), "text"));
        Pid workerA = child(sup, a);
        node.send(workerA, Atom.of("left_in_a"));
        awaitQuiet();
        long beforeKill = recorder.snapshotNow().nanos();

        node.exit(workerA, KILL);
        Pid newA = restarted(sup, a, workerA);
        node.send(newA, Atom.of("for_new_a"));
        Pid workerB = child(sup, b);
        node.send(watcher, Tuple.of(Atom.of("monitor"), workerB));
        node.send(watcher, Tuple.of(Atom.of("link"), sel));
        node.send(sleeper, Atom.of("while_suspended"));
        awaitQuiet();
        RecordedSnapshot middle = recorder.snapshotNow();

        node.send(watcher, Tuple.of(Atom.of("monitor"), sel));
        node.send(watcher, Tuple.of(Atom.of("unlink"), sel));
        node.send(watcher, Tuple.of(Atom.of("link"), newA));
        node.exit(workerB, KILL);
        restarted(sup, b, workerB);
        node.send(sel, Tuple.of(WANT, 2));
        node.unregister("selective");
        Pid brief = node.spawn(idle());
        node.exit(brief, KILL);
        await(() -> !node.isAlive(brief), "the brief process gone");
        awaitQuiet();
        RecordedSnapshot last = recorder.snapshotNow();
        return new Run(recorder.recording(), first, middle, last, beforeKill, workerA, newA, sel, watcher, sleeper, workerB, sup);
    }

    @Test
    void theStateRebuiltAtTEqualsTheSnapshotTakenAtT() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Run run = scenario(recorder);
            Recording r = run.recording();
            assertThat(r.eventsDropped()).isZero();
            for (RecordedSnapshot[] pair : new RecordedSnapshot[][] {{run.first(), run.middle()}, {run.first(), run.last()},
                    {run.middle(), run.last()}}) {
                RecordedSnapshot rebuilt = r.replay(pair[0], pair[1].nanos());
                assertAgrees(rebuilt, pair[1]);
                // what no event says stays as the earlier snapshot read it
                rebuilt.processes().forEach((pid, p) -> {
                    RecordedProcess before = pair[0].processes().get(pid);
                    assertThat(p.reductions()).isEqualTo(before == null ? -1 : before.reductions());
                });
            }

            assertThat(r.replay(run.first(), run.middle().nanos()).processes().values()).as("some statuses are known")
                    .anyMatch(p -> p.status() != null);

            // links and monitors follow the events exactly
            RecordedSnapshot middle = r.replay(run.first(), run.middle().nanos());
            assertThat(middle.processes().get(run.watcher()).monitors()).containsExactly(RecordedSnapshot.text(run.killedB()));
            assertThat(middle.processes().get(run.watcher()).links()).containsExactly(run.selective());
            assertThat(middle.processes().get(run.selective()).links()).containsExactly(run.watcher());
            assertThat(middle.processes().get(run.sup()).links()).contains(run.replacement()).doesNotContain(run.killed());
            RecordedSnapshot last = r.replay(run.first(), run.last().nanos());
            assertThat(last.processes().get(run.watcher()).monitors()).as("the DOWN of the killed b took its monitor")
                    .containsExactly(RecordedSnapshot.text(run.selective()));
            assertThat(last.processes().get(run.watcher()).links()).containsExactly(run.replacement());
            assertThat(last.processes().get(run.selective()).links()).isEmpty();

            // statuses: the snapshot's while nothing touched the process; unknown once it ran or was woken
            assertThat(middle.processes().get(run.sleeper()).status()).as("a message does not wake a suspended process")
                    .isEqualTo(ProcessStatus.SUSPENDED);
            assertThat(middle.processes().get(run.watcher()).status()).as("it ran since the snapshot").isNull();
            assertThat(middle.processes().get(run.replacement()).status()).as("spawned since the snapshot").isNull();
            assertThat(middle.processes().get(run.replacement()).reductions()).isEqualTo(-1);
            assertThat(run.middle().processes().get(run.replacement()).status()).isEqualTo(ProcessStatus.WAITING);
            assertThat(run.middle().processes().get(run.replacement()).reductions()).isPositive();

            RecordedProcess sel = run.middle().processes().get(run.selective());
            assertThat(sel.registeredName()).isEqualTo("selective");
            assertThat(sel.messages()).containsExactly(":other", "{:later, \"text\"}");
            assertThat(run.last().processes().get(run.selective()).registeredName()).isEmpty();
        }
    }

    /**
     * {@code rebuilt} equals {@code exact} (a snapshot taken at the same moment) in everything the events carry:
     * processes, names, parents, mailboxes, links, monitors, supervisors. A status is either the same or unknown;
     * reductions are those of the earlier snapshot, so at most the exact count, or unknown.
     */
    static void assertAgrees(RecordedSnapshot rebuilt, RecordedSnapshot exact) {
        assertThat(withoutRunState(rebuilt)).isEqualTo(withoutRunState(exact));
        rebuilt.processes().forEach((pid, p) -> {
            RecordedProcess e = exact.processes().get(pid);
            if (p.status() != null) assertThat(p.status()).as("status of %s", pid).isEqualTo(e.status());
            if (p.reductions() >= 0) assertThat(p.reductions()).as("reductions of %s", pid).isLessThanOrEqualTo(e.reductions());
            if (p.priority() != null) assertThat(p.priority()).as("priority of %s", pid).isEqualTo(e.priority());
            if (p.trapExit() != null) assertThat(p.trapExit()).as("trap exit of %s", pid).isEqualTo(e.trapExit());
        });
    }

    static RecordedSnapshot withoutRunState(RecordedSnapshot s) {
        java.util.Map<Pid, RecordedProcess> procs = new java.util.HashMap<>();
        s.processes().forEach((pid, p) -> procs.put(pid, new RecordedProcess(pid, p.registeredName(), p.initialCall(), p.parent(),
                p.queueLen(), p.messages(), null, -1, p.links(), p.monitors())));
        return new RecordedSnapshot(s.nanos(), procs, s.supervisors());
    }

    @Test
    void beforeAKillTheKilledProcessIsAliveWithItsMailbox_afterItItsReplacementRuns() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Run run = scenario(recorder);
            Recording r = run.recording();
            RecordedSnapshot before = r.replay(run.first(), run.beforeKill());
            assertThat(before.processes()).containsKey(run.killed()).doesNotContainKey(run.replacement());
            assertThat(before.processes().get(run.killed()).messages()).containsExactly(":left_in_a");
            RecordedSnapshot after = r.stateAt(run.middle().nanos()).orElseThrow();
            assertThat(after.processes()).doesNotContainKey(run.killed()).containsKey(run.replacement());
            assertThat(after.supervisors().values()).anySatisfy(s -> assertThat(s.children())
                    .extracting(RecordedChild::pid).contains(run.replacement()).doesNotContain(run.killed()));
            assertThat(r.stateAt(r.startNanos() - 1)).isEmpty();
        }
    }

    @Test
    void priorityAndTrapExit_areTheSnapshots_keptThroughEventsAndAFile_unknownForAProcessSpawnedSince(@TempDir Path dir) throws Exception {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Pid trapper = node.spawn(Behaviors.setup(ctx -> {
                ctx.trapExit(true);
                return idle();
            }), beamscope.runtime.SpawnOptions.defaults().withPriority(beamscope.runtime.Priority.HIGH));
            Pid plain = node.spawn(idle());
            await(() -> node.processInfo(trapper, 0).map(i -> i.trapExit()).orElse(false), "the trapper traps exits");
            awaitQuiet();
            RecordedSnapshot snap = recorder.snapshotNow();
            assertThat(snap.processes().get(trapper).priority()).isEqualTo(beamscope.runtime.Priority.HIGH);
            assertThat(snap.processes().get(trapper).trapExit()).isTrue();
            assertThat(snap.processes().get(plain).priority()).isEqualTo(beamscope.runtime.Priority.NORMAL);
            assertThat(snap.processes().get(plain).trapExit()).isFalse();
            node.send(trapper, Atom.of("hello"));           // an event touching it: status unknown, the flags still the snapshot's
            Pid later = node.spawn(idle());
            awaitQuiet();
            recorder.snapshotNow();
            Recording r = recorder.recording();
            long between = r.snapshots().getLast().since() - 1;
            RecordedSnapshot moment = r.replay(snap, between);
            assertThat(moment.processes().get(trapper).priority()).isEqualTo(beamscope.runtime.Priority.HIGH);
            assertThat(moment.processes().get(trapper).trapExit()).isTrue();
            assertThat(moment.processes().get(later).priority()).as("spawned after the snapshot").isNull();
            assertThat(moment.processes().get(later).trapExit()).isNull();
            Path file = dir.resolve("flags.bsrec");
            RecordingFile.save(r, file);
            Recording back = RecordingFile.load(file);
            assertThat(back.snapshots()).isEqualTo(r.snapshots());
            assertThat(back.snapshots().getLast().processes().get(trapper).trapExit()).isTrue();
        }
    }

    @Test
    void aSavedRecordingReadsBackAndRebuildsTheSameStates(@TempDir Path dir) throws Exception {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            Run run = scenario(recorder);
            Path file = dir.resolve("run.bsrec");
            RecordingFile.save(run.recording(), file);
            Recording back = RecordingFile.load(file);
            assertThat(back.version()).isEqualTo(RecordingFile.VERSION);
            assertThat(back.snapshots()).isEqualTo(run.recording().snapshots());
            assertThat(back.flags()).isEqualTo(run.recording().flags()).isNotEmpty()
                    .allSatisfy((pid, f) -> assertThat(f.strategy()).isEqualTo("one_for_one"));
            assertThat(back.countsByKind()).isEqualTo(run.recording().countsByKind());
            assertThat(back.replay(back.snapshots().getFirst(), run.last().nanos()))
                    .isEqualTo(run.recording().replay(run.recording().snapshots().getFirst(), run.last().nanos()));
            assertThat(back.schedulerSamples()).isEqualTo(run.recording().schedulerSamples()).isNotEmpty();
            assertThat(back.snapshots().getLast().processes().get(run.watcher()).links()).containsExactly(run.replacement());
            assertThat(back.events()).filteredOn(e -> e instanceof Event.Send).isNotEmpty();
            assertThat(back.summary()).contains("format version: " + RecordingFile.VERSION).contains("Spawn: ").contains("Exit: ");
        }
    }

    @Test
    void theRingKeepsTheLastEventsAndOnlyTheSnapshotsItCanRebuildFrom() {
        try (Recorder recorder = Recorder.manual(node, new Recorder.Limits(Duration.ofMinutes(10), 1_000_000))) {
            recorder.setLimits(new Recorder.Limits(Duration.ofMinutes(10), 5));
            for (int i = 0; i < 20; i++) node.spawn(idle());
            RecordedSnapshot later = recorder.snapshotNow();
            Recording r = recorder.recording();
            assertThat(r.events()).hasSizeLessThanOrEqualTo(5);
            assertThat(recorder.eventCount()).isLessThanOrEqualTo(5);
            assertThat(r.snapshots()).allSatisfy(s -> assertThat(s.nanos())
                    .isGreaterThanOrEqualTo(r.events().isEmpty() ? 0 : r.events().getFirst().nanos()));
            assertThat(r.snapshots()).contains(later);
            assertThat(r.stateAt(later.nanos())).contains(later);
        }
    }

    @Test
    void snapshotsOfABigNodeAreThinnedOut_keepingTheFirst_andEveryMomentStillRebuilds() {
        try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
            recorder.maxSnapshotProcesses = 10; // fewer than the seven snapshots below hold together
            RecordedSnapshot first = recorder.recording().snapshots().getFirst();
            List<RecordedSnapshot> taken = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                node.spawn(idle());
                awaitQuiet();
                taken.add(recorder.snapshotNow());
            }
            Recording r = recorder.recording();
            assertThat(r.snapshots().getFirst()).isEqualTo(first);
            assertThat(r.snapshots().getLast()).isEqualTo(taken.getLast());
            assertThat(r.snapshots().size()).isLessThan(taken.size() + 1);
            for (RecordedSnapshot s : taken) {
                if (r.snapshots().contains(s)) assertThat(r.stateAt(s.nanos())).contains(s);
                else assertAgrees(r.stateAt(s.nanos()).orElseThrow(), s);   // rebuilt from an earlier one
            }
        }
    }

    /**
     * A snapshot whose read took long enough for a restart to happen during it (read from 150 to 300, the kill at
     * 200): it holds the replacement, so it must not stand for a moment before the kill, and moved forward it
     * applies the events of its read again without harm.
     */
    @Test
    void aSnapshotReadWhileARestartHappened_isNotShownBeforeTheRestart_andAppliesItsReadsEventsAgainHarmlessly(
            @TempDir Path dir) throws Exception {
        Pid sup = Pid.of(2), old = Pid.of(3), fresh = Pid.of(6);
        RecordedProcess supP = new RecordedProcess(sup, "", "Supervisor.init/1", null, 0, List.of(), null, -1, List.of(old), List.of());
        RecordedProcess oldP = new RecordedProcess(old, "", "receive", sup, 0, List.of(), null, -1, List.of(sup), List.of());
        RecordedProcess freshP = new RecordedProcess(fresh, "", "receive", sup, 0, List.of(), null, -1, List.of(sup), List.of());
        RecordedSnapshot first = new RecordedSnapshot(100, java.util.Map.of(sup, supP, old, oldP),
                java.util.Map.of(sup, new RecordedSupervisor(sup, false, List.of(new RecordedChild(":w", old, "permanent")))));
        RecordedSnapshot straddling = new RecordedSnapshot(300, 150,
                java.util.Map.of(sup, supP.withLinks(List.of(fresh)), fresh, freshP),
                java.util.Map.of(sup, new RecordedSupervisor(sup, false, List.of(new RecordedChild(":w", fresh, "permanent")))));
        Object started = List.of(Tuple.of(Atom.of("supervisor"), sup), Tuple.of(Atom.of("started"),
                List.of(Tuple.of(Atom.of("pid"), fresh), Tuple.of(Atom.of("id"), Atom.of("w")),
                        Tuple.of(Atom.of("restart_type"), Atom.of("permanent")))));
        List<Event> events = List.of(new Event.Exit(200, old, Atom.of("killed")),
                new Event.Spawn(201, fresh, sup, "receive"), new Event.Link(201, sup, fresh),
                new Event.Report(201, sup, Atom.of("progress_report"), started));
        Recording r = new Recording(RecordingFile.VERSION, 100, 0, events, List.of(first, straddling), java.util.Map.of());

        RecordedSnapshot beforeKill = r.stateAt(180).orElseThrow();
        assertThat(beforeKill.processes()).containsKey(old).doesNotContainKey(fresh);
        assertThat(beforeKill.supervisors().get(sup).children()).extracting(RecordedChild::pid).containsExactly(old);

        RecordedSnapshot later = r.stateAt(400).orElseThrow();
        assertThat(later.processes()).containsOnlyKeys(sup, fresh);
        assertThat(later.processes().get(sup).links()).containsExactly(fresh);
        assertThat(later.supervisors().get(sup).children()).extracting(RecordedChild::pid).containsExactly(fresh);
        assertThat(later).isEqualTo(r.replay(first, 400));

        Path file = dir.resolve("straddle.bsrec");
        RecordingFile.save(r, file);
        assertThat(RecordingFile.load(file).snapshots()).isEqualTo(r.snapshots());
    }

    @Nested
    class Errors {
        byte[] valid() throws IOException {
            try (Recorder recorder = Recorder.manual(node, Recorder.Limits.DEFAULT)) {
                node.spawn(idle());
                recorder.snapshotNow();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                RecordingFile.write(recorder.recording(), out);
                return out.toByteArray();
            }
        }

        Recording read(byte[] bytes) throws Exception {
            return RecordingFile.read(new ByteArrayInputStream(bytes));
        }

        @Test
        void aVersion1FileStillReads_itsStatusesReductionsLinksAndMonitorsUnknown() throws Exception {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.write("BSCOPREC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeShort(1);
            out.writeInt(100);
            out.writeLong(0);
            out.writeByte('S');
            out.writeLong(5);
            out.writeInt(1); // one process: pid <0.7.0>, no name, an initial call, no parent, an empty mailbox
            out.writeInt(0);
            out.writeLong(7);
            for (String str : new String[] {"", "Old.init/1"}) {
                byte[] b = str.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeInt(-1);
            out.writeLong(0);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(0); // no supervisors
            out.writeByte('Z');
            out.writeInt(0);
            out.writeInt(1);
            Recording r = read(bytes.toByteArray());
            assertThat(r.version()).isEqualTo(1);
            assertThat(r.schedulerSamples()).isEmpty();
            RecordedProcess p = r.stateAt(5).orElseThrow().processes().get(new Pid(0, 7));
            assertThat(p.initialCall()).isEqualTo("Old.init/1");
            assertThat(p.status()).isNull();
            assertThat(p.reductions()).isEqualTo(-1);
            assertThat(p.links()).isNull();
            assertThat(p.monitors()).isNull();
        }

        @Test
        void aFileThatIsNotARecording() {
            assertThatThrownBy(() -> read("hello, world".getBytes())).isInstanceOf(RecordingFormatException.class)
                    .hasMessageContaining("not a Beamscope recording");
            assertThatThrownBy(() -> read(new byte[0])).isInstanceOf(RecordingFormatException.class);
        }

        @Test
        void anotherVersion() throws Exception {
            byte[] b = valid();
            b[8] = 0;
            b[9] = 99;
            assertThatThrownBy(() -> read(b)).isInstanceOf(RecordingFormatException.class)
                    .hasMessageContaining("version 99 is not supported");
        }

        @Test
        void aFileCutShort() throws Exception {
            byte[] b = valid();
            assertThat(read(b).snapshots()).hasSize(2);
            for (int cut : new int[] {12, b.length / 2, b.length - 1})
                assertThatThrownBy(() -> read(Arrays.copyOf(b, cut))).isInstanceOf(RecordingFormatException.class)
                        .hasMessageContaining("corrupt recording");
        }

        @Test
        void garbageInsideGivesAnErrorNotACrash() throws Exception {
            byte[] b = valid();
            java.util.Random random = new java.util.Random(42);
            for (int i = 0; i < 200; i++) {
                byte[] c = b.clone();
                int at = 10 + random.nextInt(c.length - 10);
                c[at] = (byte) random.nextInt(256);
                try {
                    read(c);
                } catch (RecordingFormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }

        @Test
        void loadNamesAMissingFile(@TempDir Path dir) {
            assertThatThrownBy(() -> RecordingFile.load(dir.resolve("none.bsrec"))).isInstanceOf(RecordingFormatException.class)
                    .hasMessageContaining("none.bsrec");
        }
    }
}
