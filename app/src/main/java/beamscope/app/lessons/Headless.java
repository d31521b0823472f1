package beamscope.app.lessons;

import beamscope.runtime.Node;
import java.io.PrintStream;

/**
 * The headless lesson runner: {@code mvn -q compile exec:exec -Dlesson=ID} runs every step of a lesson on
 * a fresh node and prints its transcript; {@code -Dlesson=list} prints the ids.
 */
public final class Headless {
    private Headless() {}

    /** Returns the exit status: 0 exactly when every step's expected outcome happened. */
    public static int run(String id, PrintStream out, PrintStream err) {
        if (id.equals("list")) {
            for (Lesson l : Lessons.ALL) out.println(l.id());
            out.flush();
            return 0;
        }
        Lesson lesson = Lessons.find(id).orElse(null);
        if (lesson == null) {
            err.println("beamscope: no lesson '" + id + "'; -Dlesson=list prints the ids");
            return 2;
        }
        try (Node node = Node.start()) {
            return run(lesson, node, out);
        }
    }

    /** Runs {@code lesson} on {@code node}; its processes are gone again when this returns. */
    public static int run(Lesson lesson, Node node, PrintStream out) {
        out.println("# " + lesson.title() + " (" + lesson.id() + ", " + Tutorial.of(lesson).from() + ")");
        int missed = 0;
        try (LessonRun run = new LessonRun(lesson, node, out::println)) {
            run.start();
            for (int i = 0; i < run.steps().size(); i++) {
                out.println();
                out.println("## " + (i + 1) + ". " + run.steps().get(i).button());
                StepResult r = run.run(i);
                if (r.happened()) {
                    out.println("[ok] " + run.steps().get(i).expected());
                } else {
                    missed++;
                    out.println("[missed] " + r.note());
                }
            }
        } catch (Exception e) {
            out.println("[missed] the lesson did not start: " + e);
            out.flush();
            return 1;
        }
        out.println();
        out.println(missed == 0 ? "Every step happened as expected." : missed + " step(s) did not happen as expected.");
        out.flush();
        return missed == 0 ? 0 : 1;
    }
}
