package beamscope.app.remote;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.Restart;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangExit;
import com.ericsson.otp.erlang.OtpErlangDecodeException;
import com.ericsson.otp.erlang.OtpErlangExternalFun;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangRangeException;
import com.ericsson.otp.erlang.OtpErlangString;
import com.ericsson.otp.erlang.OtpErlangTuple;
import com.ericsson.otp.erlang.OtpMbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One real node of a {@link Connection}'s cluster, read and acted on with stock OTP calls only, answering
 * the questions the views ask of the embedded node: the process table, {@code process_info}, a server's
 * state, supervisors and applications, and the schedulers.
 *
 * <p>Pids given to it may belong to any node of the connection: each call runs on the pid's own node.
 * Reads never stop the node: the process table comes in chunks of {@link #CHUNK} (as observer's backend
 * reads it), a mailbox is copied only when it is short ({@link #PEEK_COPY_LIMIT}), and calls to processes
 * that may not answer carry a timeout that ends them on the node too.
 */
public final class BeamNode {

    /** Processes read per {@code process_info} round trip. */
    public static final int CHUNK = 10_000;
    /** A mailbox longer than this is not copied ({@code process_info(P, messages)} copies all of it). */
    public static final int PEEK_COPY_LIMIT = 1_000;
    /** How long a process (a server, a supervisor) may take to answer a call. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** The longest read: {@code erlang:processes()} of a node with millions of processes. */
    public static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_DEPTH = 64;

    private static final OtpErlangAtom UNDEFINED = new OtpErlangAtom("undefined");
    private static final OtpErlangList TABLE_ITEMS = atoms("registered_name", "initial_call", "status", "priority",
            "reductions", "message_queue_len", "memory");
    private static final OtpErlangObject PROC_LIB_INIT = new OtpErlangTuple(new OtpErlangObject[] {
            new OtpErlangAtom("proc_lib"), new OtpErlangAtom("init_p"), new OtpErlangLong(5)});
    private static final OtpErlangList INFO_ITEMS = atoms("status", "message_queue_len", "reductions", "priority",
            "trap_exit", "links", "monitors", "monitored_by", "registered_name", "initial_call", "current_function", "memory",
            "dictionary");
    private static final String WALL_TIME_KEEPER =
            "erlang:system_flag(scheduler_wall_time, true), Notify ! {beamscope_wall_time_on, self()}, receive stop -> ok end.";

    private final Connection connection;
    private final String name;
    private final TermCodec codec;
    private final PidTable pids;
    /** The process on the node that keeps scheduler_wall_time on while we are attached (it is linked to us). */
    private volatile OtpErlangPid wallTimeKeeper;
    private volatile boolean wallTimeWasOn;
    private volatile int otpRelease;

    BeamNode(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
        this.codec = connection.codec();
        this.pids = connection.pids();
    }

    /** {@code name@host}. */
    public String name() {
        return name;
    }

    public Connection connection() {
        return connection;
    }

    /** The node went away: what we set up there died with it. */
    void lost() {
        wallTimeKeeper = null;
        otpRelease = 0;
    }

    /** Ends what we set up on the node (the wall-time keeper, so the flag goes back to what it was). */
    void release() {
        OtpErlangPid keeper = wallTimeKeeper;
        wallTimeKeeper = null;
        if (keeper != null) {
            connection.keeper().unlink(keeper);
            connection.keeper().send(keeper, new OtpErlangAtom("stop"));
        }
    }

    /** The node's Erlang/OTP major release, e.g. 25. */
    public int otpRelease() {
        int r = otpRelease;
        if (r == 0) {
            r = Integer.parseInt(text(rpc(Connection.DEFAULT_TIMEOUT, "erlang", "system_info", new OtpErlangAtom("otp_release"))));
            otpRelease = r;
        }
        return r;
    }

    // ---------------------------------------------------------------- processes

    /** {@code erlang:system_info(process_count)}. */
    public int processCount() {
        return intOf(rpc(Connection.DEFAULT_TIMEOUT, "erlang", "system_info", new OtpErlangAtom("process_count")));
    }

    /**
     * One row per live process, as observer's backend reads them: {@code erlang:processes()}, then
     * {@code process_info} for {@link #CHUNK} pids per round trip, each chunk handed to {@code visitor}
     * before the next is asked for. A process that exited in between is skipped. {@code scheduler} is -1 (a
     * BEAM process has no fixed scheduler); {@code parent} is known from OTP 25 on.
     */
    public void forEachProcess(Consumer<ProcessSummary> visitor) {
        forEachChunk(chunk -> chunk.forEach(visitor));
    }

    /** As {@link #forEachProcess}, a chunk (at most {@link #CHUNK} rows) at a time, as each arrives. */
    public void forEachChunk(Consumer<List<ProcessSummary>> visitor) {
        OtpErlangList all = list(rpc(LIST_TIMEOUT, "erlang", "processes"));
        OtpErlangObject[] every = all.elements();
        boolean parent = otpRelease() >= 25;
        OtpErlangList items = parent ? append(TABLE_ITEMS, new OtpErlangAtom("parent")) : TABLE_ITEMS;
        for (int from = 0; from < every.length; from += CHUNK) {
            OtpErlangObject[] chunk = Arrays.copyOfRange(every, from, Math.min(every.length, from + CHUNK));
            OtpErlangObject[] repeated = new OtpErlangObject[chunk.length];
            Arrays.fill(repeated, items);
            OtpErlangList infos = list(rpc(LIST_TIMEOUT, "lists", "zipwith",
                    new OtpErlangExternalFun("erlang", "process_info", 2), new OtpErlangList(chunk), new OtpErlangList(repeated)));
            // a process started by proc_lib shows the call its '$initial_call' names, as observer shows it
            List<OtpErlangObject> procLib = new ArrayList<>();
            for (int i = 0; i < chunk.length; i++) {
                if (infos.elementAt(i) instanceof OtpErlangList l && PROC_LIB_INIT.equals(items(l).get("initial_call"))) procLib.add(chunk[i]);
            }
            Map<OtpErlangObject, OtpErlangObject> translated = new java.util.HashMap<>();
            if (!procLib.isEmpty()) {
                OtpErlangList calls = list(rpc(LIST_TIMEOUT, "lists", "map",
                        new OtpErlangExternalFun("proc_lib", "translate_initial_call", 1), new OtpErlangList(procLib.toArray(OtpErlangObject[]::new))));
                for (int i = 0; i < procLib.size(); i++) translated.put(procLib.get(i), calls.elementAt(i));
            }
            List<ProcessSummary> rows = new ArrayList<>(chunk.length);
            for (int i = 0; i < chunk.length; i++) {
                OtpErlangObject info = infos.elementAt(i);
                if (!(info instanceof OtpErlangList l)) continue; // exited since processes()
                Map<String, OtpErlangObject> f = items(l);
                rows.add(new ProcessSummary(
                        pids.toPid((OtpErlangPid) chunk[i]),
                        registeredName(f.get("registered_name")).orElse(null),
                        mfa(translated.getOrDefault(chunk[i], f.get("initial_call"))),
                        status(f.get("status")),
                        priority(f.get("priority")),
                        longOf(f.get("reductions")),
                        intOf(f.get("message_queue_len")),
                        longOf(f.get("memory")),
                        -1,
                        f.get("parent") instanceof OtpErlangPid p ? pids.toPid(p) : null));
            }
            visitor.accept(rows);
        }
    }

    public List<ProcessSummary> processes() {
        List<ProcessSummary> out = new ArrayList<>();
        forEachProcess(out::add);
        return out;
    }

    /**
     * {@code process_info} of one process with at most {@code messageLimit} of its queued messages, oldest
     * first. The mailbox is copied only when it holds at most {@link #PEEK_COPY_LIMIT} messages (the BEAM can
     * only copy all of it); a longer one shows its length and no messages. {@code scheduler} is -1.
     */
    public Optional<ProcessInfo> info(Pid pid, int messageLimit) {
        String node = pids.nodeOf(pid);
        OtpErlangPid p = pids.toOtp(pid);
        boolean parent = otpRelease() >= 25;
        OtpErlangList items = parent ? append(INFO_ITEMS, new OtpErlangAtom("parent")) : INFO_ITEMS;
        OtpErlangObject r = connection.rpc(node, Connection.DEFAULT_TIMEOUT, "erlang", "process_info", p, items);
        if (!(r instanceof OtpErlangList l)) return Optional.empty();
        Map<String, OtpErlangObject> f = items(l);
        int queue = intOf(f.get("message_queue_len"));
        List<Object> messages = List.of();
        if (messageLimit > 0 && queue > 0 && queue <= PEEK_COPY_LIMIT) {
            OtpErlangObject m = connection.rpc(node, Connection.DEFAULT_TIMEOUT, "erlang", "process_info", p, new OtpErlangAtom("messages"));
            if (m instanceof OtpErlangTuple t) {
                OtpErlangList all = list(t.elementAt(1));
                List<Object> first = new ArrayList<>();
                for (int i = 0; i < Math.min(messageLimit, all.arity()); i++) first.add(codec.fromOtp(all.elementAt(i)));
                messages = Collections.unmodifiableList(first);
            }
        }
        OtpErlangObject initial = PROC_LIB_INIT.equals(f.get("initial_call"))
                ? connection.rpc(node, Connection.DEFAULT_TIMEOUT, "proc_lib", "translate_initial_call", p) : f.get("initial_call");
        Map<Object, Object> dictionary = new LinkedHashMap<>();
        for (OtpErlangObject kv : list(f.get("dictionary"))) {
            OtpErlangTuple t = (OtpErlangTuple) kv;
            dictionary.put(codec.fromOtp(t.elementAt(0)), codec.fromOtp(t.elementAt(1)));
        }
        Object ancestors = dictionary.get(Atom.of("$ancestors"));
        return Optional.of(new ProcessInfo(
                pid,
                status(f.get("status")),
                queue,
                messages,
                longOf(f.get("reductions")),
                priority(f.get("priority")),
                f.get("trap_exit").equals(new OtpErlangAtom("true")),
                pidsIn(f.get("links")),
                monitors(f.get("monitors")),
                pidsIn(f.get("monitored_by")),
                registeredName(f.get("registered_name")),
                mfa(initial),
                mfa(f.get("current_function")),
                f.get("parent") instanceof OtpErlangPid pp ? Optional.of(pids.toPid(pp)) : Optional.empty(),
                ancestors instanceof List<?> a ? List.copyOf(a) : List.of(),
                -1,
                longOf(f.get("memory")),
                Collections.unmodifiableMap(dictionary)));
    }

    /**
     * {@code sys:get_state(Pid, Timeout)} for a process started with proc_lib (a gen_server, gen_statem,
     * supervisor, Agent, Task…); empty for any other process, which is never sent the system message (it
     * would stay in its mailbox), or when it does not answer within {@link #CALL_TIMEOUT}.
     */
    public Optional<Object> state(Pid pid) {
        String node = pids.nodeOf(pid);
        OtpErlangPid p = pids.toOtp(pid);
        if (!isProcLib(node, p)) return Optional.empty();
        try {
            return Optional.of(codec.fromOtp(connection.rpc(node, CALL_TIMEOUT.plusSeconds(2), "sys", "get_state", p,
                    new OtpErlangLong(CALL_TIMEOUT.toMillis()))));
        } catch (RemoteError e) {
            if (e.kind() == RemoteError.Kind.BADRPC || e.kind() == RemoteError.Kind.TIMEOUT) return Optional.empty();
            throw e;
        }
    }

    /** The state in inspect syntax, cut at 2000 characters. */
    public Optional<String> serverState(Pid pid) {
        return state(pid).map(s -> Terms.inspect(s).length() > 2000 ? Terms.inspect(s).substring(0, 2000) + "..." : Terms.inspect(s));
    }

    /**
     * {@code erlang:whereis(Name)} on this node. An Elixir alias may be given as the rows show it ({@code BsDyn}
     * for the atom {@code Elixir.BsDyn}).
     */
    public Optional<Pid> whereis(String registered) {
        OtpErlangObject r = rpc(Connection.DEFAULT_TIMEOUT, "erlang", "whereis", new OtpErlangAtom(registered));
        if (!(r instanceof OtpErlangPid) && !registered.isEmpty() && Character.isUpperCase(registered.charAt(0))
                && !registered.startsWith("Elixir.")) {
            r = rpc(Connection.DEFAULT_TIMEOUT, "erlang", "whereis", new OtpErlangAtom("Elixir." + registered));
        }
        return r instanceof OtpErlangPid p ? Optional.of(pids.toPid(p)) : Optional.empty();
    }

    // ---------------------------------------------------------------- supervision

    /**
     * A supervisor and its direct children (in start order, except under a dynamic supervisor, which keeps
     * none); empty when {@code pid} is not a supervisor (an Erlang
     * {@code supervisor} or an Elixir {@code DynamicSupervisor}, told by its initial call) or is gone.
     * Nothing else is ever asked for children.
     */
    public Optional<Supervision.Supervisor> supervisor(Pid pid) {
        return read(pid, 1);
    }

    /** As {@link #supervisor}, with every supervisor below read too. */
    public Optional<Supervision.Supervisor> supervisionTree(Pid pid) {
        return read(pid, MAX_DEPTH);
    }

    private Optional<Supervision.Supervisor> read(Pid pid, int depth) {
        String node = pids.nodeOf(pid);
        OtpErlangPid p = pids.toOtp(pid);
        OtpErlangObject initial = connection.rpc(node, Connection.DEFAULT_TIMEOUT, "proc_lib", "translate_initial_call", p);
        Kind kind = kindOf(initial);
        if (kind == Kind.OTHER) return Optional.empty();
        OtpErlangObject children;
        try {
            children = connection.rpcBounded(node, CALL_TIMEOUT, "supervisor", "which_children", p);
        } catch (RemoteError e) {
            if (e.kind() == RemoteError.Kind.BADRPC) return Optional.empty(); // exited in between
            throw e;
        }
        String module = ((OtpErlangAtom) ((OtpErlangTuple) initial).elementAt(1)).atomValue();
        String strategy = "unknown";
        int intensity = -1, period = -1;
        boolean dynamic = false;
        Object state;
        try {
            state = codec.fromOtp(connection.rpc(node, CALL_TIMEOUT.plusSeconds(2), "sys", "get_state", p, new OtpErlangLong(CALL_TIMEOUT.toMillis())));
        } catch (RemoteError e) {
            if (e.kind() != RemoteError.Kind.BADRPC && e.kind() != RemoteError.Kind.TIMEOUT) throw e;
            state = null;
        }
        // supervisor's #state{name, strategy, children, dynamics, intensity, period, ...} (OTP 21+)
        if (state instanceof beamscope.runtime.Tuple t && t.size() > 6 && Atom.of("state").equals(t.get(0))
                && t.get(2) instanceof Atom s && t.get(5) instanceof Long i && t.get(6) instanceof Long per) {
            strategy = s.name();
            intensity = i.intValue();
            period = per.intValue();
            dynamic = strategy.equals("simple_one_for_one");
        } else if (isDynamicSupervisor(state) && ((Map<?, ?>) state).get(Atom.of("strategy")) instanceof Atom s) {
            Map<?, ?> m = (Map<?, ?>) state;
            dynamic = true;
            strategy = s.name();
            if (m.get(Atom.of("max_restarts")) instanceof Long i) intensity = i.intValue();
            if (m.get(Atom.of("max_seconds")) instanceof Long per) period = per.intValue();
        }
        Map<Object, Restart> restarts = restartTypes(state);
        List<Supervision.Child> out = new ArrayList<>();
        OtpErlangObject[] listed = list(children).elements();
        if (!dynamic) Collections.reverse(Arrays.asList(listed)); // which_children lists the last started first
        for (OtpErlangObject o : listed) {
            OtpErlangTuple c = (OtpErlangTuple) o; // {Id, Child | restarting | undefined, Type, Modules}
            Optional<Pid> childPid = c.elementAt(1) instanceof OtpErlangPid cp ? Optional.of(pids.toPid(cp)) : Optional.empty();
            ChildType type = ((OtpErlangAtom) c.elementAt(2)).atomValue().equals("supervisor") ? ChildType.SUPERVISOR : ChildType.WORKER;
            Optional<Supervision.Supervisor> sub = depth > 1 && type == ChildType.SUPERVISOR && childPid.isPresent()
                    ? read(childPid.get(), depth - 1) : Optional.empty();
            Object id = codec.fromOtp(c.elementAt(0));
            Restart restart = dynamic ? restarts.get(childPid.isPresent() && restarts.containsKey(childPid.get()) ? childPid.get() : TEMPLATE)
                    : restarts.get(id);
            out.add(new Supervision.Child(id, childPid,
                    childPid.isPresent() ? Atom.of("running") : (Atom) codec.fromOtp(c.elementAt(1)), type,
                    codec.fromOtp(c.elementAt(3)), sub, Optional.ofNullable(restart)));
        }
        OtpErlangObject reg = connection.rpc(node, Connection.DEFAULT_TIMEOUT, "erlang", "process_info", p, new OtpErlangAtom("registered_name"));
        Optional<String> regName = reg instanceof OtpErlangTuple rt ? registeredName(rt.elementAt(1)) : Optional.empty();
        return Optional.of(new Supervision.Supervisor(pid, regName, module, strategy, intensity, period, dynamic, List.copyOf(out)));
    }

    /** The key under which {@link #restartTypes} puts a simple_one_for_one supervisor's one child spec. */
    private static final Object TEMPLATE = new Object();

    /**
     * The restart type of each child, from the supervisor's state: an Erlang supervisor's
     * {@code #state.children = {Ids, #{Id => #child{}}}} (restart_type is the record's fifth element, from
     * OTP 21 on), by id, its one spec under {@link #TEMPLATE} for simple_one_for_one; an Elixir
     * DynamicSupervisor's {@code children} map, by pid. Empty when the state could not be read.
     */
    private static Map<Object, Restart> restartTypes(Object state) {
        Map<Object, Restart> out = new java.util.HashMap<>();
        if (state instanceof beamscope.runtime.Tuple t && t.size() > 3 && t.get(3) instanceof beamscope.runtime.Tuple ch
                && ch.size() == 2 && ch.get(1) instanceof Map<?, ?> db) {
            boolean simple = t.get(2) instanceof Atom s && s.name().equals("simple_one_for_one");
            for (Object child : db.values()) {
                if (child instanceof beamscope.runtime.Tuple c && c.size() > 4 && c.get(4) instanceof Atom r) {
                    restart(r).ifPresent(x -> out.put(simple ? TEMPLATE : c.get(2), x));
                }
            }
        } else if (isDynamicSupervisor(state) && ((Map<?, ?>) state).get(Atom.of("children")) instanceof Map<?, ?> children) {
            children.forEach((pid, spec) -> {
                if (spec instanceof beamscope.runtime.Tuple c && c.size() > 1 && c.get(1) instanceof Atom r) restart(r).ifPresent(x -> out.put(pid, x));
            });
        }
        return out;
    }

    private static Optional<Restart> restart(Atom a) {
        return switch (a.name()) {
            case "permanent" -> Optional.of(Restart.PERMANENT);
            case "transient" -> Optional.of(Restart.TRANSIENT);
            case "temporary" -> Optional.of(Restart.TEMPORARY);
            default -> Optional.empty();
        };
    }

    private enum Kind { SUPERVISOR, OTHER }

    /**
     * From {@code proc_lib:translate_initial_call/1}: {@code {supervisor, Mod, 1}}. Elixir's DynamicSupervisor
     * puts the same there (for observer's sake); its state tells it apart ({@link #isDynamicSupervisor}).
     */
    private static Kind kindOf(OtpErlangObject initialCall) {
        if (!(initialCall instanceof OtpErlangTuple t) || t.arity() != 3) return Kind.OTHER;
        return t.elementAt(0).equals(new OtpErlangAtom("supervisor")) ? Kind.SUPERVISOR : Kind.OTHER;
    }

    private static boolean isDynamicSupervisor(Object state) {
        return state instanceof Map<?, ?> m && Atom.of("Elixir.DynamicSupervisor").equals(m.get(Atom.of("__struct__")));
    }

    private boolean isProcLib(String node, OtpErlangPid p) {
        OtpErlangObject r = connection.rpc(node, Connection.DEFAULT_TIMEOUT, "erlang", "process_info", p, new OtpErlangAtom("initial_call"));
        return r instanceof OtpErlangTuple t && t.elementAt(1) instanceof OtpErlangTuple mfa
                && mfa.elementAt(0).equals(new OtpErlangAtom("proc_lib")) && mfa.elementAt(1).equals(new OtpErlangAtom("init_p"));
    }

    /**
     * Every running application ({@code application:which_applications/1}) with its supervision tree: the
     * application master ({@code application_controller:get_master/1}) and its top supervisor
     * ({@code application_master:get_child/1}), read down with {@code supervisor:which_children/1}.
     */
    public List<Supervision.Application> applications() {
        OtpErlangList apps = list(rpc(Connection.DEFAULT_TIMEOUT, "application", "which_applications",
                new OtpErlangLong(CALL_TIMEOUT.toMillis())));
        List<Supervision.Application> out = new ArrayList<>();
        for (OtpErlangObject o : apps) {
            OtpErlangTuple t = (OtpErlangTuple) o;
            OtpErlangAtom app = (OtpErlangAtom) t.elementAt(0);
            OtpErlangObject master = rpc(Connection.DEFAULT_TIMEOUT, "application_controller", "get_master", app);
            Optional<Pid> masterPid = master instanceof OtpErlangPid m ? Optional.of(pids.toPid(m)) : Optional.empty();
            Optional<Supervision.Supervisor> tree = Optional.empty();
            if (master instanceof OtpErlangPid m) {
                OtpErlangObject child = connection.rpcBounded(name, CALL_TIMEOUT, "application_master", "get_child", m);
                if (child instanceof OtpErlangTuple c && c.elementAt(0) instanceof OtpErlangPid top) {
                    tree = supervisionTree(pids.toPid(top));
                }
            }
            out.add(new Supervision.Application(Atom.of(app.atomValue()), text(t.elementAt(1)), text(t.elementAt(2)), masterPid, tree));
        }
        return out;
    }

    // ---------------------------------------------------------------- schedulers

    /**
     * Run queues and cumulative wall times of the schedulers. The first call switches
     * {@code scheduler_wall_time} on through a small process it spawns on the node (with stock erl_eval)
     * and links to: the flag is reference-counted per process by the BEAM, so it stays on while that process
     * lives and falls back to what it was when it ends ({@link Connection#close()}, or the link breaking if
     * Beamscope dies).
     */
    public SchedulerSample schedulers() {
        if (wallTimeKeeper == null) startWallTimeKeeper();
        OtpErlangList queues = list(rpc(Connection.DEFAULT_TIMEOUT, "erlang", "statistics", new OtpErlangAtom("run_queue_lengths_all")));
        OtpErlangObject wall = rpc(Connection.DEFAULT_TIMEOUT, "erlang", "statistics", new OtpErlangAtom("scheduler_wall_time"));
        long now = System.nanoTime();
        int normal = queues.arity() - 2; // then the dirty CPU and dirty IO queues
        Map<Integer, long[]> times = new LinkedHashMap<>();
        if (wall instanceof OtpErlangList w) {
            for (OtpErlangObject o : w) {
                OtpErlangTuple t = (OtpErlangTuple) o;
                times.put(intOf(t.elementAt(0)), new long[] {longOf(t.elementAt(1)), longOf(t.elementAt(2))});
            }
        }
        List<SchedulerSample.Load> loads = new ArrayList<>();
        for (int i = 0; i < normal; i++) {
            long[] at = times.getOrDefault(i + 1, new long[2]);
            loads.add(new SchedulerSample.Load(i + 1, intOf(queues.elementAt(i)), at[0], at[1]));
        }
        int dirty = intOf(queues.elementAt(normal)) + intOf(queues.elementAt(normal + 1));
        return new SchedulerSample(now, List.copyOf(loads), dirty, wall instanceof OtpErlangList);
    }

    /** Whether {@code scheduler_wall_time} was already on before Beamscope switched it on. */
    public boolean wallTimeWasOn() {
        return wallTimeWasOn;
    }

    /**
     * Spawns a process on this node that evaluates {@code exprs} (Erlang source, ending with a full stop) with
     * stock {@code erl_eval}, nothing loaded, with {@code bindings} bound; it is linked to the connection's
     * keeper, so it dies when Beamscope detaches or dies. Returns its pid.
     */
    OtpErlangPid spawnEval(String exprs, Map<String, OtpErlangObject> bindings) {
        OtpErlangTuple scanned = (OtpErlangTuple) rpc(Connection.DEFAULT_TIMEOUT, "erl_scan", "string", new OtpErlangString(exprs));
        OtpErlangTuple parsed = (OtpErlangTuple) rpc(Connection.DEFAULT_TIMEOUT, "erl_parse", "parse_exprs", scanned.elementAt(1));
        OtpErlangObject bound = rpc(Connection.DEFAULT_TIMEOUT, "erl_eval", "new_bindings");
        for (Map.Entry<String, OtpErlangObject> b : bindings.entrySet()) {
            bound = rpc(Connection.DEFAULT_TIMEOUT, "erl_eval", "add_binding", new OtpErlangAtom(b.getKey()), b.getValue(), bound);
        }
        OtpErlangPid pid = (OtpErlangPid) rpc(Connection.DEFAULT_TIMEOUT, "erlang", "spawn", new OtpErlangAtom("erl_eval"),
                new OtpErlangAtom("exprs"), new OtpErlangList(new OtpErlangObject[] {parsed.elementAt(1), bound}));
        try {
            connection.keeper().link(pid);
        } catch (OtpErlangExit gone) {
            throw new RemoteError(RemoteError.Kind.BADRPC, "the process spawned on " + name + " ended at once: " + gone.reason(), gone);
        }
        return pid;
    }

    private synchronized void startWallTimeKeeper() {
        if (wallTimeKeeper != null) return;
        wallTimeWasOn = rpc(Connection.DEFAULT_TIMEOUT, "erlang", "statistics", new OtpErlangAtom("scheduler_wall_time")) instanceof OtpErlangList;
        OtpMbox reply = connection.newMbox();
        try {
            OtpErlangPid keeper = spawnEval(WALL_TIME_KEEPER, Map.of("Notify", reply.self()));
            OtpErlangObject on = reply.receive(Connection.DEFAULT_TIMEOUT.toMillis());
            if (on == null) throw new RemoteError(RemoteError.Kind.TIMEOUT, "scheduler_wall_time was not switched on in " + name);
            wallTimeKeeper = keeper;
        } catch (OtpErlangExit | OtpErlangDecodeException e) {
            throw new RemoteError(RemoteError.Kind.BADRPC, "could not switch scheduler_wall_time on in " + name + ": " + e, e);
        } finally {
            connection.closeMbox(reply);
        }
    }

    // ---------------------------------------------------------------- destructive actions

    /** Sends {@code message} to {@code to} (from Beamscope's own hidden node). Needs destructive actions on. */
    public void send(Pid to, Object message) {
        connection.checkDestructive("send a message");
        connection.keeper().send(pids.toOtp(to), codec.toOtp(message));
    }

    /** Sends to a registered name on this node. Needs destructive actions on. */
    public void send(String registered, Object message) {
        connection.checkDestructive("send a message");
        connection.keeper().send(registered, name, codec.toOtp(message));
    }

    /** {@code erlang:exit(Pid, Reason)}, run on the pid's node. Needs destructive actions on. */
    public void exit(Pid pid, Object reason) {
        connection.checkDestructive("exit " + pid);
        connection.rpc(pids.nodeOf(pid), Connection.DEFAULT_TIMEOUT, "erlang", "exit", pids.toOtp(pid), codec.toOtp(reason));
    }

    /** {@code exit(Pid, kill)}: untrappable. Needs destructive actions on. */
    public void kill(Pid pid) {
        exit(pid, Atom.KILL);
    }

    /**
     * Starts a child under a DynamicSupervisor ({@code DynamicSupervisor.start_child/2}) or an Erlang
     * supervisor ({@code supervisor:start_child/2}; for simple_one_for_one the spec is the extra argument
     * list). {@code childSpec} is a term, e.g. {@code %{id: :w, start: {:m, :start_link, []}}}; its start
     * function must exist on the node (Beamscope loads nothing). Needs destructive actions on.
     */
    public Pid startChild(Pid supervisor, Object childSpec) {
        connection.checkDestructive("start a child under " + supervisor);
        String node = pids.nodeOf(supervisor);
        OtpErlangPid sup = pids.toOtp(supervisor);
        Kind kind = kindOf(connection.rpc(node, Connection.DEFAULT_TIMEOUT, "proc_lib", "translate_initial_call", sup));
        if (kind == Kind.OTHER) throw new IllegalArgumentException(supervisor + " is not a supervisor");
        boolean dynamic = isDynamicSupervisor(codec.fromOtp(connection.rpc(node, CALL_TIMEOUT.plusSeconds(2), "sys", "get_state", sup,
                new OtpErlangLong(CALL_TIMEOUT.toMillis()))));
        OtpErlangObject r = connection.rpcBounded(node, CALL_TIMEOUT, dynamic ? "Elixir.DynamicSupervisor" : "supervisor",
                "start_child", sup, codec.toOtp(childSpec));
        if (r instanceof OtpErlangTuple t && t.elementAt(0).equals(new OtpErlangAtom("ok")) && t.elementAt(1) instanceof OtpErlangPid p) {
            return pids.toPid(p);
        }
        throw new RemoteError(RemoteError.Kind.BADRPC, "start_child under " + supervisor + " failed: " + Terms.inspect(codec.fromOtp(r)));
    }

    // ---------------------------------------------------------------- decoding

    private OtpErlangObject rpc(Duration timeout, String module, String function, OtpErlangObject... args) {
        return connection.rpc(name, timeout, module, function, args);
    }

    private static OtpErlangList atoms(String... names) {
        OtpErlangObject[] a = new OtpErlangObject[names.length];
        for (int i = 0; i < a.length; i++) a[i] = new OtpErlangAtom(names[i]);
        return new OtpErlangList(a);
    }

    private static OtpErlangList append(OtpErlangList list, OtpErlangObject last) {
        OtpErlangObject[] a = Arrays.copyOf(list.elements(), list.arity() + 1);
        a[list.arity()] = last;
        return new OtpErlangList(a);
    }

    private static Map<String, OtpErlangObject> items(OtpErlangList info) {
        Map<String, OtpErlangObject> m = new LinkedHashMap<>();
        for (OtpErlangObject o : info) {
            OtpErlangTuple t = (OtpErlangTuple) o;
            m.put(((OtpErlangAtom) t.elementAt(0)).atomValue(), t.elementAt(1));
        }
        return m;
    }

    private static Optional<String> registeredName(OtpErlangObject o) {
        return o instanceof OtpErlangAtom a ? Optional.of(shortName(a.atomValue())) : Optional.empty();
    }

    private static String shortName(String atom) {
        return atom.startsWith("Elixir.") ? atom.substring(7) : atom;
    }

    /** {@code {M, F, A}} as Elixir prints it: {@code :gen_server.init_it/6}, {@code MyApp.Worker.init/1}. */
    static String mfa(OtpErlangObject o) {
        if (!(o instanceof OtpErlangTuple t) || t.arity() != 3) return String.valueOf(o);
        String m = ((OtpErlangAtom) t.elementAt(0)).atomValue();
        String f = ((OtpErlangAtom) t.elementAt(1)).atomValue();
        OtpErlangObject a = t.elementAt(2);
        int arity = a instanceof OtpErlangList l ? l.arity() : intOf(a);
        return (m.startsWith("Elixir.") ? m.substring(7) : ":" + m) + "." + f + "/" + arity;
    }

    private static ProcessStatus status(OtpErlangObject o) {
        return switch (((OtpErlangAtom) o).atomValue()) {
            case "running", "garbage_collecting" -> ProcessStatus.RUNNING;
            case "runnable" -> ProcessStatus.RUNNABLE;
            case "exiting" -> ProcessStatus.EXITING;
            case "suspended" -> ProcessStatus.SUSPENDED;
            default -> ProcessStatus.WAITING;
        };
    }

    private static Priority priority(OtpErlangObject o) {
        return Priority.valueOf(((OtpErlangAtom) o).atomValue().toUpperCase(java.util.Locale.ROOT));
    }

    private List<Pid> pidsIn(OtpErlangObject o) {
        List<Pid> out = new ArrayList<>();
        for (OtpErlangObject e : list(o)) if (e instanceof OtpErlangPid p) out.add(pids.toPid(p));
        return List.copyOf(out);
    }

    /** {@code [{process, Pid} | {process, {Name, Node}} | {port, _}]} as pids and {name, node} tuples. */
    private List<Object> monitors(OtpErlangObject o) {
        List<Object> out = new ArrayList<>();
        if (o instanceof OtpErlangList l) {
            for (OtpErlangObject e : l) {
                if (e instanceof OtpErlangTuple t && t.elementAt(0).equals(new OtpErlangAtom("process"))) out.add(codec.fromOtp(t.elementAt(1)));
            }
        }
        return List.copyOf(out);
    }

    /** A list; a list of small integers arrives as an {@link OtpErlangString} (Erlang's STRING_EXT). */
    static OtpErlangList list(OtpErlangObject o) {
        return switch (o) {
            case OtpErlangList l -> l;
            case OtpErlangString s -> new OtpErlangList(s.stringValue());
            default -> throw new RemoteError(RemoteError.Kind.BADRPC, "expected a list, got " + o);
        };
    }

    static int intOf(OtpErlangObject o) {
        try {
            return ((OtpErlangLong) o).intValue();
        } catch (OtpErlangRangeException e) {
            return Integer.MAX_VALUE;
        }
    }

    static long longOf(OtpErlangObject o) {
        OtpErlangLong l = (OtpErlangLong) o;
        return l.isLong() ? l.longValue() : Long.MAX_VALUE;
    }

    /** A charlist, a binary or an atom as text. */
    static String text(OtpErlangObject o) {
        return switch (o) {
            case OtpErlangString s -> s.stringValue();
            case OtpErlangBinary b -> new String(b.binaryValue(), StandardCharsets.UTF_8);
            case OtpErlangAtom a -> a.atomValue();
            case OtpErlangList l -> {
                StringBuilder sb = new StringBuilder();
                for (OtpErlangObject e : l) if (e instanceof OtpErlangLong c) sb.appendCodePoint(intOf(c));
                yield sb.toString();
            }
            default -> String.valueOf(o);
        };
    }
}
