package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code secret-agent} (003): a receive loop that takes whispers, changes its own priority, and signs off. */
final class SecretAgent implements Script {
    static final Lesson LESSON = new Lesson("secret-agent", "The secret agent: a process that listens", "003",
            """
            The agent is one process running a receive loop. It waits for a message, handles it, and calls \
            listen() again: that tail call is what keeps it alive. {:whisper, message} prints the secret with \
            the agent's own pid; {:set_priority, level} changes how the scheduler treats it (Process.flag(:priority, \
            level): :low, :normal, :high or :max) and you can read the flag back with Process.info; :terminate \
            prints a goodbye and does not loop, so the function returns and the process ends.""",
            """
            defmodule SecretAgent do
              def listen do
                receive do
                  {:whisper, message} ->
                    IO.puts("Agent [#{inspect(self())}] received secret: #{message}")
                    listen()

                  {:set_priority, level} ->
                    Process.flag(:priority, level)
                    IO.puts("Agent priority changed to: #{level}")
                    listen()

                  :terminate ->
                    IO.puts("Agent signing off. Over and out.")
                    # no listen() here: the process ends
                end
              end
            end

            agent_pid = spawn(fn -> SecretAgent.listen() end)
            IO.puts("Is agent alive? #{Process.alive?(agent_pid)}")
            send(agent_pid, {:whisper, "The eagle has landed."})
            send(agent_pid, {:set_priority, :high})
            Process.info(agent_pid, :priority)       # {:priority, :high}
            send(agent_pid, :terminate)
            """,
            SecretAgent::new);

    static final Atom WHISPER = Atom.of("whisper"), SET_PRIORITY = Atom.of("set_priority"), TERMINATE = Atom.of("terminate");
    static final String SECRET = "The eagle has landed.";
    private Pid agent;
    private boolean signedOff;

    static Behavior listen(Pid shell) {
        return Behaviors.receive("SecretAgent.listen/0", (ctx, msg) -> {
            if (msg instanceof Tuple2(Atom tag, String message) && tag == WHISPER) {
                Stage.puts(ctx, shell, "Agent [" + ctx.self() + "] received secret: " + message);
                return listen(shell);
            }
            if (msg instanceof Tuple2(Atom tag, Atom level) && tag == SET_PRIORITY) {
                ctx.priority(Priority.valueOf(level.name().toUpperCase(Locale.ROOT)));
                Stage.puts(ctx, shell, "Agent priority changed to: " + level.name());
                return listen(shell);
            }
            if (msg == TERMINATE) {
                Stage.puts(ctx, shell, "Agent signing off. Over and out.");
                return Behaviors.stop();
            }
            return Behaviors.unhandled();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("agent_pid = spawn(fn -> SecretAgent.listen() end)");
        agent = s.startProcess(Atom.of("SecretAgent"), listen(s.iex().pid()));
        s.say(agent.toString());
        s.typed("IO.puts(\"Is agent alive? #{Process.alive?(agent_pid)}\")");
        s.say("Is agent alive? " + s.node().isAlive(agent));
        s.focus(agent);
    }

    private Optional<Priority> priority(Stage s) {
        return s.node().processInfo(agent).map(ProcessInfo::priority);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Whisper \"" + SECRET + "\"", s -> {
                    s.highlight(agent);
                    s.typed("send(agent_pid, {:whisper, \"" + SECRET + "\"})");
                    s.node().send(agent, Tuple.of(WHISPER, SECRET));
                }, "the agent prints the secret with its own pid, and keeps listening", s -> s.printed(Duration.ofMillis(100))
                        .filter(("Agent [" + agent + "] received secret: " + SECRET)::equals)
                        .filter(line -> s.node().isAlive(agent))),
                new Step("Send {:set_priority, :high}", s -> {
                    s.highlight(agent);
                    s.typed("send(agent_pid, {:set_priority, :high})");
                    s.node().send(agent, Tuple.of(SET_PRIORITY, Atom.of("high")));
                }, "it says its priority changed, and Process.info shows :high", s -> {
                    Optional<String> line = s.printed(Duration.ofMillis(100)).filter("Agent priority changed to: high"::equals);
                    if (line.isEmpty()) return Optional.empty();
                    s.say(line.get());
                    s.typed("Process.info(agent_pid, :priority)");
                    return priority(s).filter(p -> p == Priority.HIGH).map(p -> "{:priority, :high}");
                }),
                new Step("Send :terminate", s -> {
                    s.highlight(agent);
                    s.typed("send(agent_pid, :terminate)");
                    s.node().send(agent, TERMINATE);
                }, "it signs off and the process ends", s -> {
                    if (!signedOff) s.printed(Duration.ofMillis(100)).filter("Agent signing off. Over and out."::equals)
                            .ifPresent(line -> {
                                signedOff = true;
                                s.say(line);
                            });
                    return signedOff && !s.node().isAlive(agent) ? Optional.of("# Process.alive?(agent_pid) is false")
                            : Optional.empty();
                }));
    }
}
