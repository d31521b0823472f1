/**
 * The supervision tree view: every process of a node drawn left to right under its supervisor (or
 * the process that spawned it), with status, mailbox depth, restart counts, and animated crashes and
 * restarts.
 *
 * <p>Embedding, standalone:
 * <pre>{@code
 * ObjectProperty<Pid> selection = new SimpleObjectProperty<>();          // shared with the other views
 * TreeViewModel tree = new TreeViewModel(selection);
 * tree.setOnNodeContextMenu((pid, screenX, screenY) -> menu.show(pid, screenX, screenY));
 * TreeSource source = new TreeSource(node, tree);                        // or the app's own sampler
 * Parent view = SupervisionTreeView.load(tree);
 * }</pre>
 * Through the app's observation interface instead of a {@code Node}:
 * {@code new TreeSource(new TreeInputs(name, observed::processes, observed::supervisor, observed::exitReason,
 * observed::subscribe), tree)}.
 * With the app's own sampler, build frames off the FX thread and hand them over:
 * {@code TreeFrame f = TreeFrame.from(nodeName, processes, supervisors, tree.shape(), tree.watched(), tree.phantoms());}
 * ({@code supervisors}: {@code OtpProbe.info(SupervisorView)} per supervisor)
 * then {@code Platform.runLater(() -> tree.apply(f))} (coalesced), and call the sampler again when
 * {@link beamscope.app.tree.TreeViewModel#setOnShapeChange} fires (the user folded or paged).
 *
 * <p>Types: {@link beamscope.app.tree.TreeFrame} (immutable, laid out), {@link beamscope.app.tree.TreeItem}
 * (one box), {@link beamscope.app.tree.TreeChanges} (deaths, restarts, reactions between frames),
 * {@link beamscope.app.tree.TreeGeometry} (positions and hit-testing), {@link beamscope.app.tree.TreeCanvas}
 * (drawing), {@link beamscope.app.tree.SupervisorInfo} and {@link beamscope.app.tree.SupervisorProbe}
 * (what the OTP layer tells about supervisors).
 */
package beamscope.app.tree;
