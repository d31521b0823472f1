package beamscope.app.bulk;

import beamscope.app.observe.Observed;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.util.Locale;
import java.util.Optional;

/**
 * What the window does to a process, one or many: {@code Process.exit/2}, suspend, resume, a new priority.
 * The single-process actions (the toolbar, the row menu) and the bulk ones run the same {@link #apply}.
 */
public sealed interface ProcessAction {

    /** Acts on one process; throws when the node refuses (a real node with destructive actions off). */
    void apply(Observed node, Pid pid);

    /** "Exit", "Suspend", "Resume", "Set priority high on": the start of a button or a question. */
    String verb();

    /** "exited", "suspended"… for the status line. */
    String done();

    /** Why {@code node} cannot do this, or empty when it can. Cheap (no round trip). */
    default Optional<String> unsupportedOn(Observed node) {
        return Optional.empty();
    }

    /** "Exit 12,345 processes…" (the ellipsis: a confirmation may follow). */
    default String label(int count) {
        return verb() + String.format(Locale.ROOT, count == 1 ? " %,d process…" : " %,d processes…", count);
    }

    record Exit(Object reason) implements ProcessAction {
        @Override public void apply(Observed node, Pid pid) { node.exit(pid, reason); }
        @Override public String verb() { return "Exit"; }
        @Override public String done() { return "exited with " + Terms.inspect(reason); }
    }

    record Suspend() implements ProcessAction {
        @Override public void apply(Observed node, Pid pid) { node.suspend(pid); }
        @Override public String verb() { return "Suspend"; }
        @Override public String done() { return "suspended"; }
    }

    record Resume() implements ProcessAction {
        @Override public void apply(Observed node, Pid pid) { node.resume(pid); }
        @Override public String verb() { return "Resume"; }
        @Override public String done() { return "resumed"; }
    }

    /** Only the embedded runtime lets an observer set another process's priority. */
    record SetPriority(beamscope.runtime.Priority priority) implements ProcessAction {
        public static final String UNSUPPORTED = "A real node cannot set another process's priority: "
                + "process_flag(priority, …) only changes the calling process's own.";

        @Override
        public void apply(Observed node, Pid pid) {
            node.embedded().orElseThrow(() -> new UnsupportedOperationException(UNSUPPORTED)).setPriority(pid, priority);
        }

        @Override public String verb() { return "Set priority " + name() + " on"; }
        @Override public String done() { return "set to priority " + name(); }

        @Override
        public Optional<String> unsupportedOn(Observed node) {
            return node.embedded().isPresent() ? Optional.empty() : Optional.of(UNSUPPORTED);
        }

        private String name() {
            return priority.name().toLowerCase(Locale.ROOT);
        }
    }
}
