package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code task-async-await} (001): Task.async runs a job in its own process; await and await_many collect. */
final class TaskAsyncAwait implements Script {
    static final Lesson LESSON = new Lesson("task-async-await", "Task.async, await and await_many", "001",
            """
            Task.async runs a function in a new process, linked to and monitored by the caller, and hands back \
            a task to wait on. Task.await blocks until that process sends its result (5 seconds at most by \
            default). Start several tasks first and await them together with Task.await_many: they run at the \
            same time, so three one-second jobs take about one second, not three. Here the jobs sleep instead \
            of fetching anything (no network).""",
            """
            task = Task.async(fn ->
              :timer.sleep(1000)
              "Done!"
            end)

            # do other work...
            result = Task.await(task)       # "Done!" (after 1 second)

            defmodule Shop do
              # stand-ins for three slow lookups (no network here): each takes a second
              def fetch_users, do: (:timer.sleep(1000); :users)
              def fetch_orders, do: (:timer.sleep(1000); :orders)
              def fetch_products, do: (:timer.sleep(1000); :products)
            end

            tasks = [
              Task.async(fn -> Shop.fetch_users() end),
              Task.async(fn -> Shop.fetch_orders() end),
              Task.async(fn -> Shop.fetch_products() end)
            ]

            results = Task.await_many(tasks)   # [:users, :orders, :products]
            """,
            TaskAsyncAwait::new);

    private Object result;
    private List<Object> results;
    private long millis;

    /** A simulated fetch: one second of waiting (on a dirty scheduler, as a blocking call), then its answer. */
    static Object fetch(String what) throws InterruptedException {
        Thread.sleep(1000);
        return Atom.of(what);
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Task.async a one-second job, then Task.await it", s -> {
                    s.typed("task = Task.async(fn -> :timer.sleep(1000); \"Done!\" end)");
                    Task task = Task.async(s.node(), () -> {
                        Thread.sleep(1000);
                        return "Done!";
                    });
                    s.track(task.pid());
                    s.highlight(task.pid());
                    s.say("%Task{pid: " + task.pid() + ", …}");
                    s.typed("result = Task.await(task)");
                    result = Task.await(task);
                }, "await returns \"Done!\"", s -> "Done!".equals(result) ? Optional.of(Terms.inspect(result)) : Optional.empty()),
                new Step("Start three one-second fetches, then Task.await_many them", s -> {
                    s.typed("tasks = [Task.async(fn -> fetch_users() end), Task.async(fn -> fetch_orders() end), Task.async(fn -> fetch_products() end)]");
                    long t0 = System.nanoTime();
                    List<Task> tasks = List.of(Task.async(s.node(), () -> fetch("users")),
                            Task.async(s.node(), () -> fetch("orders")), Task.async(s.node(), () -> fetch("products")));
                    for (Task t : tasks) s.track(t.pid());
                    s.highlight(tasks.stream().map(Task::pid).toArray(Pid[]::new));
                    s.typed("results = Task.await_many(tasks)");
                    results = Task.awaitMany(tasks, Duration.ofSeconds(5));
                    millis = (System.nanoTime() - t0) / 1_000_000;
                }, "the three results, in the order the tasks were started", s ->
                        List.of(Atom.of("users"), Atom.of("orders"), Atom.of("products")).equals(results)
                                ? Optional.of(Terms.inspect(results) + String.format(Locale.ROOT,
                                        "   # after %.1f s: the three ran at the same time", millis / 1000.0))
                                : Optional.empty()));
    }
}
