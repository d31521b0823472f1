package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.DynamicSupervisor;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.StartResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a lesson runs: the embedded node, the lesson's own top supervisor ({@code lesson_<id>}, a
 * DynamicSupervisor its processes start under, so the tree shows them together), an inbox standing in
 * for the IEx shell, the transcript, and the processes a step is about (highlighted in the tree).
 *
 * <p>{@link #close()} takes the lesson's processes away again: the top supervisor and everything under
 * it, and every process the lesson spawned outside it. It is the one place that would become the
 * window's full node reset.
 */
public final class Stage implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Node node;
    private final Pid top;
    private final String topName;
    private final Inbox iex;
    private final Consumer<String> transcript;
    private final Set<Pid> spawned = ConcurrentHashMap.newKeySet();
    private volatile Set<Pid> highlighted = Set.of();

    private Stage(Node node, Pid top, String topName, Inbox iex, Consumer<String> transcript) {
        this.node = node;
        this.top = top;
        this.topName = topName;
        this.iex = iex;
        this.transcript = transcript;
    }

    /** Starts the lesson's top supervisor on {@code node}; blocks until it is up. */
    public static Stage open(Node node, String lessonId, Consumer<String> transcript) {
        String name = "lesson_" + lessonId.replace('-', '_');
        if (node.whereis(name).isPresent()) name += "_" + RUNS.incrementAndGet();
        StartResult r = DynamicSupervisor.start(node, 3, 5, DynamicSupervisor.INFINITY, StartOptions.named(name));
        if (!(r instanceof StartResult.Ok(Pid pid))) throw new IllegalStateException("lesson did not start: " + r);
        return new Stage(node, pid, name, node.inbox("iex"), transcript);
    }

    public Node node() {
        return node;
    }

    /** The lesson's top supervisor. */
    public Pid top() {
        return top;
    }

    /** The shell's mailbox: replies, EXIT and DOWN messages for the shell come here. */
    public Inbox iex() {
        return iex;
    }

    /** Prints a transcript line. */
    public void say(String line) {
        transcript.accept(line);
    }

    /** Prints a shell input line ({@code iex> …}). */
    public void typed(String elixir) {
        transcript.accept("iex> " + elixir);
    }

    /** The process the tree centres on when the lesson has started (the top supervisor unless set). */
    public void focus(Pid pid) {
        focus = pid;
    }

    public Pid focus() {
        return focus == null ? top : focus;
    }

    private volatile Pid focus;

    /** The processes the current step is about, for the tree to highlight. */
    public void highlight(Pid... pids) {
        highlighted = Set.of(pids);
    }

    public Set<Pid> highlighted() {
        return highlighted;
    }

    /** Starts a child under the lesson's top supervisor (temporary: the lesson decides what restarts). */
    public Pid startChild(ChildSpec spec) {
        StartResult r = DynamicSupervisor.startChild(node, top, spec.restart() == Restart.PERMANENT
                ? spec.withRestart(Restart.TEMPORARY) : spec);
        if (!(r instanceof StartResult.Ok(Pid pid))) throw new IllegalStateException("child did not start: " + r);
        return pid;
    }

    /**
     * Starts a plain process under the lesson's top supervisor. A DynamicSupervisor's children have no ids of
     * their own, so {@code id} becomes the process's initial call, which the tree shows as its name.
     */
    public Pid startProcess(Object id, Behavior behavior) {
        String label = id instanceof Atom a ? a.name() : String.valueOf(id);
        return startChild(ChildSpec.worker(id, (ctx, then) -> then.apply(StartResult.ok(
                ctx.spawnLink(behavior, beamscope.runtime.SpawnOptions.defaults().withInitialCall(label))))));
    }

    /** Spawns a process on the node outside the lesson's tree (as the shell does); it is killed on close. */
    public Pid spawn(Behavior behavior) {
        Pid pid = node.spawn(behavior);
        spawned.add(pid);
        return pid;
    }

    /** Remembers a process the lesson started some other way, so that close kills it. */
    public Pid track(Pid pid) {
        spawned.add(pid);
        return pid;
    }

    /** The next shell message that {@code matcher} accepts, waiting up to {@code timeout}. */
    public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        return iex.receive(matcher, timeout);
    }

    /**
     * Ends the lesson: its whole tree and every process it spawned go away, and the call returns once they
     * are gone (or after a few seconds), so the next lesson finds their names free. Safe to call twice.
     */
    @Override
    public void close() {
        highlighted = Set.of();
        try {
            takeDown();
        } catch (IllegalStateException e) {
            if (!node.isClosed()) throw e;   // a closed node (the window is going) took everything already
        }
    }

    private void takeDown() {
        List<Pid> gone = new java.util.ArrayList<>(spawned);
        gone.add(top);
        gone.add(iex.pid());
        for (Pid p : spawned) if (node.isAlive(p)) node.exit(p, Atom.KILL);
        spawned.clear();
        if (node.isAlive(top)) {
            try {
                DynamicSupervisor.stop(node, top);      // children terminated in order, as on the BEAM
            } catch (RuntimeException e) {
                if (node.isAlive(top)) node.exit(top, Atom.KILL);
            }
        }
        iex.close();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (gone.stream().anyMatch(node::isAlive) && System.nanoTime() - deadline < 0)
            java.util.concurrent.locks.LockSupport.parkNanos(LessonRun.POLL.toNanos());
    }

    /** How long {@link #close()} waits for the lesson's processes to be gone. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** The registered name of the top supervisor ({@code lesson_bank_supervised}). */
    public String topName() {
        return topName;
    }

    /** An exit reason as a shell prints it; a raised Java exception as Elixir prints an exception struct (a plain
     * RuntimeException, what a lesson throws for {@code raise "…"}, as {@code %RuntimeError{}}). */
    public static String reason(Object reason) {
        if (reason instanceof Tuple2(Throwable t, List<?> stack))
            return "{%" + (t.getClass() == RuntimeException.class ? "RuntimeError" : t.getClass().getSimpleName()) + "{message: " + Terms.inspect(String.valueOf(t.getMessage()))
                    + "}, [" + (stack.isEmpty() ? "" : "…") + "]}";
        if (reason instanceof Tuple2(Object r, List<?> stack) && !(r instanceof Throwable))
            return "{" + Terms.inspect(r) + ", [" + (stack.isEmpty() ? "" : "…") + "]}";
        return Terms.inspect(reason);
    }

    /** The tag of what a lesson process prints: its {@code IO.puts(text)} is {@code send(shell, {:io, text})}. */
    public static final Atom IO = Atom.of("io");

    /** {@code IO.puts} inside a lesson process: the line goes to the shell, which prints it in the transcript. */
    public static void puts(beamscope.runtime.ProcessContext ctx, Pid shell, String text) {
        ctx.send(shell, Tuple.of(IO, text));
    }

    /** The next line a lesson process printed, waiting up to {@code timeout}. */
    public Optional<String> printed(Duration timeout) {
        return iex.receive(tagged(IO), timeout).map(m -> (String) ((Tuple2) m).e1());
    }

    /** {@code {tag, value}} messages from lesson processes to the shell. */
    public static Predicate<Object> tagged(Atom tag) {
        return m -> Tuple.isTagged(m, tag);
    }
}
