package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code echo-loop} (001): a receive that calls itself again serves message after message until :stop. */
final class EchoLoop implements Script {
    static final Lesson LESSON = new Lesson("echo-loop", "A receive loop: Echo", "001",
            """
            A process that should handle more than one message calls its own function again at the end of \
            each clause: the recursion is the loop, and it costs nothing (a tail call). The clause that does \
            not call loop() again is how the process ends.""",
            """
            defmodule Echo do
              def loop do
                receive do
                  {:echo, msg} ->
                    IO.puts("Echo: #{msg}")
                    loop()          # loop to receive more messages
                  :stop ->
                    IO.puts("Stopping")
                    # no loop(): the process ends
                end
              end
            end

            pid = spawn(&Echo.loop/0)
            send(pid, {:echo, "hello"})   # "Echo: hello"
            send(pid, {:echo, "world"})   # "Echo: world"
            send(pid, :stop)              # "Stopping"
            """,
            EchoLoop::new);

    static final Atom ECHO = Atom.of("echo"), STOP = Atom.of("stop");
    private Pid pid;
    private boolean stopped;

    static Behavior loop(Pid shell) {
        return Behaviors.receive("Echo.loop/0", (ctx, msg) -> {
            if (msg instanceof Tuple2(Atom tag, String text) && tag == ECHO) {
                Stage.puts(ctx, shell, "Echo: " + text);
                return loop(shell);
            }
            if (msg == STOP) {
                Stage.puts(ctx, shell, "Stopping");
                return Behaviors.stop();
            }
            return Behaviors.unhandled();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = spawn(&Echo.loop/0)");
        pid = s.startProcess(Atom.of("Echo"), loop(s.iex().pid()));
        s.say(pid.toString());
        s.focus(pid);
    }

    private Step echo(String text) {
        return new Step("Send {:echo, \"" + text + "\"}", s -> {
            s.highlight(pid);
            s.typed("send(pid, {:echo, \"" + text + "\"})");
            s.node().send(pid, Tuple.of(ECHO, text));
        }, "it prints Echo: " + text + " and keeps looping", s -> s.printed(Duration.ofMillis(100))
                .filter(("Echo: " + text)::equals).filter(line -> s.node().isAlive(pid)));
    }

    @Override
    public List<Step> steps() {
        return List.of(echo("hello"), echo("world"),
                new Step("Send :stop", s -> {
                    s.highlight(pid);
                    s.typed("send(pid, :stop)");
                    s.node().send(pid, STOP);
                }, "it prints Stopping and ends", s -> {
                    if (!stopped) s.printed(Duration.ofMillis(100)).filter("Stopping"::equals).ifPresent(line -> {
                        stopped = true;
                        s.say(line);
                    });
                    return stopped && !s.node().isAlive(pid) ? Optional.of("# Process.alive?(pid) is false") : Optional.empty();
                }));
    }
}
