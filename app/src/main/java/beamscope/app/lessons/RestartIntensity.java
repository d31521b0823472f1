package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.StartResult;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.Supervisor;
import beamscope.runtime.otp.SupervisorFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code restart-intensity}: a child that crashes as soon as it starts; its supervisor restarts it three
 * times within five seconds, then gives up and exits, and the parent that started it gets the EXIT.
 */
final class RestartIntensity implements Script {
    static final Lesson LESSON = new Lesson("restart-intensity", "Restart intensity: when a supervisor gives up", "beyond",
            """
            A supervisor does not restart forever. By default it allows 3 restarts within 5 seconds \
            (max_restarts and max_seconds); one more crash inside that window and it stops trying: it shuts \
            down its other children and exits with reason :shutdown. Then it is its own parent's turn — a \
            supervisor above it would restart it or give up in turn. Here the parent is a process that traps \
            exits, so the supervisor's end reaches it as an {:EXIT, sup, :shutdown} message.""",
            """
            defmodule Flaky do
              def start_link do
                pid = spawn_link(fn ->
                  IO.puts("Worker started: #{inspect(self())}")
                  Process.sleep(300)
                  raise "crash"
                end)
                {:ok, pid}
              end
            end

            Process.flag(:trap_exit, true)
            children = [%{id: Flaky, start: {Flaky, :start_link, []}}]
            {:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one,
                                               max_restarts: 3, max_seconds: 5, name: :worker_sup)

            receive do
              {:EXIT, ^sup, reason} -> IO.puts("Supervisor gave up: #{inspect(reason)}")
            end
            """,
            RestartIntensity::new);

    static final Atom STARTED = Atom.of("started"), SUP = Atom.of("sup"), EXIT = Atom.of("EXIT");
    private final List<Pid> workers = new ArrayList<>();
    private Pid parent, sup;

    @Override
    public void start(Stage s) {}

    /** Prints its start, then crashes 300 ms later. */
    static Behavior flaky(Pid shell) {
        return Behaviors.setup(ctx -> {
            ctx.send(shell, Tuple.of(STARTED, ctx.self()));
            return Behaviors.receive("Flaky.start_link/0", (c, m) -> Behaviors.same()).after(Duration.ofMillis(300), c -> {
                throw new RuntimeException("crash");
            });
        });
    }

    /** The parent: traps exits, starts the supervisor linked, and reports its EXIT to the shell. */
    static Behavior parent(Pid shell) {
        return Behaviors.setup(ctx -> {
            ctx.trapExit(true);
            ChildSpec flaky = ChildSpec.worker(Atom.of("Flaky"), ChildStart.spawnLink(flaky(shell)));
            return Supervisor.startLink(ctx, SupervisorFlags.of(Strategy.ONE_FOR_ONE).withIntensity(3, 5), List.of(flaky),
                    StartOptions.named("worker_sup"), r -> {
                        if (r instanceof StartResult.Ok(Pid sup)) ctx.send(shell, Tuple.of(SUP, sup));
                        return Behaviors.receive("Parent.loop/0", (c, msg) -> {
                            if (msg instanceof Tuple3(Atom tag, Pid from, Object reason) && tag == EXIT)
                                Stage.puts(c, shell, "Supervisor gave up: {:EXIT, " + from + ", " + Stage.reason(reason) + "}");
                            return Behaviors.same();
                        });
                    });
        });
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Start the supervisor with a child that crashes 300 ms after each start", s -> {
                    s.typed("Process.flag(:trap_exit, true)");
                    s.typed("{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one, max_restarts: 3, max_seconds: 5, name: :worker_sup)");
                    parent = s.startProcess(Atom.of("parent"), parent(s.iex().pid()));
                    sup = s.receive(Stage.tagged(SUP), Duration.ofSeconds(5)).map(m -> (Pid) ((Tuple2) m).e1())
                            .orElseThrow(() -> new IllegalStateException("the supervisor did not start"));
                    s.say("{:ok, " + sup + "}");
                    s.highlight(sup);
                }, "the child started once and restarted three times", s -> {
                    s.receive(Stage.tagged(STARTED), Duration.ofMillis(100)).ifPresent(m -> {
                        Pid w = (Pid) ((Tuple2) m).e1();
                        workers.add(w);
                        s.say("Worker started: " + w + (workers.size() > 1 ? "   (restart " + (workers.size() - 1) + ")" : ""));
                        s.highlight(sup, w);
                    });
                    return workers.size() == 4 ? Optional.of("") : Optional.empty();
                }),
                new Step("One more crash inside 5 seconds — watch the supervisor give up and its parent react", s -> {
                    s.highlight(sup, parent);
                    s.typed("receive do {:EXIT, ^sup, reason} -> IO.puts(\"Supervisor gave up: #{inspect(reason)}\") end");
                }, "the supervisor exits with :shutdown and its parent receives the EXIT", s ->
                        s.printed(Duration.ofMillis(100)).filter(line -> line.endsWith(":shutdown}")
                                && !s.node().isAlive(sup) && s.node().isAlive(parent))));
    }
}
