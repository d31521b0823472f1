package beamscope.app.schedulers;

import beamscope.runtime.Node;
import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.ProcessSummary;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A self-contained sampler for the schedulers view, straight from a {@link Node} (tests and screenshots;
 * the window uses its own sampler): takes a snapshot and a memory sum on its own
 * thread at a fixed rate and hands frames to the FX thread, at most one pending. Note that a node's
 * utilisation figures are "since the previous snapshot", so one sampler per node is best.
 */
public final class SchedulerSource implements AutoCloseable {

    private final Supplier<NodeSnapshot> snapshot;
    private final Consumer<Consumer<ProcessSummary>> processes;
    private final SchedulerViewModel viewModel;
    private final ScheduledExecutorService thread;
    private final beamscope.app.Handoff<SchedulerFrame> handoff;

    /** The schedulers' controls straight from a node. */
    public static SchedulerControls controls(Node node) {
        return SchedulerControls.of(node::pauseSchedulers, node::stepSlice, node::resumeSchedulers, node::slowMotion);
    }

    public SchedulerSource(Node node, SchedulerViewModel viewModel) {
        this(node, viewModel, Duration.ofMillis(250));
    }

    public SchedulerSource(Node node, SchedulerViewModel viewModel, Duration period) {
        this(node::snapshot, node::forEachProcess, viewModel, period);
    }

    /** Over the app's observation interface: {@code new SchedulerSource(observed::snapshot, observed::forEachProcess, vm, period)}. */
    public SchedulerSource(Supplier<NodeSnapshot> snapshot, Consumer<Consumer<ProcessSummary>> processes,
            SchedulerViewModel viewModel, Duration period) {
        this.snapshot = snapshot;
        this.processes = processes;
        this.viewModel = viewModel;
        this.handoff = new beamscope.app.Handoff<>(javafx.application.Platform::runLater, viewModel::apply);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "beamscope-scheduler-sampler");
            t.setDaemon(true);
            return t;
        });
        viewModel.setRefresh(() -> thread.execute(this::sample));
        thread.scheduleWithFixedDelay(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            SchedulerFrame f = SchedulerFrame.from(snapshot.get(), processes);
            handoff.publish(f);
        } catch (RuntimeException e) {
            System.getLogger("beamscope.app.schedulers").log(System.Logger.Level.WARNING, "scheduler sample failed", e);
        }
    }

    @Override
    public void close() {
        viewModel.setRefresh(null);
        thread.shutdownNow();
    }
}
