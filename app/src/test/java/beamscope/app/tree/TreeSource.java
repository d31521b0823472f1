package beamscope.app.tree;

import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A self-contained sampler for the tree: builds a {@link TreeFrame} (through a {@link TreeFramer}) on
 * its own thread at a fixed rate, and hands it to the FX thread with at most one hand-off pending (a
 * slow FX thread skips frames instead of queueing them). Supervisor reports trigger a frame within
 * 50 ms, so crashes show at once. The app may use its own sampler instead and call
 * {@link TreeViewModel#apply} the same way.
 */
public final class TreeSource implements AutoCloseable {

    private final TreeInputs inputs;
    private final TreeViewModel viewModel;
    private final SupervisorProbe probe;
    private final ScheduledExecutorService thread;
    private final beamscope.app.Handoff<TreeFrame> handoff;
    private final EventSubscription reports;
    private final List<Event> drained = new ArrayList<>();
    private final TreeFramer framer;

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
        this.handoff = new beamscope.app.Handoff<>(javafx.application.Platform::runLater, viewModel::apply);
        this.probe = probe;
        this.framer = new TreeFramer(inputs.exitReason());
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

    /** Hands the reports to the framer; true when any arrived. */
    private boolean drainReports() {
        int n = reports.drainTo(drained, 256);
        framer.noteReports(drained);
        drained.clear();
        return n > 0;
    }

    /** How long building the last frame took (after reading the processes), in nanoseconds. */
    public long lastBuildNanos() {
        return framer.lastBuildNanos();
    }

    private void sample() {
        try {
            drainReports();   // a supervisor reports before it exits: read why before seeing it gone
            List<ProcessSummary> processes = inputs.processes().get();
            TreeFrame f = framer.frame(inputs.nodeName(), processes, probe.supervisors(processes), viewModel);
            handoff.publish(f);
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
