package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code send-receive} (001): a receive with several clauses runs once; the second message finds nobody. */
final class SendReceive implements Script {
    static final Lesson LESSON = new Lesson("send-receive", "send and receive: one receive, several clauses", "001",
            """
            send puts a message in a process's mailbox and returns at once. receive takes the first message \
            that matches one of its clauses and runs that clause — once. A process whose function has a \
            single receive and no loop ends after that one message; a second message sent to it afterwards \
            is simply lost, with no error for the sender.""",
            """
            pid = spawn(fn ->
              receive do
                {:add, a, b} -> IO.puts("#{a} + #{b} = #{a + b}")
                {:multiply, a, b} -> IO.puts("#{a} * #{b} = #{a * b}")
                _ -> IO.puts("Unknown message")
              end
            end)

            send(pid, {:add, 5, 3})        # "5 + 3 = 8"
            send(pid, {:multiply, 4, 7})   # the process already ended: the message is lost
            """,
            SendReceive::new);

    static final Atom ADD = Atom.of("add"), MULTIPLY = Atom.of("multiply");
    private Pid pid;
    private long sentAt;
    private boolean added;

    /** One receive with three clauses, then the process ends. */
    static Behavior once(Pid shell) {
        return Behaviors.receive("Calc.once/0", (ctx, msg) -> {
            if (msg instanceof Tuple3(Atom tag, Long a, Long b) && tag == ADD) Stage.puts(ctx, shell, a + " + " + b + " = " + (a + b));
            else if (msg instanceof Tuple3(Atom tag, Long a, Long b) && tag == MULTIPLY) Stage.puts(ctx, shell, a + " * " + b + " = " + (a * b));
            else Stage.puts(ctx, shell, "Unknown message");
            return Behaviors.stop();
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = spawn(fn -> receive do {:add, a, b} -> … ; {:multiply, a, b} -> … ; _ -> … end end)");
        pid = s.startProcess(Atom.of("receiver"), once(s.iex().pid()));
        s.say(pid.toString());
        s.focus(pid);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Send {:add, 5, 3}", s -> {
                    s.highlight(pid);
                    s.typed("send(pid, {:add, 5, 3})");
                    s.node().send(pid, Tuple.of(ADD, 5L, 3L));
                    s.say("{:add, 5, 3}");
                }, "the :add clause prints 5 + 3 = 8, and the process ends", s -> {
                    if (!added) s.printed(Duration.ofMillis(100)).filter("5 + 3 = 8"::equals).ifPresent(line -> {
                        added = true;
                        s.say(line);
                    });
                    return added && !s.node().isAlive(pid)
                            ? Optional.of("# the receive ran once: Process.alive?(pid) is now false") : Optional.empty();
                }),
                new Step("Send {:multiply, 4, 7} to the ended process", s -> {
                    s.highlight(pid);
                    s.typed("send(pid, {:multiply, 4, 7})");
                    s.node().send(pid, Tuple.of(MULTIPLY, 4L, 7L));
                    s.say(Terms.inspect(Tuple.of(MULTIPLY, 4L, 7L)) + "   # send still returns the message");
                    sentAt = System.nanoTime();
                }, "nothing is printed: the message is lost", s -> {
                    if (s.printed(Duration.ofMillis(100)).isPresent()) throw new IllegalStateException("a dead process printed");
                    return System.nanoTime() - sentAt > Duration.ofSeconds(1).toNanos()
                            ? Optional.of("# a second later, still nothing: nobody received it") : Optional.empty();
                }));
    }
}
