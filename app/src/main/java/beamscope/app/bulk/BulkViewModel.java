package beamscope.app.bulk;

import beamscope.app.Handoff;
import beamscope.app.observe.Observed;
import beamscope.app.send.Message;
import beamscope.runtime.Pid;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The selection the table and the grid share, and the actions on all of it: exit with a reason, suspend,
 * resume, a new priority. Above {@link #CONFIRM_ABOVE} processes an action asks first. The work runs on
 * {@code work} in batches of {@link #BATCH}, one task per batch, so a million-process action never holds
 * a thread for long, reports its progress (at most one update pending on the FX thread) and stops at the
 * next batch when cancelled, leaving the rest untouched. FX thread only, except for the work itself.
 */
public final class BulkViewModel {
    public static final int CONFIRM_ABOVE = 1_000;
    public static final int BATCH = 250;

    /** Asks the user a yes/no question (a dialog in the window; an answer given in tests). */
    @FunctionalInterface
    public interface Confirm {
        boolean ask(String question);
    }

    private final Observed node;
    private final Executor work;
    private final ObjectProperty<Selection> selection = new SimpleObjectProperty<>(this, "selection", Selection.NONE);
    private final StringProperty exitReason = new SimpleStringProperty(this, "exitReason", ":kill");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final javafx.beans.property.BooleanProperty destructive =
            new javafx.beans.property.SimpleBooleanProperty(this, "destructive", true);

    /** Why exit, suspend and resume are refused on a real node until its destructive actions are switched on. */
    public static final String DESTRUCTIVE_OFF = "Destructive actions are off for this node: switch them on in the Node menu.";
    private final Handoff<double[]> progressHandoff;
    private final Executor fx;
    private Job job;

    /**
     * @param work runs the batches (a background thread; a queue the test drains)
     * @param fx   runs on the FX thread (same thread in tests)
     */
    public BulkViewModel(Observed node, Executor work, Executor fx) {
        this.node = node;
        this.work = work;
        this.fx = fx;
        this.progressHandoff = new Handoff<>(fx, p -> progress.set(p[0] / p[1]));
        selection.addListener((o, a, s) -> summary.set(describe(s)));
    }

    static String describe(Selection s) {
        return s.count() == 0 ? "" : String.format(Locale.ROOT, s.count() == 1 ? "%,d process selected" : "%,d processes selected", s.count());
    }

    /** Why the node cannot do {@code action}, or null when it can (the view disables its control with this tooltip). */
    public String unsupported(ProcessAction action) {
        if (!destructive.get() && !(action instanceof ProcessAction.SetPriority)) return DESTRUCTIVE_OFF;
        return action.unsupportedOn(node).orElse(null);
    }

    /**
     * Whether exit, suspend and resume may run: always on the embedded node; on a real node only once its
     * destructive actions are switched on (the window binds this to the Node menu's switch).
     */
    public javafx.beans.property.BooleanProperty destructiveProperty() { return destructive; }

    /** Exits the selection with the reason in {@link #exitReasonProperty()} (Elixir syntax). */
    public boolean exit(Confirm confirm) {
        return switch (Message.read(exitReason.get(), node.shell())) {
            case Message.Term(Object reason) -> start(new ProcessAction.Exit(reason), confirm);
            case Message.SyntaxError e -> {
                status.set("Exit reason not sent: " + e.message());
                yield false;
            }
        };
    }

    /**
     * Starts {@code action} on the selection, after asking {@code confirm} when it holds more than
     * {@link #CONFIRM_ABOVE} processes. Returns whether it started (not while another runs, not when
     * declined, not when the node cannot do it).
     */
    public boolean start(ProcessAction action, Confirm confirm) {
        Selection s = selection.get();
        if (busy.get() || s.count() == 0) return false;
        String why = unsupported(action);
        if (why != null) {
            status.set(why);
            return false;
        }
        if (s.count() > CONFIRM_ABOVE && !confirm.ask(question(action, s.count()))) {
            status.set("Nothing done.");
            return false;
        }
        job = new Job(action, s);
        busy.set(true);
        progress.set(0);
        status.set(action.label(s.count()).replace("…", ""));
        work.execute(job::first);
        return true;
    }

    /** "Exit 12,345 processes with :kill? This cannot be undone." and the like. */
    static String question(ProcessAction action, int count) {
        String what = action.label(count).replace("…", "");
        return action instanceof ProcessAction.Exit(Object reason)
                ? what + " with " + beamscope.runtime.Terms.inspect(reason) + "? This cannot be undone."
                : what + "?";
    }

    /** Stops the running action before its next batch; what was done stays done. */
    public void cancel() {
        if (job != null) job.cancelled.set(true);
    }

    /** One action on one selection, batch by batch on the work executor. */
    private final class Job {
        final ProcessAction action;
        final Selection selection;
        final AtomicBoolean cancelled = new AtomicBoolean();
        List<Pid> pids;
        int next, failed;
        String refusal;

        Job(ProcessAction action, Selection selection) {
            this.action = action;
            this.selection = selection;
        }

        void first() {
            try {
                pids = selection.pids();
            } catch (RuntimeException e) {
                pids = List.of();
                refusal = e.getMessage();
            }
            batch();
        }

        void batch() {
            if (cancelled.get()) {
                finish(true);
                return;
            }
            for (int end = Math.min(pids.size(), next + BATCH); next < end; next++) {
                try {
                    action.apply(node, pids.get(next));
                } catch (RuntimeException e) {    // gone already, or refused by a real node
                    failed++;
                    if (refusal == null) refusal = e.getMessage();
                }
            }
            progressHandoff.publish(new double[] {next, Math.max(1, pids.size())});
            if (next < pids.size()) work.execute(this::batch);
            else finish(false);
        }

        void finish(boolean stopped) {
            String done = String.format(Locale.ROOT, "%,d of %,d processes %s", next - failed, pids.size(), action.done());
            if (stopped) done = "Cancelled: " + done + "; the other " + String.format(Locale.ROOT, "%,d", pids.size() - next) + " untouched";
            if (failed > 0) done += String.format(Locale.ROOT, " (%,d refused: %s)", failed, refusal);
            String said = done + ".";
            fx.execute(() -> {
                status.set(said);
                busy.set(false);
                if (job == this) job = null;
            });
        }
    }

    public ObjectProperty<Selection> selectionProperty() { return selection; }
    public Selection selection() { return selection.get(); }
    public void select(Selection s) { selection.set(s == null ? Selection.NONE : s); }
    public StringProperty exitReasonProperty() { return exitReason; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** 0 to 1 while an action runs. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** What the last action did, or why it did not start. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** "12,345 processes selected", empty for none. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
}
