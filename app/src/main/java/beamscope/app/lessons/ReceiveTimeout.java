package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;

/** {@code receive-timeout} (001): {@code after} ends a receive that got nothing in time. */
final class ReceiveTimeout implements Script {
    static final Lesson LESSON = new Lesson("receive-timeout", "receive … after: not waiting forever", "001",
            """
            A receive with no matching message waits — forever, unless it has an after clause. With \
            after 1000 the process waits at most a second and then runs the after branch instead. Each step \
            starts a process that waits for {:hello, msg} for one second and reports what it got.""",
            """
            receive do
              {:hello, msg} -> msg
            after
              1000 -> "No message in 1 second"
            end
            """,
            ReceiveTimeout::new);

    static final Atom HELLO = Atom.of("hello");
    private Pid pid;

    static Behavior waiter(Pid shell) {
        return Behaviors.receive("Waiter.run/0", (ctx, msg) -> {
            if (!(msg instanceof Tuple2(Atom tag, String text) && tag == HELLO)) return Behaviors.unhandled();
            Stage.puts(ctx, shell, "\"" + text + "\"");
            return Behaviors.stop();
        }).after(Duration.ofSeconds(1), ctx -> {
            Stage.puts(ctx, shell, "\"No message in 1 second\"");
            return Behaviors.stop();
        });
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Start a waiter and send it {:hello, \"world\"} at once", s -> {
                    s.typed("pid = spawn(fn -> receive do {:hello, msg} -> msg after 1000 -> \"No message in 1 second\" end end)");
                    pid = s.startProcess(Atom.of("waiter"), waiter(s.iex().pid()));
                    s.say(pid.toString());
                    s.highlight(pid);
                    s.typed("send(pid, {:hello, \"world\"})");
                    s.node().send(pid, Tuple.of(HELLO, "world"));
                }, "the receive matches and returns \"world\"", s -> s.printed(Duration.ofMillis(100)).filter("\"world\""::equals)),
                new Step("Start a waiter and send it nothing", s -> {
                    s.typed("pid = spawn(fn -> receive do {:hello, msg} -> msg after 1000 -> \"No message in 1 second\" end end)");
                    pid = s.startProcess(Atom.of("waiter"), waiter(s.iex().pid()));
                    s.say(pid.toString());
                    s.highlight(pid);
                }, "after a second the after clause runs", s ->
                        s.printed(Duration.ofMillis(100)).filter("\"No message in 1 second\""::equals)));
    }
}
