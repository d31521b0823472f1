package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple3;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sequential-vs-concurrent} (001): three slow operations one after the other in one process, then
 * each in a process of its own.
 */
final class SequentialVsConcurrent implements Script {
    static final Lesson LESSON = new Lesson("sequential-vs-concurrent", "Sequential or concurrent", "001",
            """
            Three slow operations called one after another take the sum of their times: each waits for the \
            one before it. Spawn each in its own process and they wait side by side, so the whole takes about \
            as long as the slowest. Processes are cheap, so this is the everyday way to stop waiting in a line. \
            Here an "expensive operation" is half a second of sleep (a stand-in for a slow query).""",
            """
            defmodule Work do
              def expensive_operation(n) do
                :timer.sleep(500)
                n * 10
              end
            end

            shell = self()

            # one after the other: about 1.5 seconds
            spawn(fn ->
              results = Enum.map(1..3, &Work.expensive_operation/1)
              send(shell, {:sequential, results})
            end)

            # one process each: about 0.5 seconds
            for n <- 1..3 do
              spawn(fn -> send(shell, {:result, n, Work.expensive_operation(n)}) end)
            end
            """,
            SequentialVsConcurrent::new);

    static final Duration OPERATION = Duration.ofMillis(500);
    static final Atom SEQUENTIAL = Atom.of("sequential"), RESULT = Atom.of("result");

    private long t0;
    private Object sequential;
    private final List<Object> concurrent = new ArrayList<>();

    /** {@code Work.expensive_operation(n)}: half a second of waiting, then {@code n * 10}. */
    static long expensiveOperation(long n) throws InterruptedException {
        Thread.sleep(OPERATION.toMillis());
        return n * 10;
    }

    /** One process doing the three operations in a row, then sending the list to the shell. */
    static Behavior inARow(Pid shell) {
        return Behaviors.setup(ctx -> ctx.blocking(() -> {
            List<Long> results = new ArrayList<>();
            for (long n = 1; n <= 3; n++) results.add(expensiveOperation(n));
            return results;
        }, results -> {
            ctx.send(shell, Tuple.of(SEQUENTIAL, results));
            return Behaviors.stop();
        }));
    }

    /** One process doing one operation. */
    static Behavior one(Pid shell, long n) {
        return Behaviors.setup(ctx -> ctx.blocking(() -> expensiveOperation(n), result -> {
            ctx.send(shell, Tuple.of(RESULT, n, result));
            return Behaviors.stop();
        }));
    }

    private String after() {
        return String.format(Locale.ROOT, "after %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Run the three operations one after the other, in one process", s -> {
                    s.typed("spawn(fn -> send(shell, {:sequential, Enum.map(1..3, &Work.expensive_operation/1)}) end)");
                    sequential = null;
                    t0 = System.nanoTime();
                    Pid p = s.startProcess(Atom.of("Work.sequential"), inARow(s.iex().pid()));
                    s.say(p.toString());
                    s.highlight(p);
                }, "the three results arrive together, after the three waits added up (about 1.5 s)", s -> {
                    if (sequential == null)
                        s.receive(Stage.tagged(SEQUENTIAL), Duration.ofMillis(100)).ifPresent(m -> sequential = m);
                    return sequential == null ? Optional.empty()
                            : Optional.of(beamscope.runtime.Terms.inspect(sequential) + "   # " + after()
                                    + ": each operation waited for the one before it");
                }),
                new Step("Spawn one process per operation", s -> {
                    s.typed("for n <- 1..3, do: spawn(fn -> send(shell, {:result, n, Work.expensive_operation(n)}) end)");
                    concurrent.clear();
                    t0 = System.nanoTime();
                    List<Pid> pids = new ArrayList<>();
                    for (long n = 1; n <= 3; n++) pids.add(s.startProcess(Atom.of("Work.op" + n), one(s.iex().pid(), n)));
                    s.say(beamscope.runtime.Terms.inspect(pids));
                    s.highlight(pids.toArray(Pid[]::new));
                }, "three results, all after about the time of one operation (0.5 s)", s -> {
                    s.receive(Stage.tagged(RESULT), Duration.ofMillis(100)).ifPresent(m -> {
                        concurrent.add(m);
                        s.say(beamscope.runtime.Terms.inspect(m));
                    });
                    return concurrent.size() == 3 && concurrent.stream().allMatch(m -> m instanceof Tuple3)
                            ? Optional.of("# all three " + after() + ": they waited side by side")
                            : Optional.empty();
                }));
    }
}
