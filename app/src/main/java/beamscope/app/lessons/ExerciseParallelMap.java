package beamscope.app.lessons;

import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/** {@code exercise-parallel-map} (001, exercise 3): map a slow function over a list, one Task per element. */
final class ExerciseParallelMap implements Script {
    static final Lesson LESSON = new Lesson("exercise-parallel-map", "Exercise: a parallel map", "001",
            """
            The third exercise: Enum.map, but with every element handled in its own process. pmap first starts \
            one Task per element — all of them, before waiting for any — and only then awaits them in list \
            order, so the answers line up with the input. With a function that takes one second, four \
            elements take about one second instead of four. (Awaiting each task right after starting it would \
            bring back the four seconds: the start-all-then-wait order is the point.)""",
            """
            defmodule ParallelMap do
              def pmap(list, fun) do
                list
                |> Enum.map(fn x -> Task.async(fn -> fun.(x) end) end)   # start them all
                |> Enum.map(&Task.await/1)                               # then collect, in order
              end
            end

            ParallelMap.pmap([1, 2, 3, 4], fn x ->
              :timer.sleep(1000)
              x * 2
            end)
            # [2, 4, 6, 8] after about one second, not four
            """,
            ExerciseParallelMap::new);

    static final Duration SLOW = Duration.ofSeconds(1);
    private List<Object> results;
    private long millis;

    /** {@code pmap(list, fun)}: every task started first, then each awaited in order. */
    static List<Object> pmap(Stage s, List<Long> list, LongUnaryOperator fun) {
        List<Task> tasks = new ArrayList<>();
        for (long x : list) tasks.add(Task.async(s.node(), () -> fun.applyAsLong(x)));
        for (Task t : tasks) s.track(t.pid());
        s.highlight(tasks.stream().map(Task::pid).toArray(Pid[]::new));
        List<Object> out = new ArrayList<>();
        for (Task t : tasks) out.add(Task.await(t));
        return out;
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(new Step("pmap a one-second doubling over [1, 2, 3, 4]", s -> {
            s.typed("ParallelMap.pmap([1, 2, 3, 4], fn x -> :timer.sleep(1000); x * 2 end)");
            long t0 = System.nanoTime();
            results = pmap(s, List.of(1L, 2L, 3L, 4L), x -> {
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return x * 2;
            });
            millis = (System.nanoTime() - t0) / 1_000_000;
        }, "[2, 4, 6, 8], in the input's order", s -> List.of(2L, 4L, 6L, 8L).equals(results)
                ? Optional.of(Terms.inspect(results) + String.format(Locale.ROOT,
                        "   # after %.1f s: four one-second calls side by side, not one after another", millis / 1000.0))
                : Optional.empty()));
    }
}
