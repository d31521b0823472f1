package beamscope.app.lessons;

import beamscope.app.lessons.code.Counter;
import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.GenServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code exercise-counter} (001, exercise 2): a GenServer counter with increment, decrement and get. */
final class ExerciseCounter implements Script {
    static final Lesson LESSON = new Lesson("exercise-counter", "Exercise: a GenServer counter", "001",
            """
            The second exercise rebuilds a counter with GenServer. Its client functions hide the messages: \
            increment and decrement are casts (the caller does not wait), get is a call (the caller waits for \
            the number). The count lives only inside the server process, which handles one message at a time, \
            so even when ten processes increment at once no update is lost.""",
            """
            defmodule Counter do
              use GenServer

              def start_link(initial \\\\ 0),
                do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)

              def increment, do: GenServer.cast(__MODULE__, :increment)
              def decrement, do: GenServer.cast(__MODULE__, :decrement)
              def get, do: GenServer.call(__MODULE__, :get)

              @impl true
              def init(initial), do: {:ok, initial}

              @impl true
              def handle_cast(:increment, n), do: {:noreply, n + 1}
              def handle_cast(:decrement, n), do: {:noreply, n - 1}

              @impl true
              def handle_call(:get, _from, n), do: {:reply, n, n}
            end

            {:ok, _} = Counter.start_link()
            Counter.increment()
            Counter.increment()
            Counter.get()                     # 2
            Counter.decrement()
            Counter.get()                     # 1

            # ten processes, a hundred increments each
            for _ <- 1..10, do: spawn(fn -> for _ <- 1..100, do: Counter.increment() end)
            Counter.get()                     # 1001, once they are done
            """,
            ExerciseCounter::new);

    private Pid counter;

    @Override
    public void start(Stage s) {
        s.typed("{:ok, _} = Counter.start_link()");
        counter = s.startChild(Counter.childSpec(0));
        s.say("{:ok, " + counter + "}");
        s.focus(counter);
    }

    private static Optional<String> get(Stage s, long expected) {
        long v = Counter.get(s.node());
        return v == expected ? Optional.of(Long.toString(v)) : Optional.empty();
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Increment twice, then get", s -> {
                    s.highlight(counter);
                    for (int i = 0; i < 2; i++) {
                        s.typed("Counter.increment()");
                        Counter.increment(s.node());
                        s.say(":ok");
                    }
                    s.typed("Counter.get()");
                }, "get answers 2", s -> get(s, 2)),
                new Step("Decrement, then get", s -> {
                    s.highlight(counter);
                    s.typed("Counter.decrement()");
                    Counter.decrement(s.node());
                    s.say(":ok");
                    s.typed("Counter.get()");
                }, "get answers 1", s -> get(s, 1)),
                new Step("Ten processes increment a hundred times each", s -> {
                    s.typed("for _ <- 1..10, do: spawn(fn -> for _ <- 1..100, do: Counter.increment() end)");
                    List<Pid> clients = new ArrayList<>();
                    for (int i = 1; i <= 10; i++)
                        clients.add(s.startProcess(Atom.of("incrementer" + i), Behaviors.setup(ctx -> {
                            for (int n = 0; n < 100; n++) GenServer.cast(ctx, Counter.NAME, Atom.of("increment"));
                            return Behaviors.stop();
                        })));
                    clients.add(counter);
                    s.highlight(clients.toArray(Pid[]::new));
                    s.typed("Counter.get()");
                }, "get reaches 1001: not one of the thousand increments is lost", s -> get(s, 1001)));
    }
}
