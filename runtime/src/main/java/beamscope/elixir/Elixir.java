package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Inbox;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Elixir on a Beamscope node: compiles Elixir source and runs it as the node's processes. One instance per
 * node holds the node's module table ({@link #on(Node)}).
 *
 * <pre>{@code
 * int status = Elixir.on(node).runScript(source, "counter.exs", System.out, System.err);
 * }</pre>
 *
 * Every process the code spawns is a real process of the node; each function call costs one reduction.
 */
public final class Elixir {
    static final Atom INFINITY = Atom.of("infinity");
    private static final Map<Node, Elixir> INSTANCES = new WeakHashMap<>();

    /**
     * Held weakly: {@link #INSTANCES} is a WeakHashMap whose values must not keep their keys alive, or every
     * node that ever ran Elixir (a console, a script, a lesson's trial) would stay in memory with its module
     * table after it closed. Whoever uses this Elixir holds the node.
     */
    private final java.lang.ref.WeakReference<Node> nodeRef;
    private final Map<Atom, ElixirModule> modules = new ConcurrentHashMap<>();
    private final Map<String, Boolean> preludeKernel = new ConcurrentHashMap<>();
    private volatile PrintStream err = System.err;
    private volatile List<Object> argv = List.of();
    private volatile boolean jit = Jit.ENABLED;

    private Elixir(Node node) {
        this.nodeRef = new java.lang.ref.WeakReference<>(node);
        loadPrelude();
    }

    /** The node this Elixir runs on. */
    Node node() {
        Node n = nodeRef.get();
        if (n == null) throw new IllegalStateException("the node of this Elixir is gone");
        return n;
    }

    /** The Elixir of this node (its module table), made on first use. */
    public static synchronized Elixir on(Node node) {
        return INSTANCES.computeIfAbsent(node, Elixir::new);
    }

    /** Whether modules defined from now on may have functions compiled to JVM bytecode (see {@link Jit}). */
    void jit(boolean on) {
        jit = on;
    }

    boolean jit() {
        return jit;
    }

    // ---------------------------------------------------------------- scripts

    /**
     * Runs a script as {@code elixir FILE.exs} does: its top level runs in a new process; returns when that
     * process has ended, with 0, or 1 after printing the error report to {@code err}. Processes the script
     * spawned keep running on the node.
     */
    public int runScript(String source, String file, PrintStream out, PrintStream err) {
        Object quoted;
        try {
            quoted = Parsing.parse(source, file);
        } catch (RuntimeException e) {
            err.println(Parsing.report(e, source));
            return 1;
        }
        return runQuoted(quoted, file, out, err);
    }

    /**
     * {@code elixir FILE.exs} on a fresh embedded node: runs the file, closes the node, returns the exit
     * status. A relative {@code file} is resolved against {@code baseDir} when one is given (the folder the
     * user started from), else against the working directory.
     */
    public static int runFile(String file, String baseDir, PrintStream out, PrintStream err) {
        java.nio.file.Path path = java.nio.file.Path.of(file);
        if (!path.isAbsolute() && baseDir != null && !baseDir.isBlank()) path = java.nio.file.Path.of(baseDir).resolve(path);
        String source;
        try {
            source = java.nio.file.Files.readString(path);
        } catch (IOException e) {
            err.println("** (File.Error) could not read file \"" + path + "\": " + e.getMessage());
            return 1;
        }
        try (Node node = Node.start()) {
            return on(node).runScript(source, file, out, err);
        }
    }

    /** Runs an already-parsed script (its quoted form, as {@code Code.string_to_quoted!/2} returns it). */
    public int runQuoted(Object quoted, String file, PrintStream out, PrintStream err) {
        this.err = err;
        Fn main;
        try {
            main = new Compiler(this, file).script(quoted, null);
        } catch (CompileError e) {
            err.println(e.report());
            return 1;
        }
        Machine m = Machine.calling(this, out, new Closure(main, new Object[0]), List.of());
        m.reportsErrors = true;
        try (Inbox inbox = node().inbox("elixir " + file)) {
            // the script starts once monitored, so its DOWN always carries its real exit reason
            Object go = Tuple.of(Atom.of("$script_go"), inbox.pid());
            beamscope.runtime.Behavior waiting = beamscope.runtime.Behaviors.receive("elixir " + file,
                    (c, msg) -> go.equals(msg) ? m.behavior() : beamscope.runtime.Behaviors.unhandled());
            Pid pid = node().spawn(waiting, SpawnOptions.defaults().withInitialCall("elixir " + file));
            var ref = inbox.monitor(pid);
            inbox.send(pid, go);
            Optional<Object> down = inbox.receive(msg -> msg instanceof Tuple t && t.size() == 5 && ref.equals(t.get(1)), Duration.ofDays(365));
            Object reason = down.map(d -> ((Tuple) d).get(4)).orElse(Atom.NORMAL);
            if (reason == Atom.NOPROC && m.exitReason != null) reason = m.exitReason; // it ended before the monitor
            out.flush();
            if (reason == Atom.NORMAL) return 0;
            if (!m.reported) err.println("** (EXIT from " + Format.inspect(pid) + ") " + Format.exitText(reason) + "\n"); // Elixir leaves a blank line
            return 1;
        }
    }

    /** Sets what {@code System.argv()} returns to scripts run from now on (as {@code elixir FILE.exs ARGS...}). */
    public void argv(List<String> args) {
        argv = List.copyOf(args);
    }

    List<Object> argv() {
        return argv;
    }

    private record Millis(long ms, Duration duration) {}

    /** The last receive timeout asked for: a million processes sleeping alike share one Duration. */
    private volatile Millis lastMillis = new Millis(0, Duration.ZERO);

    Duration millis(long ms) {
        Millis m = lastMillis;
        if (m.ms() == ms) return m.duration();
        Duration d = Duration.ofMillis(ms);
        lastMillis = new Millis(ms, d);
        return d;
    }

    /** Logger's level as {@code Logger.configure(level: ...)} set it: crash reports print unless it is above :error. */
    private volatile Atom loggerLevel = Atom.of("debug");

    void configureLogger(Atom level) {
        loggerLevel = level;
    }

    boolean logsErrors() {
        String l = loggerLevel.name();
        return !(l.equals("none") || l.equals("critical") || l.equals("alert") || l.equals("emergency"));
    }

    PrintStream errorOut(Machine m) {
        return err;
    }

    // ---------------------------------------------------------------- modules

    void define(ElixirModule m) {
        modules.put(m.name, m);
    }

    boolean hasModule(Atom name) {
        return modules.containsKey(name);
    }

    /** Whether {@code module} is defined here or in the library (for the wording of an undefined function). */
    boolean knows(Atom module) {
        return modules.containsKey(module) || Library.hasModule(module);
    }

    Fn lookup(Atom module, String name, int arity) {
        ElixirModule m = modules.get(module);
        if (m == null) return null;
        Fn f = m.functions.get(name + "/" + arity);
        if (f != null) return f;
        if (m.uses != null) {
            ElixirModule d = modules.get(Atom.of(m.uses.name() + ".Default"));
            if (d != null) return d.functions.get(name + "/" + (arity + 1));
        }
        return null;
    }

    Fn resolve(Insn.Target t) {
        Fn f = lookup(t.module, t.name, t.arity);
        if (f == null) throw Errors.undefined(t.module, t.name, t.arity, knows(t.module));
        t.prependModule = f.arity == t.arity + 1;
        t.resolved = f;
        return f;
    }

    /** True when {@code module.fun/arity} is a Java library function (no Elixir definition shadows it). */
    boolean isLeaf(Atom module, String fun, int arity) {
        ElixirModule m = modules.get(module);
        if (m != null && m.functions.containsKey(fun + "/" + arity)) return false;
        return Library.bif(module, fun, arity) != null;
    }

    boolean preludeKernel(String name, int arity) {
        return preludeKernel.containsKey(name + "/" + arity);
    }

    Map<Object, Object> structDefaults(Atom module) {
        Map<Object, Object> d = structDefaultsOrNull(module);
        if (d == null) throw ElixirError.raise("CompileError", Values.moduleName(module) + ".__struct__/1 is undefined, cannot expand struct " + Values.moduleName(module));
        return d;
    }

    Map<Object, Object> structDefaultsOrNull(Atom module) {
        ElixirModule m = modules.get(module);
        if (m == null && BUILTIN_EXCEPTIONS.contains(module.name())) {
            String name = Values.moduleName(module);
            return Values.exception(name, Library.defaultMessage(name));
        }
        return m == null ? null : m.struct;
    }

    /** Elixir's own exceptions whose struct a program may write ({@code %ArgumentError{message: "x"}}). */
    private static final java.util.Set<String> BUILTIN_EXCEPTIONS = java.util.Set.of("Elixir.RuntimeError",
            "Elixir.ArgumentError", "Elixir.ArithmeticError", "Elixir.SystemLimitError");

    Object useOpts(Atom module) {
        ElixirModule m = modules.get(module);
        return m == null || m.useOpts == null ? List.of() : m.useOpts;
    }

    /** {@code fn -> apply(mod, fun, args) end} as a closure (for spawn/3 and friends). */
    Closure mfaClosure(Atom mod, Atom fun, List<Object> args) {
        if (lookup(mod, fun.name(), args.size()) == null && Library.bif(mod, fun.name(), args.size()) == null) {
            throw Errors.undefined(mod, fun.name(), args.size(), knows(mod));
        }
        Fn wrapper = new Fn(Values.moduleName(mod), fun.name(), 0, false);
        wrapper.label = Values.moduleName(mod) + "." + fun.name() + "/" + args.size();
        wrapper.nslots = 0;
        List<Object> argv = List.copyOf(args);
        wrapper.code(new Insn[] {
                new Insn.Push((s, m) -> mod), new Insn.Push((s, m) -> fun), new Insn.Push((s, m) -> argv),
                new Insn.ApplyMfa(true), new Insn.Return()});
        return new Closure(wrapper, new Object[0]);
    }

    // ---------------------------------------------------------------- the prelude

    /** Compiles the library written in Elixir (prelude.exs, beside this class) into this node's module table. */
    private void loadPrelude() {
        Object quoted;
        try (InputStream in = Elixir.class.getResourceAsStream("prelude.exs")) {
            if (in == null) throw new IllegalStateException("prelude.exs is missing from the build");
            quoted = ElixirParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "prelude.exs");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        new Compiler(this, "prelude.exs").script(quoted, null);
        ElixirModule k = modules.get(Atom.of("Elixir.Kernel"));
        if (k != null) for (String key : k.functions.keySet()) preludeKernel.put(key, true);
    }
}
