package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code link-unlink} (001): Process.link to a running process, the links list, unlink, and a kill that no longer spreads. */
final class LinkUnlink implements Script {
    static final Lesson LESSON = new Lesson("link-unlink", "Process.link and Process.unlink", "001",
            """
            spawn_link links at birth; Process.link links to a process that is already running. A link shows \
            up in Process.info(self(), :links) on both sides. Process.unlink removes it again: afterwards the \
            other process can die without taking the shell with it.""",
            """
            pid = spawn(fn -> :timer.sleep(5000) end)
            Process.link(pid)
            Process.info(self(), :links)     # {:links, [pid]}

            Process.unlink(pid)
            Process.info(self(), :links)     # {:links, []}

            Process.exit(pid, :kill)         # the shell lives on
            """,
            LinkUnlink::new);

    private Pid pid;

    static Behavior sleeper() {
        return Behaviors.receive("Sleeper.run/0", (ctx, m) -> Behaviors.same())
                .after(Duration.ofSeconds(60), ctx -> Behaviors.stop());
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = spawn(fn -> :timer.sleep(5000) end)");
        pid = s.startProcess(Atom.of("sleeper"), sleeper());
        s.say(pid.toString());
        s.focus(pid);
    }

    private static Optional<List<Pid>> links(Stage s) {
        return s.node().processInfo(s.iex().pid()).map(i -> i.links());
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Link the shell to the running process", s -> {
                    s.highlight(pid, s.iex().pid());
                    s.typed("Process.link(pid)");
                    s.iex().link(pid);
                    s.say("true");
                    s.typed("Process.info(self(), :links)");
                }, "the shell's links list holds the pid", s -> links(s).filter(l -> l.equals(List.of(pid)))
                        .map(l -> "{:links, " + l + "}")),
                new Step("Unlink it", s -> {
                    s.highlight(pid, s.iex().pid());
                    s.typed("Process.unlink(pid)");
                    s.iex().unlink(pid);
                    s.say("true");
                    s.typed("Process.info(self(), :links)");
                }, "the links list is empty", s -> links(s).filter(List::isEmpty).map(l -> "{:links, []}")),
                new Step("Kill the process — the unlinked shell lives on", s -> {
                    s.highlight(pid, s.iex().pid());
                    s.typed("Process.exit(pid, :kill)");
                    s.node().exit(pid, Atom.KILL);
                    s.say("true");
                }, "the process is dead and the shell alive", s -> !s.node().isAlive(pid) && s.iex().isAlive()
                        ? Optional.of("# Process.alive?(pid) is false; the shell " + s.iex().pid() + " is still here")
                        : Optional.empty()));
    }
}
