package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;

/** {@code named-counter} (001): Counter.start spawns the loop and registers it as {@code :counter} in one go. */
final class NamedCounter implements Script {
    static final Lesson LESSON = new Lesson("named-counter", "A counter that names itself :counter", "001",
            """
            Counter.start spawns the counting loop and registers it as :counter straight away, so callers \
            never see the pid: they send :increment to the name and ask {:get, self()} for the count, which \
            comes back as {:count, n}.""",
            """
            defmodule Counter do
              def start do
                spawn(fn -> loop(0) end)
                |> Process.register(:counter)
              end

              defp loop(count) do
                receive do
                  :increment -> loop(count + 1)
                  {:get, caller} ->
                    send(caller, {:count, count})
                    loop(count)
                end
              end
            end

            Counter.start()
            send(:counter, :increment)
            send(:counter, :increment)
            send(:counter, {:get, self()})
            receive do
              {:count, n} -> IO.puts("Count: #{n}")
            end
            """,
            NamedCounter::new);

    static final String NAME = "counter";
    static final Atom INCREMENT = Atom.of("increment"), GET = Atom.of("get"), COUNT = Atom.of("count");
    private Pid pid;

    static Behavior loop(long count) {
        return Behaviors.receive("Counter.loop/1", (ctx, msg) -> {
            if (msg == INCREMENT) return loop(count + 1);
            if (msg instanceof Tuple2(Atom tag, Pid caller) && tag == GET) {
                ctx.send(caller, Tuple.of(COUNT, count));
                return Behaviors.same();
            }
            return Behaviors.unhandled();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("Counter.start()");
        pid = s.startProcess(Atom.of("Counter"), loop(0));
        s.node().register(NAME, pid);
        s.say("true");
        s.focus(pid);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Send :increment twice to :counter, then ask for the count", s -> {
                    s.highlight(pid);
                    for (int i = 0; i < 2; i++) {
                        s.typed("send(:counter, :increment)");
                        s.node().send(NAME, INCREMENT);
                        s.say(":increment");
                    }
                    s.typed("send(:counter, {:get, self()})");
                    s.node().send(NAME, Tuple.of(GET, s.iex().pid()));
                    s.typed("receive do {:count, n} -> IO.puts(\"Count: #{n}\") end");
                }, "the count is 2", s -> s.receive(Stage.tagged(COUNT), Duration.ofMillis(100))
                        .map(m -> ((Tuple2) m).e1()).filter(n -> n.equals(2L)).map(n -> "Count: " + n)));
    }
}
