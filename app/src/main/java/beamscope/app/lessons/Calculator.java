package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple4;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code calculator} (001): the reply pattern — the request carries the caller's pid, the answer goes back to it. */
final class Calculator implements Script {
    static final Lesson LESSON = new Lesson("calculator", "The reply pattern: a calculator process", "001",
            """
            Messages go one way. To get an answer, the caller puts its own pid (self()) in the request, and \
            the server sends the result back to that pid; the caller waits for it in a receive with an after \
            clause, so it does not wait forever. The calculator loops, so it serves one request after another \
            until it is told to :stop.""",
            """
            defmodule Calculator do
              def start, do: spawn(fn -> loop() end)

              defp loop do
                receive do
                  {:add, a, b, caller} ->
                    send(caller, {:result, a + b})
                    loop()
                  :stop ->
                    :ok
                end
              end
            end

            pid = Calculator.start()
            send(pid, {:add, 5, 3, self()})

            receive do
              {:result, value} -> IO.puts("Result: #{value}")
            after
              1000 -> IO.puts("Timeout")
            end
            """,
            Calculator::new);

    static final Atom ADD = Atom.of("add"), RESULT = Atom.of("result"), STOP = Atom.of("stop");
    private Pid pid;

    static Behavior loop() {
        return Behaviors.receive("Calculator.loop/0", (ctx, msg) -> {
            if (msg instanceof Tuple4(Atom tag, Long a, Long b, Pid caller) && tag == ADD) {
                ctx.send(caller, Tuple.of(RESULT, a + b));
                return Behaviors.same();
            }
            if (msg == STOP) return Behaviors.stop();
            return Behaviors.unhandled();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = Calculator.start()");
        pid = s.startProcess(Atom.of("Calculator"), loop());
        s.say(pid.toString());
        s.focus(pid);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Send {:add, 5, 3, self()} and wait for the result", s -> {
                    s.highlight(pid, s.iex().pid());
                    s.typed("send(pid, {:add, 5, 3, self()})");
                    s.node().send(pid, Tuple.of(ADD, 5L, 3L, s.iex().pid()));
                    s.typed("receive do {:result, value} -> IO.puts(\"Result: #{value}\") after 1000 -> IO.puts(\"Timeout\") end");
                }, "the reply {:result, 8} comes back to the shell", s -> result(s, 8)),
                new Step("Ask again: {:add, 20, 22, self()} — the loop serves the next request", s -> {
                    s.highlight(pid, s.iex().pid());
                    s.typed("send(pid, {:add, 20, 22, self()})");
                    s.node().send(pid, Tuple.of(ADD, 20L, 22L, s.iex().pid()));
                }, "the reply {:result, 42}", s -> result(s, 42)),
                new Step("Send :stop", s -> {
                    s.highlight(pid);
                    s.typed("send(pid, :stop)");
                    s.node().send(pid, STOP);
                    s.say(":stop");
                }, "the calculator ends", s -> s.node().isAlive(pid) ? Optional.empty()
                        : Optional.of("# Process.alive?(pid) is false")));
    }

    private static Optional<String> result(Stage s, long expected) {
        return s.receive(Stage.tagged(RESULT), Duration.ofMillis(100))
                .filter(m -> ((Tuple2) m).e1().equals(expected)).map(m -> "Result: " + ((Tuple2) m).e1());
    }
}
