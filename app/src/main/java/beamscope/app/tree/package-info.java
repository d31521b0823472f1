/**
 * The supervision tree view: every process of a node drawn left to right under its supervisor (or
 * the process that spawned it), with status, mailbox depth, restart counts, and animated crashes and
 * restarts.
 *
 * <p>The window embeds it with its own sampler, which reads the node only through the observation
 * interface ({@code beamscope.app.observe.Observed}). Build frames off the FX thread and hand them over:
 * {@code TreeFrame f = TreeFrame.from(nodeName, processes, supervisors, tree.shape(), tree.watched(), tree.phantoms());}
 * ({@code supervisors}: {@code SupervisorInfo.of(SupervisorView)} per supervisor)
 * then {@code Platform.runLater(() -> tree.apply(f))} (coalesced), and call the sampler again when
 * {@link beamscope.app.tree.TreeViewModel#setOnShapeChange} fires (the user folded or paged).
 *
 * <p>Types: {@link beamscope.app.tree.TreeFrame} (immutable, laid out), {@link beamscope.app.tree.TreeItem}
 * (one box), {@link beamscope.app.tree.TreeChanges} (deaths, restarts, reactions between frames),
 * {@link beamscope.app.tree.TreeGeometry} (positions and hit-testing), {@link beamscope.app.tree.TreeCanvas}
 * (drawing), {@link beamscope.app.tree.SupervisorInfo}
 * (what the OTP layer tells about supervisors). Tests and screenshots drive it straight from a node with
 * {@code TreeSource} (test sources).
 */
package beamscope.app.tree;
