package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;

/** {@code register-counter} (004): the stateful counter registered as {@code :my_counter}, reached by name. */
final class RegisterCounter implements Script {
    static final Lesson LESSON = new Lesson("register-counter", "Registering the counter as :my_counter", "004",
            """
            The counter from the stateful-process lesson, now with a name. Process.register ties the atom \
            :my_counter to its pid, and send accepts the name wherever it accepts a pid — so any process can \
            talk to the counter without being handed its pid.""",
            """
            defmodule Counter do
              def start(count), do: spawn(fn -> loop(count) end)

              defp loop(count) do
                receive do
                  {:increment, amount} -> loop(count + amount)
                  {:get, caller} ->
                    send(caller, {:count, count})
                    loop(count)
                end
              end
            end

            pid = Counter.start(0)
            Process.register(pid, :my_counter)
            send(:my_counter, {:increment, 10})
            send(:my_counter, {:get, self()})
            receive do {:count, n} -> n end     # 10
            """,
            RegisterCounter::new);

    static final String NAME = "my_counter";
    private Pid pid;

    @Override
    public void start(Stage s) {
        s.typed("pid = Counter.start(0)");
        pid = s.startProcess(Atom.of("Counter"), StatefulCounter.loop(s.iex().pid(), 0));
        s.say(pid.toString());
        s.focus(pid);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Register it as :my_counter", s -> {
                    s.highlight(pid);
                    s.typed("Process.register(pid, :my_counter)");
                    s.node().register(NAME, pid);
                    s.say("true");
                }, "the name :my_counter leads to the counter", s -> s.node().whereis(NAME).filter(pid::equals)
                        .map(p -> "# Process.whereis(:my_counter) is " + p)),
                new Step("Send {:increment, 10} to the name, then ask for the count by name", s -> {
                    s.highlight(pid);
                    s.typed("send(:my_counter, {:increment, 10})");
                    s.node().send(NAME, Tuple.of(StatefulCounter.INCREMENT, 10L));
                    s.say("{:increment, 10}");
                    s.typed("send(:my_counter, {:get, self()})");
                    s.node().send(NAME, Tuple.of(StatefulCounter.GET, s.iex().pid()));
                    s.typed("receive do {:count, n} -> n end");
                }, "the count is 10", s -> s.receive(Stage.tagged(StatefulCounter.COUNT), Duration.ofMillis(100))
                        .map(m -> ((Tuple2) m).e1()).filter(n -> n.equals(10L)).map(String::valueOf)));
    }
}
