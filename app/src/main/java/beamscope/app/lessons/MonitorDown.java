package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple5;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code monitor-down} (001): a monitor turns another process's death into a DOWN message, one way. */
final class MonitorDown implements Script {
    static final Lesson LESSON = new Lesson("monitor-down", "Monitors and the DOWN message", "001",
            """
            A monitor watches without being tied: when the watched process ends, for any reason, the watcher \
            gets one {:DOWN, ref, :process, pid, reason} message and goes on living. spawn_monitor spawns and \
            monitors in one step; Process.monitor watches a process that is already running. Here the shell \
            does the watching.""",
            """
            {pid, ref} = spawn_monitor(fn ->
              :timer.sleep(1000)
              raise "Oops"
            end)

            receive do
              {:DOWN, ^ref, :process, ^pid, reason} ->
                IO.puts("Process died: #{inspect(reason)}")
            end

            pid = spawn(fn -> :timer.sleep(1000) end)
            ref = Process.monitor(pid)

            receive do
              {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts("Process finished: #{reason}")
            after
              2000 -> IO.puts("Timeout")
            end
            """,
            MonitorDown::new);

    static final Atom DOWN = Atom.of("DOWN");
    private Pid pid;
    private Ref ref;

    @Override
    public void start(Stage s) {}

    /** Sleeps a second ({@code receive after}), then raises or ends normally. */
    static Behavior sleeper(boolean raise) {
        return Behaviors.receive("Sleeper.run/0", (ctx, m) -> Behaviors.same()).after(Duration.ofSeconds(1), ctx -> {
            if (raise) throw new RuntimeException("Oops");
            return Behaviors.stop();
        });
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("spawn_monitor a process that raises after a second", s -> {
                    s.typed("{pid, ref} = spawn_monitor(fn -> :timer.sleep(1000); raise \"Oops\" end)");
                    pid = s.startProcess(Atom.of("oops"), sleeper(true));
                    ref = s.iex().monitor(pid);
                    s.say("{" + pid + ", " + ref + "}");
                    s.highlight(pid);
                    s.typed("receive do {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts(\"Process died: #{inspect(reason)}\") end");
                }, "a DOWN message with the exception as its reason", s -> down(s, "Process died: ")),
                new Step("Monitor a process that finishes normally", s -> {
                    s.typed("pid = spawn(fn -> :timer.sleep(1000) end)");
                    pid = s.startProcess(Atom.of("sleeper"), sleeper(false));
                    s.say(pid.toString());
                    s.typed("ref = Process.monitor(pid)");
                    ref = s.iex().monitor(pid);
                    s.say(ref.toString());
                    s.highlight(pid);
                    s.typed("receive do {:DOWN, ^ref, :process, ^pid, reason} -> IO.puts(\"Process finished: #{reason}\") after 2000 -> IO.puts(\"Timeout\") end");
                }, "a DOWN message with reason :normal", s -> down(s, "Process finished: ")
                        .filter(line -> line.endsWith(": normal"))));
    }

    private Optional<String> down(Stage s, String prefix) {
        return s.receive(m -> m instanceof Tuple5(Atom tag, Ref r, Object process, Pid p, Object reason)
                        && tag == DOWN && r.equals(ref) && p.equals(pid), Duration.ofMillis(100))
                .map(m -> prefix + (((Tuple5) m).e4() instanceof Atom a ? a.name() : Stage.reason(((Tuple5) m).e4())));
    }
}
