package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code health-checker} (002): simulated sites checked one by one, then all at once with Task.async and await_many. */
final class HealthChecker implements Script {
    static final Lesson LESSON = new Lesson("health-checker", "A health checker: Tasks check sites at once", "002",
            """
            Checking sites is mostly waiting for answers. Done one after another, the waits add up; with a Task \
            per site, every request waits at the same time and the whole check takes about as long as the \
            slowest site. Task.async starts each check in its own process; Task.await_many collects the results \
            in the order the tasks were started, while each check prints as soon as its own answer is in. No \
            network here: the four sites are simulated, each with its own delay, and one of them is down.""",
            """
            defmodule HTTP do
              # simulated sites (no network): each answers after its own delay; one never answers
              @sites %{"https://google.com" => 300, "https://elixir-lang.org" => 500, "https://github.com" => 400}

              def get(url) do
                case Map.fetch(@sites, url) do
                  {:ok, delay} -> (:timer.sleep(delay); {:ok, %{status_code: 200}})
                  :error -> (:timer.sleep(600); {:error, :timeout})
                end
              end
            end

            defmodule HealthCheck do
              def check(url) do
                case HTTP.get(url) do
                  {:ok, %{status_code: 200}} ->
                    IO.puts("#{url} is UP!")
                    :up
                  _ ->
                    IO.puts("#{url} is DOWN!")
                    :down
                end
              end
            end

            urls = ["https://google.com", "https://elixir-lang.org",
                    "https://github.com", "https://offline.example"]

            # one by one: the waits add up
            Enum.map(urls, &HealthCheck.check/1)

            # a Task per url: the waits overlap
            tasks = Enum.map(urls, fn url -> Task.async(fn -> HealthCheck.check(url) end) end)
            Task.await_many(tasks)   # [:up, :up, :up, :down]
            """,
            HealthChecker::new);

    /** A simulated site: how long it takes to answer, and its HTTP status (0: no answer at all). */
    record Endpoint(String url, Duration delay, int status) {}

    static final List<Endpoint> SITES = List.of(
            new Endpoint("https://google.com", Duration.ofMillis(300), 200),
            new Endpoint("https://elixir-lang.org", Duration.ofMillis(500), 200),
            new Endpoint("https://github.com", Duration.ofMillis(400), 200),
            new Endpoint("https://offline.example", Duration.ofMillis(600), 0));
    static final Atom UP = Atom.of("up"), DOWN = Atom.of("down");
    static final List<Atom> EXPECTED = List.of(UP, UP, UP, DOWN);

    private final List<String> printed = new ArrayList<>();
    private Object sequential;
    private List<Object> concurrent;
    private long millis;

    /** HealthCheck.check(url): waits for the simulated answer (a blocking call, on a dirty scheduler), prints, returns. */
    static Atom check(Node node, Pid shell, Endpoint site) throws InterruptedException {
        Thread.sleep(site.delay().toMillis());
        boolean up = site.status() == 200;
        node.send(shell, Tuple.of(Stage.IO, site.url() + (up ? " is UP!" : " is DOWN!")));
        return up ? UP : DOWN;
    }

    @Override
    public void start(Stage s) {
        s.typed("urls = " + Terms.inspect(SITES.stream().map(Endpoint::url).toList()));
    }

    /** Prints what the checks printed, until {@code count} lines are in. */
    private boolean collect(Stage s, int count) {
        s.printed(Duration.ofMillis(50)).ifPresent(line -> {
            printed.add(line);
            s.say(line);
        });
        return printed.size() >= count;
    }

    private static String took(long millis, String how) {
        return String.format(Locale.ROOT, "   # after %.1f s: %s", millis / 1000.0, how);
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Check the four sites one after another (in one process)", s -> {
                    printed.clear();
                    s.typed("Task.async(fn -> Enum.map(urls, &HealthCheck.check/1) end) |> Task.await()");
                    Pid shell = s.iex().pid();
                    long t0 = System.nanoTime();
                    Task task = Task.async(s.node(), () -> {
                        List<Object> out = new ArrayList<>();
                        for (Endpoint site : SITES) out.add(check(s.node(), shell, site));
                        return out;
                    });
                    s.track(task.pid());
                    s.highlight(task.pid());
                    sequential = Task.await(task, Duration.ofSeconds(10));
                    millis = (System.nanoTime() - t0) / 1_000_000;
                }, "the sites answer in list order; three are UP, offline.example is DOWN", s ->
                        collect(s, SITES.size()) && EXPECTED.equals(sequential)
                                ? Optional.of(Terms.inspect(sequential) + took(millis, "the four waits added up"))
                                : Optional.empty()),
                new Step("Check them all at once: a Task per site, then Task.await_many", s -> {
                    printed.clear();
                    s.typed("tasks = Enum.map(urls, fn url -> Task.async(fn -> HealthCheck.check(url) end) end)");
                    Pid shell = s.iex().pid();
                    long t0 = System.nanoTime();
                    List<Task> tasks = new ArrayList<>();
                    for (Endpoint site : SITES) tasks.add(Task.async(s.node(), () -> check(s.node(), shell, site)));
                    for (Task t : tasks) s.track(t.pid());
                    s.highlight(tasks.stream().map(Task::pid).toArray(Pid[]::new));
                    s.say(Terms.inspect(tasks.stream().map(Task::pid).toList()));
                    s.typed("Task.await_many(tasks)");
                    concurrent = Task.awaitMany(tasks, Duration.ofSeconds(10));
                    millis = (System.nanoTime() - t0) / 1_000_000;
                }, "each site prints when its answer is in (fastest first); await_many gives [:up, :up, :up, :down]", s ->
                        collect(s, SITES.size()) && EXPECTED.equals(concurrent)
                                ? Optional.of(Terms.inspect(concurrent) + took(millis, "about the slowest site alone"))
                                : Optional.empty()));
    }
}
