package beamscope.elixir;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * An Elixir console on a node, like IEx: {@link #eval} runs one chunk of input (a whole module and its usage
 * lines at once, if pasted so) in the shell's own long-lived process, so {@code self()} is the same process
 * between chunks and its mailbox holds what it received ({@code flush()} prints and empties it). Variables
 * bound at a chunk's top level are kept for the next chunks.
 *
 * <p>{@link #eval} never waits: it returns a future that completes, on a scheduler thread, with what IEx
 * would print (the result's {@code inspect}, or the error report). A UI calls it from the FX thread and
 * hands the result back through its coalescing hand-off. Chunks run one after another in order. Unlike IEx,
 * an uncaught error does not replace the shell process: the error is reported and the same process waits
 * for the next chunk.
 */
public final class Shell implements AutoCloseable {
    /** The shell's node, held here (its Elixir holds it only weakly). */
    private final beamscope.runtime.Node node;

    /** One result: what to print, and whether it was an error. */
    public record Result(String text, boolean error) {}

    private record Chunk(String source, CompletableFuture<Result> done) {}

    /** The request the shell process waits for; other messages stay in its mailbox for user code. */
    private record Eval(Chunk chunk) {}

    private final Elixir elixir;
    private final PrintStream out;
    private volatile Pid pid;
    private final Pid watcher;
    private volatile boolean closed;
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>(); // guarded by this
    private boolean running;                                    // guarded by this
    private Chunk current;                                      // guarded by this: sent, not finished
    // touched only by the shell process (inside its handlers):
    private Map<String, Object> variables = new TreeMap<>();

    public Shell(Elixir elixir, PrintStream out) {
        this.node = elixir.node();
        this.elixir = elixir;
        this.out = out;
        this.pid = node.spawn(idle(), SpawnOptions.defaults().withInitialCall("IEx.Evaluator.init/4"));
        this.watcher = node.spawn(watch(), SpawnOptions.defaults().withInitialCall("IEx.Server.run/1"));
        node.monitor(watcher, pid);
    }

    /**
     * The IEx server's part: when the shell process dies (a linked process crashed, or it was killed), the
     * chunk it was running ends with IEx's message and a new shell process takes its place; variables stay.
     */
    private Behavior watch() {
        return Behaviors.receive("IEx.Server.loop/1", (ctx, msg) -> {
            if (!(msg instanceof beamscope.runtime.Tuple t && t.size() == 5 && t.get(0) == beamscope.runtime.Atom.DOWN)) {
                return Behaviors.same();
            }
            if (closed) return Behaviors.stop();
            Object dead = t.get(3);
            Pid fresh = ctx.spawn(idle(), SpawnOptions.defaults().withInitialCall("IEx.Evaluator.init/4"));
            ctx.monitor(fresh);
            pid = fresh;
            Chunk c;
            synchronized (this) {
                c = current;
                current = null;
            }
            Object reason = t.get(4);
            // The first monitor is set from outside (node.monitor), so the shell may have died before it took
            // hold: the DOWN then says :noproc, and the node still knows the real reason.
            if (reason == NOPROC && dead instanceof Pid d) reason = ctx.node().exitReason(d).orElse(reason);
            String text = "** (EXIT from " + Format.inspect(dead) + ") shell process exited with reason: " + Format.exitText(reason);
            if (c != null) {
                c.done().complete(new Result(text, true));
                next();
            } else {
                out.println(text);
            }
            return Behaviors.same();
        });
    }

    private static final beamscope.runtime.Atom NOPROC = beamscope.runtime.Atom.of("noproc");

    /** The shell process: {@code self()} in the console. */
    public Pid pid() {
        return pid;
    }

    /** Evaluates one chunk of input; completes with the text to print. Never blocks. */
    public CompletableFuture<Result> eval(String source) {
        Chunk c = new Chunk(source, new CompletableFuture<>());
        boolean sendNow;
        synchronized (this) {
            sendNow = !running;
            if (sendNow) {
                running = true;
                current = c;
            } else {
                queue.add(c);
            }
        }
        if (sendNow) node.send(pid, new Eval(c));
        return c.done();
    }

    private void next() {
        Chunk c;
        synchronized (this) {
            c = queue.poll();
            current = c;
            if (c == null) running = false;
        }
        if (c != null) node.send(pid, new Eval(c));
    }

    private Behavior idle() {
        return Behaviors.receive("IEx.Evaluator.loop/1", (ctx, msg) -> msg instanceof Eval e ? start(e.chunk()) : Behaviors.unhandled());
    }

    private Behavior start(Chunk c) {
        Object quoted;
        Map<String, Integer> slots = new HashMap<>();
        List<String> names = new ArrayList<>(variables.keySet());
        Object[] values = new Object[names.size()];
        for (int i = 0; i < names.size(); i++) {
            slots.put(names.get(i), i);
            values[i] = variables.get(names.get(i));
        }
        Fn fn;
        try {
            quoted = Parsing.parse(c.source(), "iex");
            fn = new Compiler(elixir, "iex").script(quoted, slots);
        } catch (CompileError e) {
            return finish(c, new Result(e.report(), true));
        } catch (RuntimeException e) {
            return finish(c, new Result(Parsing.report(e, c.source()), true));
        }
        Machine m = Machine.withSlots(elixir, out, fn, values);
        m.then = result -> {
            Map<String, Object> kept = new TreeMap<>();
            for (var e : slots.entrySet()) kept.put(e.getKey(), m.lastSlots[e.getValue()]);
            variables = kept;
            return finish(c, new Result(Pretty.format(result, 0, false), false));
        };
        m.orElse = error -> finish(c, new Result(error.uncaughtBanner(), true));
        return m.behavior();
    }

    private Behavior finish(Chunk c, Result r) {
        synchronized (this) {
            if (current != c) return idle(); // already ended by the watcher
        }
        c.done().complete(r);
        next();
        return idle();
    }

    /** Ends the shell process. */
    @Override
    public void close() {
        closed = true;
        if (!node.isClosed()) {
            node.exit(watcher, beamscope.runtime.Atom.KILL);
            node.exit(pid, beamscope.runtime.Atom.KILL);
        }
    }
}
