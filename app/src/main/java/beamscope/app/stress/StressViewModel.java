package beamscope.app.stress;

import beamscope.app.Handoff;
import beamscope.runtime.Node;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Stress menu's state: at most one scenario runs at a time, on the {@code runner} executor (never the
 * FX thread); its progress comes to the FX thread through a {@link Handoff} (at most one update pending,
 * the newest wins), so a scenario reporting a million times costs the FX thread a few updates a pulse.
 * When it ends (done, cancelled or failed) its figures stay shown until dismissed or the next run.
 */
public final class StressViewModel {

    /** One progress report: a fraction (negative: unknown) and what happens now. */
    record Progress(double fraction, String text) {}

    private final Node node;
    private final Executor fx, runner;
    private final Handoff<Progress> progressHandoff;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper(this, "figures", "");
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param fx     runs on the FX thread (same thread in tests)
     * @param runner runs a scenario (a thread of its own in the window)
     */
    public StressViewModel(Node node, Executor fx, Executor runner) {
        this.node = node;
        this.fx = fx;
        this.runner = runner;
        this.progressHandoff = new Handoff<>(fx, p -> {
            if (!running.get()) return;   // a late report after the end
            progress.set(p.fraction());
            text.set(p.text());
        });
    }

    /** The scenario's parameters as the dialog shows them first: the defaults, as text. */
    public static Map<String, String> defaultTexts(Scenario s) {
        Map<String, String> m = new LinkedHashMap<>();
        s.defaults().forEach((k, v) -> m.put(k, Long.toString(v)));
        return m;
    }

    /**
     * The values typed in the dialog, checked: whole numbers (underscores and separators allowed) within each
     * parameter's bounds. Throws IllegalArgumentException with a sentence for the user when one is not.
     */
    public static Map<String, Long> parse(Scenario s, Map<String, String> texts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Scenario.Parameter p : s.parameters()) {
            String t = texts.getOrDefault(p.key(), "").strip().replace("_", "").replace(",", "");
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(p.label() + ": \"" + texts.get(p.key()) + "\" is not a whole number");
            }
            if (v < p.min() || v > p.max())
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d is not within %,d..%,d", p.label(), v,
                        p.min(), p.max()));
            out.put(p.key(), v);
        }
        return out;
    }

    /** Starts {@code s} with {@code values}; does nothing while another runs. Call on the FX thread. */
    public void start(Scenario s, Map<String, Long> values) {
        if (running.get()) return;
        AtomicBoolean c = new AtomicBoolean();
        cancel = c;
        running.set(true);
        shown.set(true);
        title.set(s.title());
        progress.set(-1);
        text.set("starting…");
        figures.set("");
        runner.execute(() -> {
            Scenario.Result result = null;
            String failure = null;
            try {
                result = s.run(node, values, new Scenario.Run() {
                    @Override public void progress(double fraction, String now) {
                        progressHandoff.publish(new Progress(fraction, now));
                    }
                    @Override public boolean cancelled() { return c.get(); }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            } catch (RuntimeException e) {
                failure = String.valueOf(e.getMessage());
            }
            Scenario.Result r = result;
            String error = failure;
            fx.execute(() -> finish(r, error));
        });
    }

    /** Shows how the run ended, then clears {@code running} (so whoever waits on it reads the outcome). */
    private void finish(Scenario.Result r, String error) {
        if (r == null) {
            progress.set(0);
            text.set("failed: " + error);
        } else {
            progress.set(1);
            text.set(r.cancelled() ? "cancelled" : "done");
            StringBuilder b = new StringBuilder();
            for (Scenario.Figure f : r.figures()) b.append(b.isEmpty() ? "" : " · ").append(f.name()).append(": ").append(f.value());
            figures.set(b.toString());
        }
        running.set(false);
    }

    /** Asks the running scenario to stop; it stops at its next check and leaves none of its processes. */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            text.set("cancelling…");
        }
    }

    /** Hides the bar of a finished run. */
    public void dismiss() {
        if (!running.get()) shown.set(false);
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** Whether the bar shows: while a scenario runs and after, until dismissed. */
    public ReadOnlyBooleanProperty shownProperty() { return shown.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** 0..1, or negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }
    /** The last run's figures, "name: value · …"; empty while running. */
    public ReadOnlyStringProperty figuresProperty() { return figures.getReadOnlyProperty(); }
}
