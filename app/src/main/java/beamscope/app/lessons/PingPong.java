package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ping-pong} (004): two processes bounce {:ping, pid} and {:pong, pid} n times; the bonus: a timeout. */
final class PingPong implements Script {
    static final Lesson LESSON = new Lesson("ping-pong", "Ping-pong between two processes", "004",
            """
            Two processes and nothing shared: ping sends {:ping, self()} to pong, pong answers {:pong, self()} \
            to whoever asked, and they go round a given number of times, counting down in their own loop \
            arguments. The bonus: a receive with after, so ping gives up instead of waiting forever when no \
            pong comes back.""",
            """
            defmodule PingPong do
              def start(n) do
                pong = spawn(fn -> pong_loop(n) end)
                spawn(fn -> ping_loop(pong, n) end)
              end

              defp ping_loop(_pong, 0), do: IO.puts("Ping done!")
              defp ping_loop(pong, remaining) do
                send(pong, {:ping, self()})
                receive do
                  {:pong, _from} ->
                    IO.puts("Got pong! #{remaining - 1} remaining")
                    ping_loop(pong, remaining - 1)
                after
                  1000 -> IO.puts("No pong within a second, giving up")
                end
              end

              defp pong_loop(0), do: IO.puts("Pong done!")
              defp pong_loop(remaining) do
                receive do
                  {:ping, from} ->
                    send(from, {:pong, self()})
                    pong_loop(remaining - 1)
                end
              end
            end

            PingPong.start(3)
            """,
            PingPong::new);

    static final Atom PING = Atom.of("ping"), PONG = Atom.of("pong");
    private final List<String> seen = new ArrayList<>();
    private Pid ping, pong;

    static Behavior pongLoop(Pid shell, int remaining) {
        if (remaining == 0) return Behaviors.setup(ctx -> {
            Stage.puts(ctx, shell, "Pong done!");
            return Behaviors.stop();
        });
        return Behaviors.receive("PingPong.pong_loop/1", (ctx, msg) -> {
            if (!(msg instanceof Tuple2(Atom tag, Pid from) && tag == PING)) return Behaviors.unhandled();
            ctx.send(from, Tuple.of(PONG, ctx.self()));
            return pongLoop(shell, remaining - 1);
        });
    }

    /** A pong that never answers: for the bonus timeout. */
    static Behavior silentPong() {
        return Behaviors.receive("PingPong.silent/0", (ctx, msg) -> Behaviors.same());
    }

    static Behavior pingLoop(Pid shell, Pid pong, int remaining) {
        if (remaining == 0) return Behaviors.setup(ctx -> {
            Stage.puts(ctx, shell, "Ping done!");
            return Behaviors.stop();
        });
        return Behaviors.setup(ctx -> {
            ctx.send(pong, Tuple.of(PING, ctx.self()));
            return Behaviors.receive("PingPong.ping_loop/2", (c, msg) -> {
                if (!(msg instanceof Tuple2(Atom tag, Pid from) && tag == PONG)) return Behaviors.unhandled();
                Stage.puts(c, shell, "Got pong! " + (remaining - 1) + " remaining");
                return pingLoop(shell, pong, remaining - 1);
            }).after(Duration.ofSeconds(1), c -> {
                Stage.puts(c, shell, "No pong within a second, giving up");
                return Behaviors.stop();
            });
        });
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Start ping and pong for 3 rounds", s -> {
                    s.typed("PingPong.start(3)");
                    pong = s.startProcess(Atom.of("pong"), pongLoop(s.iex().pid(), 3));
                    ping = s.startProcess(Atom.of("ping"), pingLoop(s.iex().pid(), pong, 3));
                    s.say(ping.toString());
                    s.highlight(ping, pong);
                }, "three pongs, then both loops end", s -> {
                    s.printed(Duration.ofMillis(100)).ifPresent(line -> {
                        seen.add(line);
                        s.say(line);
                    });
                    return seen.containsAll(List.of("Got pong! 2 remaining", "Got pong! 1 remaining",
                            "Got pong! 0 remaining", "Ping done!", "Pong done!"))
                            && !s.node().isAlive(ping) && !s.node().isAlive(pong) ? Optional.of("") : Optional.empty();
                }),
                new Step("Bonus: ping a pong that never answers", s -> {
                    s.typed("silent = spawn(fn -> receive do _ -> :ok end end)");
                    pong = s.startProcess(Atom.of("silent_pong"), silentPong());
                    s.say(pong.toString());
                    s.typed("spawn(fn -> ping_loop(silent, 3) end)");
                    ping = s.startProcess(Atom.of("ping"), pingLoop(s.iex().pid(), pong, 3));
                    s.say(ping.toString());
                    s.highlight(ping, pong);
                }, "ping gives up after a second without a pong", s ->
                        s.printed(Duration.ofMillis(100)).filter("No pong within a second, giving up"::equals)));
    }
}
