package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code task-start} (001): Task.start for work nobody waits on, Task.start_link for work whose crash must be heard. */
final class TaskStart implements Script {
    static final Lesson LESSON = new Lesson("task-start", "Task.start and Task.start_link", "001",
            """
            Not every job has an answer worth waiting for. Task.start runs a function in a new process and \
            returns {:ok, pid} at once: the caller never hears from it again, whether it succeeds or not. \
            Task.start_link does the same but links the task to the caller, so a crash in the task reaches \
            the caller as an exit signal: it dies with it, or, trapping exits, gets an {:EXIT, pid, reason} \
            message and can react. Neither kind can be awaited.""",
            """
            defmodule Mailer do
              # a stand-in for a slow side effect
              def send_email(to), do: IO.puts("Email sent to #{to}")
            end

            # fire and forget: the shell gets {:ok, pid} and moves on
            {:ok, pid} = Task.start(fn ->
              :timer.sleep(300)
              Mailer.send_email("ada@example.com")   # prints "Email sent to ada@example.com"
            end)

            # linked: the parent hears about the crash
            parent = spawn(fn ->
              Process.flag(:trap_exit, true)
              {:ok, task} = Task.start_link(fn ->
                :timer.sleep(300)
                raise "payment service down"
              end)

              receive do
                {:EXIT, ^task, reason} -> IO.puts("Parent notified: #{inspect(reason)}")
              end
            end)
            """,
            TaskStart::new);

    static final Atom STARTED = Atom.of("started"), EXIT = Atom.of("EXIT");
    static final Duration WORK = Duration.ofMillis(300);
    private Pid task, parent, linked;
    private boolean sent;

    /** The parent: traps exits, Task.start_links a job that crashes, prints the exit it receives. */
    static Behavior parent(Pid shell) {
        return Behaviors.setup(ctx -> {
            ctx.trapExit(true);
            Pid task = Task.startLink(ctx, () -> {
                Thread.sleep(WORK.toMillis());
                throw new RuntimeException("payment service down");
            });
            ctx.send(shell, Tuple.of(STARTED, task));
            return Behaviors.receive("Parent.loop/0", (c, msg) -> {
                if (msg instanceof Tuple3(Atom tag, Pid from, Object reason) && tag == EXIT && from.equals(task)) {
                    Stage.puts(c, shell, "Parent notified: " + Stage.reason(reason));
                    return Behaviors.stop();
                }
                return Behaviors.unhandled();
            });
        });
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Task.start a background email — the shell does not wait", s -> {
                    s.typed("{:ok, pid} = Task.start(fn -> :timer.sleep(300); send_email(\"ada@example.com\") end)");
                    sent = false;
                    Pid shell = s.iex().pid();
                    task = s.track(Task.start(s.node(), () -> {
                        Thread.sleep(WORK.toMillis());
                        s.node().send(shell, Tuple.of(Stage.IO, "Email sent to ada@example.com"));
                        return Atom.OK;
                    }));
                    s.say("{:ok, " + task + "}   # back at once; the email is still on its way");
                    s.highlight(task);
                }, "the task prints Email sent to ada@example.com and ends on its own", s -> {
                    if (!sent) s.printed(Duration.ofMillis(100)).filter("Email sent to ada@example.com"::equals)
                            .ifPresent(line -> {
                                sent = true;
                                s.say(line);
                            });
                    return sent && !s.node().isAlive(task)
                            ? Optional.of("# Process.alive?(pid) is false: nobody collected a result") : Optional.empty();
                }),
                new Step("Task.start_link a job that crashes, from a parent that traps exits", s -> {
                    s.typed("parent = spawn(fn -> Process.flag(:trap_exit, true); Task.start_link(fn -> raise \"payment service down\" end); receive … end)");
                    parent = s.startProcess(Atom.of("Parent"), parent(s.iex().pid()));
                    linked = s.track(s.receive(Stage.tagged(STARTED), Duration.ofSeconds(5))
                            .map(m -> (Pid) ((Tuple2) m).e1()).orElseThrow(() -> new IllegalStateException("the parent did not start")));
                    s.say("# parent " + parent + " linked to task " + linked);
                    s.highlight(parent, linked);
                }, "the task crashes and its parent receives {:EXIT, task, reason}", s ->
                        s.printed(Duration.ofMillis(100)).filter(line -> line.startsWith("Parent notified: "))));
    }
}
