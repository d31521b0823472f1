package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code stateful-counter} (004): the state is the loop's argument; {@code {:increment, amount}}, {@code {:get, caller}},
 * {@code :stop} — and a message no clause matches, which stays in the mailbox.
 */
final class StatefulCounter implements Script {
    static final Lesson LESSON = new Lesson("stateful-counter", "A stateful process: the loop's argument is the state", "004",
            """
            A process keeps state without variables that change: its loop function takes the count as an \
            argument and calls itself with the new count after each message. {:increment, amount} adds, \
            {:get, caller} sends the count back, :stop ends the loop. A message that no clause matches is not \
            an error: it stays in the mailbox, unread, for as long as the process lives.""",
            """
            defmodule Counter do
              def start(initial_count \\\\ 0), do: spawn(fn -> loop(initial_count) end)

              defp loop(count) do
                receive do
                  {:increment, amount} -> loop(count + amount)
                  {:get, caller} ->
                    send(caller, {:count, count})
                    loop(count)
                  :stop ->
                    IO.puts("Counter stopped at #{count}")
                end
              end
            end

            pid = Counter.start(0)
            send(pid, {:increment, 5})
            send(pid, {:increment, 3})
            send(pid, {:get, self()})
            receive do {:count, n} -> n end     # 8
            send(pid, :oops)                    # no clause matches: it stays in the mailbox
            send(pid, :stop)                    # "Counter stopped at 8"
            """,
            StatefulCounter::new);

    static final Atom INCREMENT = Atom.of("increment"), GET = Atom.of("get"), COUNT = Atom.of("count"),
            STOP = Atom.of("stop"), OOPS = Atom.of("oops");
    private Pid pid;
    private boolean stopped;

    static Behavior loop(Pid shell, long count) {
        return Behaviors.receive("Counter.loop/1", (ctx, msg) -> {
            if (msg instanceof Tuple2(Atom tag, Long amount) && tag == INCREMENT) return loop(shell, count + amount);
            if (msg instanceof Tuple2(Atom tag, Pid caller) && tag == GET) {
                ctx.send(caller, Tuple.of(COUNT, count));
                return Behaviors.same();
            }
            if (msg == STOP) {
                Stage.puts(ctx, shell, "Counter stopped at " + count);
                return Behaviors.stop();
            }
            return Behaviors.unhandled();   // stays in the mailbox
        });
    }

    @Override
    public void start(Stage s) {
        s.typed("pid = Counter.start(0)");
        pid = s.startProcess(Atom.of("Counter"), loop(s.iex().pid(), 0));
        s.say(pid.toString());
        s.focus(pid);
    }

    private void send(Stage s, Object msg) {
        send(s, Terms.inspect(msg), msg);
    }

    private void send(Stage s, String typed, Object msg) {
        s.typed("send(pid, " + typed + ")");
        s.node().send(pid, msg);
        s.say(Terms.inspect(msg));
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Increment by 5 and by 3, then ask for the count", s -> {
                    s.highlight(pid);
                    send(s, Tuple.of(INCREMENT, 5L));
                    send(s, Tuple.of(INCREMENT, 3L));
                    send(s, "{:get, self()}", Tuple.of(GET, s.iex().pid()));
                    s.typed("receive do {:count, n} -> n end");
                }, "the count comes back as 8", s -> s.receive(Stage.tagged(COUNT), Duration.ofMillis(100))
                        .map(m -> ((Tuple2) m).e1()).filter(n -> n.equals(8L)).map(String::valueOf)),
                new Step("Send :oops, which no clause matches", s -> {
                    s.highlight(pid);
                    send(s, OOPS);
                }, "it stays in the mailbox, unread (message_queue_len 1)", s -> s.node().processInfo(pid)
                        .filter(i -> i.messageQueueLen() == 1 && i.messages().contains(OOPS))
                        .map(i -> "# Process.info(pid, :messages) is {:messages, [:oops]}")),
                new Step("Send :stop", s -> {
                    s.highlight(pid);
                    send(s, STOP);
                }, "it prints Counter stopped at 8 and ends", s -> {
                    if (!stopped) s.printed(Duration.ofMillis(100)).filter("Counter stopped at 8"::equals).ifPresent(line -> {
                        stopped = true;
                        s.say(line);
                    });
                    return stopped && !s.node().isAlive(pid) ? Optional.of("# Process.alive?(pid) is false") : Optional.empty();
                }));
    }
}
