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

/** {@code exercise-echo} (001, exercise 1): a process that sends every message back to whoever sent it. */
final class ExerciseEcho implements Script {
    static final Lesson LESSON = new Lesson("exercise-echo", "Exercise: an echo process", "001",
            """
            The first exercise: a process that answers. A message carries no sender, so the caller puts its \
            own pid in it — {self(), text} — and the echo process replies to that pid with {:echo, text}, \
            then loops to wait for the next one. The caller waits for the reply with a receive that matches \
            only {:echo, _}. Any process that knows the echo's pid can use it; each gets its own answer back.""",
            """
            defmodule Echo do
              def start, do: spawn(fn -> loop() end)

              defp loop do
                receive do
                  {from, text} ->
                    send(from, {:echo, text})
                    loop()
                end
              end
            end

            pid = Echo.start()
            send(pid, {self(), "Hello"})
            receive do
              {:echo, text} -> IO.puts("Got: #{text}")   # "Got: Hello"
            end
            """,
            ExerciseEcho::new);

    static final Atom ECHO = Atom.of("echo");
    private Pid echo;

    static Behavior loop() {
        return Behaviors.receive("Echo.loop/0", (ctx, msg) -> {
            if (msg instanceof Tuple2(Pid from, Object text)) {
                ctx.send(from, Tuple.of(ECHO, text));
                return loop();
            }
            return Behaviors.unhandled();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = Echo.start()");
        echo = s.startProcess(Atom.of("Echo"), loop());
        s.say(echo.toString());
        s.focus(echo);
    }

    private Step send(String text) {
        return new Step("Send {self(), \"" + text + "\"} and wait for the echo", s -> {
            s.highlight(echo);
            s.typed("send(pid, {self(), \"" + text + "\"})");
            s.node().send(echo, Tuple.of(s.iex().pid(), text));
            s.say("{" + s.iex().pid() + ", \"" + text + "\"}");
            s.typed("receive do {:echo, text} -> IO.puts(\"Got: #{text}\") end");
        }, "the shell receives {:echo, \"" + text + "\"} and the echo process keeps running", s ->
                s.receive(m -> m instanceof Tuple2(Atom tag, Object t) && tag == ECHO && text.equals(t), Duration.ofMillis(100))
                        .filter(m -> s.node().isAlive(echo))
                        .map(m -> "Got: " + text));
    }

    @Override
    public List<Step> steps() {
        return List.of(send("Hello"), send("Anyone there?"));
    }
}
