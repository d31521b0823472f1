package beamscope.app.lessons;

import beamscope.app.lessons.code.GlobalCounter;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorFlags;
import java.util.List;
import java.util.Optional;

/** {@code global-counter} (003): the named counter under MySystem.Supervisor; its pid before and after a kill. */
final class GlobalCounterLesson implements Script {
    static final Lesson LESSON = new Lesson("global-counter", "A self-healing counter under MySystem.Supervisor", "003",
            """
            GlobalCounter is a GenServer registered as :my_counter, so nobody needs its pid to talk to it. \
            MySystem.Supervisor starts it with 0 and watches it, one_for_one. Kill it by brute force and look \
            the name up again: a brand new process answers under the same name, started afresh from the \
            supervisor's blueprint — which is why the count it had reached is gone.""",
            """
            defmodule GlobalCounter do
              use GenServer

              def start_link(start), do: GenServer.start_link(__MODULE__, start, name: :my_counter)
              def increment, do: GenServer.cast(:my_counter, :increment)
              def get_value, do: GenServer.call(:my_counter, :value)

              @impl true
              def init(start), do: {:ok, start}

              @impl true
              def handle_cast(:increment, n), do: {:noreply, n + 1}

              @impl true
              def handle_call(:value, _from, n), do: {:reply, n, n}
            end

            defmodule MySystem.Supervisor do
              use Supervisor

              def start_link(_opts),
                do: Supervisor.start_link(__MODULE__, :ok, name: :my_supervisor)

              @impl true
              def init(:ok) do
                children = [{GlobalCounter, 0}]
                Supervisor.init(children, strategy: :one_for_one)
              end
            end

            MySystem.Supervisor.start_link([])
            GlobalCounter.increment()
            IO.puts "Value: #{GlobalCounter.get_value()}"

            pid = Process.whereis(:my_counter)
            IO.puts "Counter PID before crash: #{inspect(pid)}"
            Process.monitor(pid)
            Process.exit(pid, :kill)
            receive do {:DOWN, _ref, :process, ^pid, :killed} -> :gone end

            Supervisor.which_children(:my_supervisor)   # answered once the new counter is up
            new_pid = Process.whereis(:my_counter)
            IO.puts "Counter PID after crash: #{inspect(new_pid)}"
            IO.puts "Value: #{GlobalCounter.get_value()}"
            """,
            GlobalCounterLesson::new);

    private Pid sup, before;

    @Override
    public void start(Stage s) {
        s.typed("MySystem.Supervisor.start_link([])");
        sup = s.startChild(ChildSpec.supervisor(Atom.of("MySystem.Supervisor"), ChildStart.supervisor(
                SupervisorFlags.of(Strategy.ONE_FOR_ONE), List.of(GlobalCounter.childSpec(0)),
                StartOptions.named("my_supervisor"))));
        s.say("{:ok, " + sup + "}");
        s.focus(sup);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Read the initial value", s -> {
                    s.highlight(s.node().whereis(GlobalCounter.NAME).orElseThrow());
                    s.typed("IO.puts \"Initial Value: #{GlobalCounter.get_value()}\"");
                }, "the counter starts at 0", s -> GlobalCounter.getValue(s.node()) == 0
                        ? Optional.of("Initial Value: 0") : Optional.empty()),
                new Step("Increment it twice", s -> {
                    s.highlight(s.node().whereis(GlobalCounter.NAME).orElseThrow());
                    for (int i = 0; i < 2; i++) {
                        s.typed("GlobalCounter.increment()");
                        GlobalCounter.increment(s.node());
                        s.say(":ok");
                    }
                    s.typed("IO.puts \"The count is: #{GlobalCounter.get_value()}\"");
                }, "the count is 2", s -> GlobalCounter.getValue(s.node()) == 2
                        ? Optional.of("The count is: 2") : Optional.empty()),
                new Step("Kill the counter — watch its supervisor restart it", s -> {
                    before = s.node().whereis(GlobalCounter.NAME).orElseThrow();
                    s.highlight(before, sup);
                    s.typed("pid = Process.whereis(:my_counter)");
                    s.say("Counter PID before crash: " + before);
                    s.typed("Process.exit(pid, :kill)");
                    s.node().exit(before, Atom.KILL);
                    s.say("true");
                    s.typed("new_pid = Process.whereis(:my_counter)");
                }, "a new process answers under :my_counter", s -> {
                    Optional<Pid> now = s.node().whereis(GlobalCounter.NAME);
                    if (now.isEmpty() || now.get().equals(before)) return Optional.empty();
                    s.highlight(now.get(), sup);
                    return Optional.of("Counter PID after crash: " + now.get());
                }),
                new Step("Read the value of the new counter", s -> {
                    s.highlight(s.node().whereis(GlobalCounter.NAME).orElseThrow());
                    s.typed("IO.puts \"The count is: #{GlobalCounter.get_value()}\"");
                }, "the count is back at 0: the restart began from the blueprint", s ->
                        GlobalCounter.getValue(s.node()) == 0 ? Optional.of("The count is: 0") : Optional.empty()));
    }
}
