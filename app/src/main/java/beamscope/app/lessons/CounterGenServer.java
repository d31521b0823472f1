package beamscope.app.lessons;

import beamscope.app.lessons.code.Counter;
import java.util.List;
import java.util.Optional;

/** {@code counter-genserver} (000): casts change the count, a call reads it. */
final class CounterGenServer implements Script {
    static final Lesson LESSON = new Lesson("counter-genserver", "A counter GenServer: cast and call", "000",
            """
            A GenServer keeps its state between messages. This counter's state is one integer. Increment and \
            decrement are casts: the shell sends them and carries on without waiting. Reading the value is a \
            call: the shell waits for the reply. Because the counter handles its mailbox in order, the call \
            is answered only after every cast sent before it.""",
            """
            defmodule Counter do
              use GenServer

              # Client API
              def start_link(initial \\\\ 0),
                do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)

              def increment, do: GenServer.cast(__MODULE__, :increment)
              def decrement, do: GenServer.cast(__MODULE__, :decrement)
              def value, do: GenServer.call(__MODULE__, :value)

              # Server callbacks
              @impl true
              def init(count), do: {:ok, count}

              @impl true
              def handle_call(:value, _from, count), do: {:reply, count, count}

              @impl true
              def handle_cast(:increment, count), do: {:noreply, count + 1}
              def handle_cast(:decrement, count), do: {:noreply, count - 1}
            end

            {:ok, _pid} = Counter.start_link(0)
            Counter.increment()
            Counter.increment()
            Counter.increment()
            Counter.value()          # 3
            Counter.decrement()
            Counter.value()          # 2
            """,
            CounterGenServer::new);

    @Override
    public void start(Stage s) {
        s.typed("{:ok, pid} = Counter.start_link(0)");
        s.say("{:ok, " + s.startChild(Counter.childSpec(0)) + "}");
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Cast :increment three times, then call :value", s -> {
                    s.highlight(s.node().whereis(Counter.NAME).orElseThrow());
                    for (int i = 0; i < 3; i++) {
                        s.typed("Counter.increment()");
                        Counter.increment(s.node());
                        s.say(":ok");
                    }
                    s.typed("Counter.value()");
                }, "the value is 3", s -> value(s, 3)),
                new Step("Cast :decrement, then call :value", s -> {
                    s.highlight(s.node().whereis(Counter.NAME).orElseThrow());
                    s.typed("Counter.decrement()");
                    Counter.decrement(s.node());
                    s.say(":ok");
                    s.typed("Counter.value()");
                }, "the value is 2", s -> value(s, 2)));
    }

    private static Optional<String> value(Stage s, long expected) {
        long v = Counter.value(s.node());
        return v == expected ? Optional.of(Long.toString(v)) : Optional.empty();
    }
}
