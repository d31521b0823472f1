package beamscope.app.tree;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Terms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds tree frames on a sampler thread: lays out the processes with the view model's current shape,
 * keeps the slots of processes that just died, and says why each one went (its exit reason, or "gave up"
 * when its supervisor reached its restart intensity). Used by the app's sampler (and by the tests' TreeSource).
 */
public final class TreeFramer {

    /** How the exit reason of a supervisor that reached its restart intensity begins. */
    public static final String GAVE_UP = "gave up";

    private final Function<Pid, Optional<Object>> exitReasons;
    private final Map<Pid, Long> gaveUp = new ConcurrentHashMap<>();
    private volatile long lastBuildNanos;

    /** @param exitReasons a dead process's exit reason ({@code node::exitReason}) */
    public TreeFramer(Function<Pid, Optional<Object>> exitReasons) {
        this.exitReasons = exitReasons;
    }

    /** Notes supervisor reports: a supervisor that gave up is drawn dying for that reason. */
    public void noteReports(List<Event> events) {
        for (Event e : events) if (e instanceof Event.Report r && gaveUp(r)) gaveUp.put(r.pid(), System.nanoTime());
    }

    /** A frame for {@code viewModel}'s current shape, from one sample of the node. */
    public TreeFrame frame(String nodeName, List<ProcessSummary> processes, Map<Pid, SupervisorInfo> supervisors,
                           TreeViewModel viewModel) {
        long t0 = System.nanoTime();
        TreeFrame f = TreeFrame.from(nodeName, processes, supervisors, viewModel.shape(), viewModel.watched(),
                viewModel.phantoms());
        lastBuildNanos = System.nanoTime() - t0;
        return f.withExitReasons(reasons(f));
    }

    /** How long building the last frame took (after reading the processes), in nanoseconds. */
    public long lastBuildNanos() {
        return lastBuildNanos;
    }

    /** A supervisor report {@code errorContext: shutdown, reason: reached_max_restart_intensity}. */
    public static boolean gaveUp(Event.Report r) {
        return r.details() instanceof List<?> fields
                && fields.contains(beamscope.runtime.Tuple.of(Atom.of("errorContext"), Atom.of("shutdown")))
                && fields.contains(beamscope.runtime.Tuple.of(Atom.of("reason"), Atom.of("reached_max_restart_intensity")));
    }

    /** Why each gone process exited, in words. */
    private Map<Pid, String> reasons(TreeFrame f) {
        if (f.gone().isEmpty()) return Map.of();
        Map<Pid, String> out = new HashMap<>();
        long now = System.nanoTime();
        gaveUp.values().removeIf(t -> now - t > 10_000_000_000L);
        for (Pid p : f.gone()) {
            if (gaveUp.containsKey(p)) out.put(p, GAVE_UP + ": too many restarts");
            else exitReasons.apply(p).ifPresent(r -> out.put(p, r instanceof Atom a ? a.name() : Terms.inspect(r, 40)));
        }
        return out;
    }
}
