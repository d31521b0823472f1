package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code spawn-basics} (001): spawn runs a function in a new process; self(); Process.alive? before and after it ends. */
final class SpawnBasics implements Script {
    static final Lesson LESSON = new Lesson("spawn-basics", "spawn, self and Process.alive?", "001",
            """
            spawn starts a new process running a function and returns its pid at once. The process runs \
            the function and ends when the function returns — nothing keeps it alive. self() is the pid of \
            whoever calls it (here, the shell). Process.alive? tells whether a pid still belongs to a running \
            process.""",
            """
            pid = spawn(fn -> IO.puts("Hello from process!") end)
            # => #PID<0.123.0>, and "Hello from process!" is printed

            self()                         # the shell's own pid

            pid = spawn(fn -> :timer.sleep(1000) end)
            Process.alive?(pid)            # true
            :timer.sleep(1100)
            Process.alive?(pid)            # false
            """,
            SpawnBasics::new);

    private Pid pid;
    private boolean seenAlive;

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Spawn a process that prints and ends", s -> {
                    s.typed("pid = spawn(fn -> IO.puts(\"Hello from process!\") end)");
                    Pid shell = s.iex().pid();
                    pid = s.startProcess(Atom.of("hello"), Behaviors.setup(ctx -> {
                        Stage.puts(ctx, shell, "Hello from process!");
                        return Behaviors.stop();
                    }));
                    s.say(pid.toString());
                    s.highlight(pid);
                }, "it prints Hello from process!", s -> s.printed(Duration.ofMillis(100)).filter("Hello from process!"::equals)),
                new Step("Ask for self()", s -> {
                    s.highlight(s.iex().pid());
                    s.typed("self()");
                }, "the shell's own pid", s -> Optional.of(s.iex().pid().toString())),
                new Step("Spawn a process that sleeps a second; ask Process.alive? while it sleeps and after", s -> {
                    s.typed("pid = spawn(fn -> :timer.sleep(1000) end)");
                    pid = s.startProcess(Atom.of("sleeper"), Behaviors.receive("Sleeper.run/0", (ctx, m) -> Behaviors.same())
                            .after(Duration.ofSeconds(1), ctx -> Behaviors.stop()));
                    s.say(pid.toString());
                    s.highlight(pid);
                    s.typed("Process.alive?(pid)");
                    seenAlive = s.node().isAlive(pid);
                    s.say(String.valueOf(seenAlive));
                    s.typed(":timer.sleep(1100)");
                    s.typed("Process.alive?(pid)");
                }, "alive while it sleeps, then not", s -> seenAlive && !s.node().isAlive(pid)
                        ? Optional.of("false") : Optional.empty()));
    }
}
