package beamscope.app.connect;

import beamscope.app.observe.Observed;
import beamscope.app.remote.Connection;
import beamscope.app.remote.LocalBeam;
import beamscope.app.remote.RemoteError;
import beamscope.app.remote.RemoteNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which node the window observes: the embedded one, or a real BEAM node (and which node of its cluster), with
 * the connect, start-a-local-node and back-to-embedded actions and the destructive-actions switch.
 *
 * <p>Threads: its state is the FX thread's (a same-thread executor in tests). Anything that touches the network
 * (attaching, listing the cluster, starting a node) runs on {@code background}; its result comes back through
 * {@code fx}. The window is switched by {@code screen}, which shows the new node's views and completes once the
 * previous views have stopped reading (then the previous node, if remote, is closed here).
 *
 * <p>Destructive actions (send, call, cast, exit, kill, link, suspend) start off for every connection, as in
 * Phoenix LiveDashboard; the switch turns them on for the current connection only.
 */
public final class NodeChoiceViewModel implements AutoCloseable {

    /** Shows a node's views; completes when the views of the node before have stopped. */
    public interface Screen extends Function<Observed, CompletableFuture<Void>> {}

    private Observed embedded;
    private final Screen screen;
    private final Executor fx;
    private final Executor background;
    private Connection connection;
    private Observed current;
    private final List<LocalBeam> started = new ArrayList<>();
    private Attempt attempt;

    private final ReadOnlyBooleanWrapper onEmbedded = new ReadOnlyBooleanWrapper(this, "onEmbedded", true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final BooleanProperty destructive = new SimpleBooleanProperty(this, "destructive");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final StringProperty nodeName = new SimpleStringProperty(this, "nodeName", "");
    private final StringProperty cookie = new SimpleStringProperty(this, "cookie", "");
    private final ObservableList<String> cluster = FXCollections.observableArrayList();
    private final StringProperty selectedNode = new SimpleStringProperty(this, "selectedNode");

    public NodeChoiceViewModel(Observed embedded, Screen screen, Executor fx, Executor background) {
        this.embedded = embedded;
        this.current = embedded;
        this.screen = screen;
        this.fx = fx;
        this.background = background;
        destructive.addListener((o, a, on) -> {
            if (connection != null) connection.allowDestructive(on);
        });
        selectedNode.addListener((o, a, name) -> select(name));
        timeline = new beamscope.app.timeline.TimelineViewModel(this, fx, background);
        timeline.record(embedded);
    }

    private final beamscope.app.timeline.TimelineViewModel timeline;

    /** The timeline: the embedded node's recording, and what the window shows of it. */
    public beamscope.app.timeline.TimelineViewModel timeline() { return timeline; }

    /** Shows a recording ({@link beamscope.app.timeline.RecordedNode}) in place of the node, detaching from a real one. */
    public void showRecording(Observed recording) {
        cancel();
        Connection before = connection;
        connection = null;
        destructive.set(false);
        cluster.clear();
        status.set("");
        show(recording, before);
        selectedNode.set(null);
    }

    /** The cookie field's first value: the first line of ~/.erlang.cookie, as erl reads it, or empty. */
    public static String defaultCookie() {
        try {
            return Connection.defaultCookie();
        } catch (RemoteError none) {
            return "";
        }
    }

    // ---------------------------------------------------------------- connecting

    /** One attempt to attach; {@link #cancel()} drops it (a connection that arrives late is closed). */
    private static final class Attempt {
        volatile boolean cancelled;
    }

    /**
     * Attaches to {@link #nodeNameProperty()} with {@link #cookieProperty()} (empty: ~/.erlang.cookie) off the FX
     * thread; on success the window shows the node, else {@link #errorProperty()} says why. Completes (on the
     * FX thread) with whether it attached.
     */
    public CompletableFuture<Boolean> connect() {
        String node = nodeName.get() == null ? "" : nodeName.get().strip();
        String secret = cookie.get() == null ? "" : cookie.get().strip();
        return attach("Connecting to " + node + "…", () -> Connection.attach(node, secret));
    }

    private interface Attacher {
        Connection attach();
    }

    private CompletableFuture<Boolean> attach(String doing, Attacher how) {
        cancel();
        Attempt a = attempt = new Attempt();
        busy.set(true);
        error.set("");
        status.set(doing);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(how::attach, background).whenComplete((c, e) -> fx.execute(() -> {
            if (a.cancelled) {
                if (c != null) background.execute(c::close);
                done.complete(false);
                return;
            }
            attempt = null;
            busy.set(false);
            if (e != null) {
                Throwable why = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                error.set(why.getMessage() == null ? why.toString() : why.getMessage());
                status.set("");
                done.complete(false);
                return;
            }
            adopt(c);
            done.complete(true);
        }));
        return done;
    }

    /** Drops the attempt under way, if any; the window stays on what it shows. */
    public void cancel() {
        Attempt a = attempt;
        if (a == null) return;
        a.cancelled = true;
        attempt = null;
        busy.set(false);
        status.set("");
        error.set("Cancelled.");
    }

    private void adopt(Connection c) {
        Connection before = connection;
        connection = c;
        destructive.set(false);
        c.allowDestructive(false);
        status.set("Attached to " + c.target() + " (destructive actions off)");
        show(RemoteNode.of(c), before);
        cluster.setAll(c.target());
        selectedNode.set(c.target());
        refreshCluster();
    }

    /** Lists the cluster again (off the FX thread): the attached node and every node it is connected to. */
    public void refreshCluster() {
        Connection c = connection;
        if (c == null) return;
        CompletableFuture.supplyAsync(c::cluster, background).whenComplete((nodes, e) -> fx.execute(() -> {
            if (e != null || c != connection) return;
            String keep = selectedNode.get();
            cluster.setAll(nodes);
            selectedNode.set(nodes.contains(keep) ? keep : c.target());
        }));
    }

    /** Shows another node of the attached cluster (same connection, same cookie). */
    private void select(String name) {
        if (name == null || connection == null || current == embedded || name.equals(current.nodeName())) return;
        show(new RemoteNode(connection, name), connection);
    }

    /**
     * The embedded node was replaced by a fresh one (Reset node, FX thread): "Back to the embedded node" goes to
     * {@code fresh} from now on, and if the old one was shown, {@code fresh} is the one shown.
     */
    public void replaceEmbedded(Observed fresh) {
        timeline.record(fresh);
        if (current == embedded) current = fresh;
        embedded = fresh;
        onEmbedded.set(current == embedded);
    }

    /** Switches the window to the embedded node and detaches. */
    public void backToEmbedded() {
        cancel();
        if (current == embedded) return;
        Connection before = connection;
        connection = null;
        destructive.set(false);
        cluster.clear();
        status.set("Back on the embedded node; detached");
        show(embedded, before);
        selectedNode.set(null);
    }

    /**
     * Shows {@code next}; once the previous views stopped, closes the previous remote node, and {@code oldConnection}
     * when it is no longer the current one.
     */
    private void show(Observed next, Connection oldConnection) {
        Observed before = current;
        current = next;
        onEmbedded.set(next == embedded);
        screen.apply(next).whenComplete((v, e) -> background.execute(() -> {
            if (before != embedded && before != next) before.close();
            if (oldConnection != null && oldConnection != connection) oldConnection.close();
        }));
    }

    /**
     * Starts a child under {@code supervisor} of the real node shown, off the FX thread: {@code spec} is a child
     * spec in Elixir syntax ({@code %{id: :w, start: {Mod, :start_link, []}}}), or for a simple_one_for_one
     * supervisor its extra arguments ({@code []}). Refused while destructive actions are off. {@link #statusProperty()}
     * says what happened; completes with the new pid, or null.
     */
    public CompletableFuture<beamscope.runtime.Pid> startChild(beamscope.runtime.Pid supervisor, String spec) {
        CompletableFuture<beamscope.runtime.Pid> done = new CompletableFuture<>();
        if (!(current instanceof RemoteNode remote) || supervisor == null) {
            status.set("Select a supervisor of a real node first.");
            done.complete(null);
            return done;
        }
        Object term;
        try {
            term = beamscope.runtime.Terms.parse(spec);
        } catch (RuntimeException bad) {
            status.set("Not a term: " + bad.getMessage());
            done.complete(null);
            return done;
        }
        CompletableFuture.supplyAsync(() -> remote.startChild(supervisor, term), background).whenComplete((pid, e) -> fx.execute(() -> {
            Throwable why = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            status.set(why == null ? "started " + pid + " under " + supervisor : why.getMessage());
            done.complete(why == null ? pid : null);
        }));
        return done;
    }

    // ---------------------------------------------------------------- a local node

    /** The programs that can run a local node here, Elixir's first (iex users can attach a shell to it). */
    public static List<LocalBeam.Shell> installedShells() {
        List<LocalBeam.Shell> out = new ArrayList<>();
        if (onPath("elixir")) out.add(LocalBeam.Shell.IEX);
        if (onPath("erl")) out.add(LocalBeam.Shell.ERL);
        return out;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    /**
     * Starts a node on this machine with a random name and cookie ({@link LocalBeam}), attaches to it and shows
     * it; {@link #statusProperty()} then says how to attach a shell to it. The node is stopped by {@link #close()}.
     */
    public CompletableFuture<Boolean> startLocal(LocalBeam.Shell shell) {
        LocalBeam[] beam = new LocalBeam[1];
        return attach("Starting a local " + (shell == LocalBeam.Shell.IEX ? "Elixir" : "Erlang") + " node…", () -> {
            beam[0] = LocalBeam.start(shell);
            synchronized (started) {
                started.add(beam[0]);
            }
            return beam[0].attach();
        }).thenApply(ok -> {
            if (ok) status.set(remsh(beam[0].node(), beam[0].cookie()));
            return ok;
        });
    }

    /** How to attach an IEx shell to a node. */
    static String remsh(String node, String cookie) {
        return "Started " + node + " with cookie " + cookie + ". Attach a shell: iex --sname me --remsh " + node
                + " --cookie " + cookie;
    }

    // ---------------------------------------------------------------- properties

    public Observed current() { return current; }
    public Connection connection() { return connection; }
    /** Whether the window shows the embedded node (then there is nothing to detach, no cluster, no switch). */
    public ReadOnlyBooleanProperty onEmbeddedProperty() { return onEmbedded.getReadOnlyProperty(); }
    /** An attach or a start under way. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** Why the last attempt failed, as the connection layer words it (wrong cookie, no epmd, node down…). */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /** Destructive actions on the current connection; off whenever a connection starts. */
    public BooleanProperty destructiveProperty() { return destructive; }
    public StringProperty nodeNameProperty() { return nodeName; }
    public StringProperty cookieProperty() { return cookie; }
    /** The attached node first, then the nodes it is connected to. */
    public ObservableList<String> cluster() { return cluster; }
    /** The cluster node the window shows; setting it switches the views. */
    public StringProperty selectedNodeProperty() { return selectedNode; }

    /** Detaches and stops the nodes it started. Call off the FX thread (stopping a node waits for it). */
    @Override
    public void close() {
        timeline.close();
        Observed c = current;
        if (c != embedded) c.close();
        if (connection != null) connection.close();
        synchronized (started) {
            for (LocalBeam b : started) b.close();
            started.clear();
        }
    }
}
