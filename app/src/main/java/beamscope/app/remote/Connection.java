package beamscope.app.remote;

import com.ericsson.otp.erlang.OtpAuthException;
import com.ericsson.otp.erlang.OtpEpmd;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangExit;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangTuple;
import com.ericsson.otp.erlang.OtpMbox;
import com.ericsson.otp.erlang.OtpNode;
import com.ericsson.otp.erlang.OtpNodeStatus;
import com.ericsson.otp.erlang.OtpPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A connection from Beamscope to a real BEAM node (and, through it, its cluster) over Erlang distribution,
 * with JInterface. Beamscope joins as a hidden node named {@code beamscope_<random>@host}; it loads nothing
 * onto the target: every read is an {@code rpc} of a stock OTP function through the node's {@code rex}
 * server, and the few calls that could block on a busy process run inside the target's own
 * {@code rpc:call/5} with a timeout, so nothing is left waiting there.
 *
 * <p>States: {@link State#CONNECTED}; {@link State#RECONNECTING} after the attached node went away (a
 * background thread retries until it answers again, then the state goes back to connected; the node may
 * have restarted, with a new creation: its pids then get a new index in the {@link PidTable}); {@link
 * State#DOWN} once {@link #close()}d.
 *
 * <p>Destructive actions (send, exit, kill, start a child) are refused with {@link
 * RemoteError.Kind#DESTRUCTIVE_OFF} until {@link #allowDestructive(boolean)} switches them on.
 *
 * <p>Thread-safe. Every call may block for at most its timeout; call from a background thread.
 */
public final class Connection implements AutoCloseable {

    public enum State { CONNECTED, RECONNECTING, DOWN }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_EVERY = Duration.ofMillis(250);
    private static final Duration PING_ROUND = Duration.ofMillis(200);
    private static final OtpErlangAtom NODE_LOST = new OtpErlangAtom("beamscope_node_lost");

    private final OtpNode self;
    private final String target;
    private final PidTable pids = new PidTable();
    private final TermCodec codec = new TermCodec(pids);
    private final Map<String, BeamNode> nodes = new ConcurrentHashMap<>();
    /** Mailboxes waiting for an rpc reply, by node: told when their node goes away. */
    private final Map<OtpMbox, String> waiting = new ConcurrentHashMap<>();
    private final Set<String> up = ConcurrentHashMap.newKeySet();
    private final Map<String, Exception> failedAttempts = new ConcurrentHashMap<>();
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    /** Sends the node-lost notes to waiting mailboxes; links to the scheduler_wall_time keepers. */
    private final OtpMbox keeper;
    private final Object lock = new Object();
    private final Thread reconnector;
    private volatile State state = State.CONNECTED;
    private volatile RemoteError lastError;
    private volatile boolean destructive;
    private volatile boolean closed;

    private Connection(OtpNode self, String target) {
        this.self = self;
        this.target = target;
        this.keeper = self.createMbox();
        this.reconnector = new Thread(this::reconnectLoop, "beamscope-reconnect " + target);
        reconnector.setDaemon(true);
    }

    // ---------------------------------------------------------------- attaching

    /** {@link #attach(String, String, Duration)} with the default timeout. */
    public static Connection attach(String node, String cookie) {
        return attach(node, cookie, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to {@code node} ({@code name@host}, or {@code name} for this host as {@code erl -sname}
     * names it) with {@code cookie} (null or blank: the first line of {@code ~/.erlang.cookie}, as erl reads
     * it). Fails with a {@link RemoteError} of kind BAD_NAME, NO_EPMD, NOT_RUNNING, WRONG_COOKIE, REFUSED or
     * TIMEOUT whose message says what to do.
     */
    public static Connection attach(String node, String cookie, Duration timeout) {
        String target = qualify(node);
        String secret = cookie == null || cookie.isBlank() ? defaultCookie() : cookie;
        probeEpmd(target);
        OtpNode self = startSelf(target, secret);
        Connection c = new Connection(self, target);
        self.registerStatusHandler(c.new Status());
        try {
            c.connect(target, timeout);
        } catch (RuntimeException e) {
            self.close();
            throw e;
        }
        c.up.add(target);
        try {
            // the attached node's incarnation takes index 0, so its pids print as in its own shell
            if (c.rpc(target, timeout, "erlang", "whereis", new OtpErlangAtom("init")) instanceof com.ericsson.otp.erlang.OtpErlangPid init) {
                c.pids.toPid(init);
            }
        } catch (RuntimeException e) {
            self.close();
            throw e;
        }
        c.reconnector.start();
        return c;
    }

    /** {@code name} becomes {@code name@<this host's short name>}, as with {@code erl -sname name}. */
    public static String qualify(String node) {
        if (node == null || node.isBlank() || node.startsWith("@") || node.endsWith("@") || node.chars().filter(ch -> ch == '@').count() > 1) {
            throw new RemoteError(RemoteError.Kind.BAD_NAME, "'" + node + "' is not a node name: give name@host, or name for this host");
        }
        return node.contains("@") ? node : node + "@" + shortHostName();
    }

    static String shortHostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot < 0 ? h : h.substring(0, dot);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The first line of ~/.erlang.cookie, as erl reads it. */
    public static String defaultCookie() {
        Path file = Path.of(System.getProperty("user.home"), ".erlang.cookie");
        try {
            List<String> lines = Files.readAllLines(file);
            if (!lines.isEmpty() && !lines.get(0).isBlank()) return lines.get(0).strip();
        } catch (IOException absent) {
            // below
        }
        throw new RemoteError(RemoteError.Kind.WRONG_COOKIE, "No cookie given and " + file
                + " does not exist or is empty: pass the node's cookie (-Dcookie=..., as set with erl -setcookie)");
    }

    private static void probeEpmd(String target) {
        String host = target.substring(target.indexOf('@') + 1);
        String name = target.substring(0, target.indexOf('@'));
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new RemoteError(RemoteError.Kind.BAD_NAME, "Unknown host '" + host + "' in node name " + target, e);
        }
        int port;
        try {
            port = OtpEpmd.lookupPort(new OtpPeer(target));
        } catch (IOException e) {
            throw new RemoteError(RemoteError.Kind.NO_EPMD, "No epmd answers on " + host + " (port 4369), so no Erlang"
                    + " node runs there: start the node (e.g. erl -sname " + name + "), or check the host name", e);
        }
        if (port > 0) return;
        List<String> running = new ArrayList<>();
        try {
            for (String line : OtpEpmd.lookupNames(address)) {
                for (String l : line.split("\n")) {
                    if (l.startsWith("name ")) running.add(l.substring(5, l.indexOf(" at port") < 0 ? l.length() : l.indexOf(" at port")));
                }
            }
        } catch (IOException ignored) {
            // the list is only a hint
        }
        throw new RemoteError(RemoteError.Kind.NOT_RUNNING, "Node " + target + " is down: epmd on " + host
                + " knows no node named '" + name + "'" + (running.isEmpty() ? "" : " (running there: " + String.join(", ", running) + ")"));
    }

    private static OtpNode startSelf(String target, String cookie) {
        String host = target.substring(target.indexOf('@') + 1);
        String ownHost = host.contains(".") ? canonicalHostName() : shortHostName();
        String name = "beamscope_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + "@" + ownHost;
        try {
            return new OtpNode(name, cookie);
        } catch (IOException e) {
            throw new RemoteError(RemoteError.Kind.NO_EPMD, "No epmd on this machine to register Beamscope's own node "
                    + name + " (" + e.getMessage() + "): start one with `epmd -daemon` (it comes with Erlang)", e);
        }
    }

    private static String canonicalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** One connection attempt; throws with the reason when it fails. */
    private void connect(String node, Duration timeout) {
        failedAttempts.remove(node);
        // ping in short rounds: a failed handshake is reported to connAttempt at once, but ping itself would
        // wait its whole timeout for the answer that will never come
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception why;
        do {
            long left = Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (self.ping(node, Math.min(left, PING_ROUND.toMillis()))) return;
            why = failedAttempts.remove(node);
        } while (why == null && System.nanoTime() < deadline);
        if (why instanceof OtpAuthException) {
            throw new RemoteError(RemoteError.Kind.WRONG_COOKIE, "Node " + node + " refused the cookie: give the cookie"
                    + " it was started with (erl -setcookie, or the first line of its ~/.erlang.cookie) with -Dcookie=...", why);
        }
        if (why != null) {
            probeEpmd(node); // went down in between: say so
            throw new RemoteError(RemoteError.Kind.REFUSED, "Could not connect to " + node + ": " + why.getMessage()
                    + " (an Erlang/OTP older than 23, or a JInterface older than the node, cannot connect)", why);
        }
        throw new RemoteError(RemoteError.Kind.TIMEOUT, "Node " + node + " did not answer a ping within " + timeout.toMillis() + " ms");
    }

    private final class Status extends OtpNodeStatus {
        @Override
        public void remoteStatus(String node, boolean isUp, Object info) {
            if (isUp) {
                up.add(node);
                return;
            }
            up.remove(node);
            BeamNode n = nodes.get(node);
            if (n != null) n.lost();
            waiting.forEach((mbox, of) -> {
                if (of.equals(node)) keeper.send(mbox.self(), new OtpErlangTuple(new OtpErlangObject[] {NODE_LOST, new OtpErlangAtom(node)}));
            });
            if (node.equals(target) && !closed) {
                lastError = new RemoteError(RemoteError.Kind.NODE_DOWN, "Lost the connection to " + node
                        + (info instanceof Exception e && e.getMessage() != null ? " (" + e.getMessage() + ")" : "") + "; reconnecting");
                setState(State.RECONNECTING);
            }
        }

        @Override
        public void connAttempt(String node, boolean incoming, Object info) {
            if (!incoming && info instanceof Exception e) failedAttempts.put(node, e);
        }
    }

    private void reconnectLoop() {
        while (!closed) {
            synchronized (lock) {
                while (!closed && state == State.CONNECTED) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (closed) return;
            try {
                probeEpmd(target);
                connect(target, RETRY_EVERY.multipliedBy(4));
                up.add(target);
                setState(State.CONNECTED);
            } catch (RemoteError e) {
                lastError = e;
                synchronized (lock) {
                    try {
                        lock.wait(RETRY_EVERY.toMillis()); // back-off between attempts; close() wakes it
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    private void setState(State s) {
        synchronized (lock) {
            if (state == s || (state == State.DOWN)) return;
            state = s;
            lock.notifyAll();
        }
        for (Consumer<State> l : listeners) l.accept(s);
    }

    // ---------------------------------------------------------------- reading

    /** The node attached to, {@code name@host}. */
    public String target() {
        return target;
    }

    public State state() {
        return state;
    }

    /** Why the connection was lost, or why the last reconnect attempt failed; null while all went well. */
    public RemoteError lastError() {
        return state == State.CONNECTED ? null : lastError;
    }

    /** Called on the thread that changed the state; keep it short. */
    public void onStateChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    /**
     * Waits until the state is {@code wanted} or the timeout passes; returns whether it is.
     */
    public boolean awaitState(State wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (state != wanted) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    public PidTable pids() {
        return pids;
    }

    public TermCodec codec() {
        return codec;
    }

    /** The attached node. */
    public BeamNode node() {
        return node(target);
    }

    /**
     * A node of the cluster (one of {@link #cluster()}), connected to directly with the same cookie.
     */
    public BeamNode node(String name) {
        String full = qualify(name);
        return nodes.computeIfAbsent(full, n -> new BeamNode(this, n));
    }

    /** The attached node first, then every node it is connected to ({@code nodes()}), sorted. */
    public List<String> cluster() {
        List<String> out = new ArrayList<>();
        out.add(target);
        OtpErlangObject others = rpc(target, DEFAULT_TIMEOUT, "erlang", "nodes");
        List<String> rest = new ArrayList<>();
        for (OtpErlangObject o : (OtpErlangList) others) rest.add(((OtpErlangAtom) o).atomValue());
        rest.sort(null);
        out.addAll(rest);
        return out;
    }

    // ---------------------------------------------------------------- destructive actions

    /** Switches send, exit, kill and start-child on or off (off when attached). */
    public void allowDestructive(boolean on) {
        destructive = on;
    }

    public boolean destructiveAllowed() {
        return destructive;
    }

    void checkDestructive(String what) {
        if (!destructive) {
            throw new RemoteError(RemoteError.Kind.DESTRUCTIVE_OFF, "Refused to " + what + " on a real node: destructive"
                    + " actions are off; switch them on first (Connection.allowDestructive(true))");
        }
    }

    OtpMbox newMbox() {
        return self.createMbox();
    }

    void closeMbox(OtpMbox mbox) {
        self.closeMbox(mbox);
    }

    /** A fresh reference of Beamscope's own node (a call's tag). */
    com.ericsson.otp.erlang.OtpErlangRef newRef() {
        return self.createRef();
    }

    OtpMbox keeper() {
        return keeper;
    }

    // ---------------------------------------------------------------- rpc

    /**
     * {@code rpc:call(Node, M, F, Args)} through the node's {@code rex} server: the call runs in a fresh process
     * there. Throws NODE_DOWN when the node is or goes away, TIMEOUT when no answer comes in time (the call
     * may still run there: wrap blocking calls with {@link #rpcBounded}), BADRPC when it raised.
     */
    public OtpErlangObject rpc(String node, Duration timeout, String module, String function, OtpErlangObject... args) {
        ensureUp(node);
        OtpMbox mbox = self.createMbox();
        waiting.put(mbox, node);
        try {
            if (!up.contains(node)) throw nodeDown(node);
            OtpErlangObject call = new OtpErlangTuple(new OtpErlangObject[] {new OtpErlangAtom("call"), new OtpErlangAtom(module),
                    new OtpErlangAtom(function), new OtpErlangList(args), new OtpErlangAtom("user")});
            mbox.send("rex", node, new OtpErlangTuple(new OtpErlangObject[] {mbox.self(), call}));
            OtpErlangObject reply = mbox.receive(timeout.toMillis());
            if (reply == null) {
                throw new RemoteError(RemoteError.Kind.TIMEOUT, module + ":" + function + " on " + node + " did not answer within "
                        + timeout.toMillis() + " ms");
            }
            OtpErlangTuple t = (OtpErlangTuple) reply;
            if (t.elementAt(0).equals(NODE_LOST)) throw nodeDown(node);
            OtpErlangObject result = t.elementAt(1);
            if (result instanceof OtpErlangTuple r && r.arity() == 2 && r.elementAt(0).equals(new OtpErlangAtom("badrpc"))) {
                if (r.elementAt(1).equals(new OtpErlangAtom("nodedown"))) throw nodeDown(node);
                if (r.elementAt(1).equals(new OtpErlangAtom("timeout"))) {
                    throw new RemoteError(RemoteError.Kind.TIMEOUT, module + ":" + function + " timed out on " + node);
                }
                throw new RemoteError(RemoteError.Kind.BADRPC, module + ":" + function + " failed on " + node + ": " + r.elementAt(1));
            }
            return result;
        } catch (OtpErlangExit | OtpErlangDecodeException e) {
            throw new RemoteError(RemoteError.Kind.BADRPC, "bad reply to " + module + ":" + function + " from " + node + ": " + e, e);
        } finally {
            waiting.remove(mbox);
            self.closeMbox(mbox);
        }
    }

    /**
     * As {@link #rpc}, but the call runs inside the target's {@code rpc:call(node(), M, F, Args, Timeout)}: if
     * it blocks (a busy supervisor, a process that never answers) it is killed there after {@code timeout}.
     */
    public OtpErlangObject rpcBounded(String node, Duration timeout, String module, String function, OtpErlangObject... args) {
        return rpc(node, timeout.plus(Duration.ofSeconds(2)), "rpc", "call", new OtpErlangAtom(node), new OtpErlangAtom(module),
                new OtpErlangAtom(function), new OtpErlangList(args), new OtpErlangLong(timeout.toMillis()));
    }

    private void ensureUp(String node) {
        if (closed) throw new RemoteError(RemoteError.Kind.NODE_DOWN, "The connection to " + target + " is closed");
        if (up.contains(node)) return;
        if (node.equals(target) && state != State.CONNECTED) throw nodeDown(node);
        connect(node, DEFAULT_TIMEOUT);
        up.add(node);
    }

    private RemoteError nodeDown(String node) {
        RemoteError last = node.equals(target) ? lastError : null;
        return new RemoteError(RemoteError.Kind.NODE_DOWN, "Node " + node + " is down"
                + (last != null && last.kind() != RemoteError.Kind.NODE_DOWN ? " (" + last.getMessage() + ")" : "")
                + (node.equals(target) && !closed ? "; reconnecting" : ""));
    }

    /** Stops the reconnect thread, lets every node drop what it set up (scheduler_wall_time), disconnects. */
    @Override
    public void close() {
        if (closed) return;
        for (BeamNode n : nodes.values()) n.release();
        synchronized (lock) {
            closed = true;
            state = State.DOWN;
            lock.notifyAll();
        }
        for (Consumer<State> l : listeners) l.accept(State.DOWN);
        self.close();
    }
}
