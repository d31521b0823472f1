/**
 * The schedulers view: one lane per scheduler with the process running now, its run queue per
 * priority and a utilisation sparkline; node totals with rates; pause, single-step, resume and slow
 * motion.
 *
 * <p>Embedding, standalone:
 * <pre>{@code
 * SchedulerViewModel schedulers = new SchedulerViewModel(SchedulerControls.of(node), selection);
 * SchedulerSource source = new SchedulerSource(node, schedulers);        // or the app's own sampler
 * Parent view = SchedulersView.load(schedulers);
 * }</pre>
 * Through the app's observation interface: {@code SchedulerControls.of(o::pauseSchedulers, o::stepSlice,
 * o::resumeSchedulers, o::slowMotion)} and {@code new SchedulerSource(o::snapshot, o::forEachProcess, schedulers, period)}.
 * With the app's own sampler: {@code SchedulerFrame f = SchedulerFrame.from(node.snapshot(), node::forEachProcess)}
 * off the FX thread, then {@code schedulers.apply(f)} on it; route the controls through any
 * {@link beamscope.app.schedulers.SchedulerControls} implementation.
 */
package beamscope.app.schedulers;
