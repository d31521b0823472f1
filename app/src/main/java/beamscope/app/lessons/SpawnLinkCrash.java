package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code spawn-link-crash} (001): a linked crash takes the caller down, unless it traps exits. */
final class SpawnLinkCrash implements Script {
    static final Lesson LESSON = new Lesson("spawn-link-crash", "spawn_link: crashing together, or trapping the exit", "001",
            """
            A link ties two processes' fates together. When a linked process dies abnormally, the exit signal \
            kills the process at the other end too — unless that process traps exits: then the signal arrives \
            as an ordinary {:EXIT, pid, reason} message it can receive. Each step starts a caller process (our \
            stand-in for the shell) that spawn_links a process which raises at once.""",
            """
            # without trap_exit: the caller dies with the child
            caller = spawn(fn ->
              spawn_link(fn -> raise "I crashed!" end)
              receive do _ -> :ok end
            end)
            Process.alive?(caller)        # false

            # with trap_exit: the exit is a message
            Process.flag(:trap_exit, true)
            pid = spawn_link(fn -> raise "I crashed!" end)

            receive do
              {:EXIT, ^pid, reason} -> IO.puts("Process crashed: #{inspect(reason)}")
            end
            """,
            SpawnLinkCrash::new);

    static final Atom SPAWNED = Atom.of("spawned"), EXIT = Atom.of("EXIT");
    private Pid caller, child;

    @Override
    public void start(Stage s) {}

    /** The child: raises as soon as it runs. */
    static Behavior crasher() {
        return Behaviors.setup(ctx -> {
            throw new RuntimeException("I crashed!");
        });
    }

    /** The caller: spawn_links the crasher, tells the shell its pid, then waits (trapping exits or not). */
    static Behavior caller(Pid shell, boolean trap) {
        return Behaviors.setup(ctx -> {
            if (trap) ctx.trapExit(true);
            Pid child = ctx.spawnLink(crasher());
            ctx.send(shell, Tuple.of(SPAWNED, child));
            return Behaviors.receive("Caller.loop/0", (c, msg) -> {
                if (msg instanceof Tuple3(Atom tag, Pid from, Object reason) && tag == EXIT && from.equals(child))
                    Stage.puts(c, shell, "Process crashed: " + Stage.reason(reason));
                return Behaviors.same();
            });
        });
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Start a caller without trap_exit that spawn_links a crashing process", s -> {
                    s.typed("caller = spawn(fn -> spawn_link(fn -> raise \"I crashed!\" end); receive do _ -> :ok end end)");
                    caller = s.startProcess(Atom.of("caller"), caller(s.iex().pid(), false));
                    s.say(caller.toString());
                    child = spawned(s);
                    s.highlight(caller, child);
                    s.typed("Process.alive?(caller)");
                }, "the caller dies too, with the child's exit reason", s -> {
                    if (s.node().isAlive(caller)) return Optional.empty();
                    Object reason = s.node().exitReason(caller).orElse(null);
                    return Optional.of("false   # it died with " + Stage.reason(reason));
                }),
                new Step("Start a caller that traps exits, then spawn_links the crashing process", s -> {
                    s.typed("Process.flag(:trap_exit, true)");
                    s.typed("pid = spawn_link(fn -> raise \"I crashed!\" end)");
                    caller = s.startProcess(Atom.of("trapping_caller"), caller(s.iex().pid(), true));
                    child = spawned(s);
                    s.say(child.toString());
                    s.highlight(caller, child);
                    s.typed("receive do {:EXIT, ^pid, reason} -> IO.puts(\"Process crashed: #{inspect(reason)}\") end");
                }, "the caller receives {:EXIT, pid, reason} and lives on", s ->
                        s.printed(Duration.ofMillis(100)).filter(line -> s.node().isAlive(caller))));
    }

    private static Pid spawned(Stage s) {
        return s.receive(Stage.tagged(SPAWNED), Duration.ofSeconds(5))
                .map(m -> (Pid) ((Tuple2) m).e1()).orElseThrow(() -> new IllegalStateException("the caller did not start"));
    }
}
