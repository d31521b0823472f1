/**
 * The schedulers view: one lane per scheduler with the process running now, its run queue per
 * priority and a utilisation sparkline; node totals with rates; pause, single-step, resume and slow
 * motion.
 *
 * <p>The window embeds it with its own sampler: {@code SchedulerFrame f = SchedulerFrame.from(snapshot, forEachProcess)}
 * off the FX thread, then {@code schedulers.apply(f)} on it; the controls go through the observed node's
 * {@code EmbeddedControls} ({@code SchedulerControls.of(e::pauseSchedulers, e::stepSlice, e::resumeSchedulers,
 * e::slowMotion)}), or are null for a node that has none (the view hides them). Tests and screenshots
 * drive it straight from a node with {@code SchedulerSource} (test sources).
 */
package beamscope.app.schedulers;
