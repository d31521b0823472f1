package beamscope.app.sequence;

import beamscope.app.lessons.Lesson;
import beamscope.app.lessons.LessonRun;
import beamscope.app.lessons.Lessons;
import beamscope.app.lessons.StepResult;
import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -Dsequence=LESSON_ID -Dsequence.out=FILE.mmd}: runs a lesson on a fresh node with no window and
 * writes the sequence diagram of the processes its steps are about, as Mermaid text (to standard output
 * when no file is given). Exits 0 when every step happened, 1 when one did not, 2 for an unknown lesson.
 */
public final class Headless {
    private Headless() {}

    /** Lifelines when the lesson points at no process: the first processes it spawned. */
    static final int FALLBACK_LANES = 6;
    private static final Atom PROGRESS_REPORT = Atom.of("progress_report"), STARTED = Atom.of("started"),
            PID = Atom.of("pid"), ID = Atom.of("id");

    /** {@code outFile} relative to {@code dir} (where mvn was started) unless absolute; null or blank: standard output. */
    public static int run(String id, String outFile, String dir, PrintStream out, PrintStream err) {
        Lesson lesson = Lessons.find(id).orElse(null);
        if (lesson == null) {
            err.println("beamscope: no lesson '" + id + "'; -Dlesson=list prints the ids");
            return 2;
        }
        try (Node node = Node.start()) {
            Path file = outFile == null || outFile.isBlank() ? null
                    : dir == null || dir.isBlank() ? Path.of(outFile) : Path.of(dir).resolve(outFile);
            return run(lesson, node, file, out, err);
        }
    }

    /** Runs {@code lesson} on {@code node} and writes its diagram to {@code file} (or {@code out} when null). */
    public static int run(Lesson lesson, Node node, Path file, PrintStream out, PrintStream err) {
        List<Event> events = new ArrayList<>();
        Set<Pid> chosen = new LinkedHashSet<>();
        int missed = 0;
        EventFilter kinds = SequenceViewModel.KINDS;
        Set<Class<? extends Event>> withNames = new java.util.HashSet<>(kinds.kinds());
        withNames.add(Event.Register.class);
        try (EventSubscription sub = node.subscribe(new EventFilter(withNames, Set.of()), 1 << 20)) {
            try (LessonRun run = new LessonRun(lesson, node, line -> { })) {
                run.start();
                chosen.addAll(run.highlighted());
                for (int i = 0; i < run.steps().size(); i++) {
                    StepResult r = run.run(i);
                    if (!r.happened()) missed++;
                    chosen.addAll(run.highlighted());
                    sub.drainTo(events, Integer.MAX_VALUE);
                }
                sub.drainTo(events, Integer.MAX_VALUE);   // before closing the lesson: its own processes only
            }
            if (sub.dropped() > 0) err.println("beamscope: " + sub.dropped() + " events were dropped; the diagram misses them");
        } catch (Exception e) {
            err.println("beamscope: the lesson did not run: " + e);
            return 1;
        }
        events.sort(java.util.Comparator.comparingLong(Event::nanos));   // a receive is stamped before what its handler sent
        SequenceModel model = diagram(events, chosen);
        String text = Mermaid.of(model);
        if (file == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("beamscope: cannot write " + file + ": " + e.getMessage());
                return 1;
            }
            out.println("wrote " + file + ": " + model.lanes().size() + " lifelines, " + model.size() + " steps");
        }
        out.flush();
        return missed == 0 ? 0 : 1;
    }

    /**
     * The diagram of {@code events} with a lifeline per chosen process (a restarted child on the lifeline
     * of the one it replaces), or for the first processes spawned when none was chosen.
     */
    static SequenceModel diagram(List<Event> events, Set<Pid> chosen) {
        Map<Pid, ChildKey> keys = new HashMap<>();
        Map<Pid, String> names = new HashMap<>();
        Set<Pid> spawned = new LinkedHashSet<>();
        for (Event e : events) {
            switch (e) {
                case Event.Register r -> names.putIfAbsent(r.pid(), r.name());
                case Event.Spawn s -> spawned.add(s.pid());
                case Event.Report r when r.kind().equals(PROGRESS_REPORT)
                        && SequenceModel.keyword(r.details(), STARTED) instanceof List<?> started
                        && SequenceModel.keyword(started, PID) instanceof Pid child ->
                        keys.put(child, new ChildKey(r.pid(), SequenceModel.keyword(started, ID)));
                default -> { }
            }
        }
        // left to right in the order they were spawned (a set of highlighted pids has no order of its own)
        Set<Pid> lanes = new LinkedHashSet<>();
        if (chosen.isEmpty()) spawned.stream().limit(FALLBACK_LANES).forEach(lanes::add);
        else {
            spawned.stream().filter(chosen::contains).forEach(lanes::add);
            chosen.stream().sorted().forEach(lanes::add);
        }
        SequenceModel model = new SequenceModel(SequenceModel.DEFAULT_CAPACITY);
        for (Pid p : lanes) {
            ChildKey key = keys.get(p);
            String label = names.get(p);
            if (label == null && key != null) label = beamscope.runtime.Terms.inspect(key.id(), 40);
            model.add(p, key, label);
        }
        model.acceptAll(events);
        return model;
    }
}
