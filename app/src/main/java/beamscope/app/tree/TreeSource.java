package beamscope.app.tree;

import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.util.HashMap;
import java.util.Map;
import beamscope.runtime.ProcessSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/**
 * A self-contained sampler for the tree: builds a {@link TreeFrame} from a {@link Node} on its own
 * thread at a fixed rate, and hands it to the FX thread with at most one hand-off pending (a slow FX
 * thread skips frames instead of queueing them). Supervisor reports trigger a frame within 50 ms, so
 * crashes show at once. The app may use its own sampler instead and call {@link TreeViewModel#apply}
 * the same way.
 */
public final class TreeSource implements AutoCloseable {

    private final TreeInputs inputs;
    private final TreeViewModel viewModel;
    private final SupervisorProbe probe;
    private final ScheduledExecutorService thread;
    private final AtomicReference<TreeFrame> pending = new AtomicReference<>();
    private final EventSubscription reports;
    private final List<Event> drained = new java.util.ArrayList<>();
    private final Map<Pid, Long> gaveUp = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long lastBuildNanos;

    public TreeSource(Node node, TreeViewModel viewModel) {
        this(node, viewModel, new OtpProbe(node), Duration.ofMillis(250));
    }

    public TreeSource(Node node, TreeViewModel viewModel, SupervisorProbe probe, Duration period) {
        this(TreeInputs.of(node), viewModel, probe, period);
    }

    /** Over the app's observation interface (see {@link TreeInputs}); supervisors come from its {@code supervisor}. */
    public TreeSource(TreeInputs inputs, TreeViewModel viewModel) {
        this(inputs, viewModel, new OtpProbe(inputs.supervisor()), Duration.ofMillis(250));
    }

    public TreeSource(TreeInputs inputs, TreeViewModel viewModel, SupervisorProbe probe, Duration period) {
        this.inputs = inputs;
        this.viewModel = viewModel;
        this.probe = probe;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beamscope-tree-sampler");
            t.setDaemon(true);
            return t;
        });
        this.reports = inputs.subscribe().apply(EventFilter.kinds(Event.Report.class), 256);
        viewModel.setOnShapeChange(() -> thread.execute(this::sample));
        thread.scheduleWithFixedDelay(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::sampleOnReports, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Supervisor reports (a child terminated, a restart, a shutdown) get a frame at once, not at the next tick. */
    private void sampleOnReports() {
        if (drainReports()) sample();
    }

    /** Notes the supervisors that gave up; true when any report arrived. */
    private boolean drainReports() {
        int n = reports.drainTo(drained, 256);
        for (Event e : drained) if (e instanceof Event.Report r && gaveUp(r)) gaveUp.put(r.pid(), System.nanoTime());
        drained.clear();
        return n > 0;
    }

    /** A supervisor report {@code errorContext: shutdown, reason: reached_max_restart_intensity}. */
    static boolean gaveUp(Event.Report r) {
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
            if (gaveUp.containsKey(p)) out.put(p, "gave up: too many restarts");
            else inputs.exitReason().apply(p).ifPresent(r -> out.put(p, r instanceof Atom a ? a.name() : Terms.inspect(r, 40)));
        }
        return out;
    }

    /** How long building the last frame took (after reading the processes), in nanoseconds. */
    public long lastBuildNanos() {
        return lastBuildNanos;
    }

    private void sample() {
        try {
            drainReports();   // a supervisor reports before it exits: read why before seeing it gone
            List<ProcessSummary> processes = inputs.processes().get();
            long t0 = System.nanoTime();
            TreeFrame f = TreeFrame.from(inputs.nodeName(), processes, probe.supervisors(processes),
                    viewModel.shape(), viewModel.watched(), viewModel.phantoms());
            lastBuildNanos = System.nanoTime() - t0;
            f = f.withExitReasons(reasons(f));
            if (pending.getAndSet(f) == null) {
                try {
                    Platform.runLater(() -> viewModel.apply(pending.getAndSet(null)));
                } catch (IllegalStateException toolkitNotRunning) {
                    pending.set(null);
                }
            }
        } catch (RuntimeException e) {
            System.getLogger("beamscope.app.tree").log(System.Logger.Level.WARNING, "tree sample failed", e);
        }
    }

    @Override
    public void close() {
        viewModel.setOnShapeChange(null);
        thread.shutdownNow();
        reports.close();
    }
}
