package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code named-processes} (001): register a pid under an atom, send by name, whereis, unregister. */
final class NamedProcesses implements Script {
    static final Lesson LESSON = new Lesson("named-processes", "Named processes: register, whereis, unregister", "001",
            """
            A pid is only known to whoever was handed it. Registering gives a process a name, an atom any \
            process on the node can send to, and Process.whereis turns the name back into the pid. A name \
            belongs to one live process at a time; unregister frees it (so does the process's death), and the \
            process itself lives on without it.""",
            """
            pid = spawn(fn ->
              receive do
                msg -> IO.puts("Got: #{msg}")
              end
            end)

            Process.register(pid, :my_process)
            send(:my_process, "Hello!")        # "Got: Hello!"

            Process.whereis(:my_process)       # #PID<...>
            Process.unregister(:my_process)
            Process.whereis(:my_process)       # nil
            """,
            NamedProcesses::new);

    static final String NAME = "my_process";
    private Pid pid;

    /** Prints every message as {@code Got: msg} and waits for the next (a loop, so it outlives the demo's send). */
    static Behavior printer(Pid shell) {
        return Behaviors.receive("Printer.loop/0", (ctx, msg) -> {
            Stage.puts(ctx, shell, "Got: " + (msg instanceof String t ? t : Terms.inspect(msg)));
            return Behaviors.same();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = spawn(fn -> receive do msg -> IO.puts(\"Got: #{msg}\") end end)");
        pid = s.startProcess(Atom.of("printer"), printer(s.iex().pid()));
        s.say(pid.toString());
        s.focus(pid);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Register the process as :my_process", s -> {
                    s.highlight(pid);
                    s.typed("Process.register(pid, :my_process)");
                    s.node().register(NAME, pid);
                    s.say("true");
                    s.typed("Process.whereis(:my_process)");
                }, "whereis(:my_process) answers its pid", s ->
                        s.node().whereis(NAME).filter(pid::equals).map(Pid::toString)),
                new Step("Send \"Hello!\" to the name, not the pid", s -> {
                    s.highlight(pid);
                    s.typed("send(:my_process, \"Hello!\")");
                    s.node().send(NAME, "Hello!");
                    s.say("\"Hello!\"");
                }, "the process prints Got: Hello!", s -> s.printed(Duration.ofMillis(100)).filter("Got: Hello!"::equals)),
                new Step("Unregister the name", s -> {
                    s.highlight(pid);
                    s.typed("Process.unregister(:my_process)");
                    s.node().unregister(NAME);
                    s.say("true");
                    s.typed("Process.whereis(:my_process)");
                }, "the name is free and the process still alive", s ->
                        s.node().whereis(NAME).isEmpty() && s.node().isAlive(pid)
                                ? Optional.of("nil   # and Process.alive?(pid) is still true") : Optional.empty()));
    }
}
