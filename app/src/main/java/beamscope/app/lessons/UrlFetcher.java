package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code url-fetcher} (001): one Task per URL, awaited together. The web is simulated: a table of answers
 * with a delay each stands in for HTTPoison.get, so the lesson never touches the network.
 */
final class UrlFetcher implements Script {
    static final Lesson LESSON = new Lesson("url-fetcher", "A concurrent URL fetcher", "001",
            """
            Fetching pages is mostly waiting, which is what processes are good at. fetch_all starts one Task \
            per URL and then awaits them all (Task.await_many, with a 10-second limit): the fetches overlap, \
            so the whole takes about as long as the slowest page, and the results come back in the order of \
            the URLs. Each fetch turns its answer into a tagged tuple: {:ok, url, body} for a 200, \
            {:error, url, "Status 404"} for another status, {:error, url, reason} when there is no answer at \
            all. No network here: a table of simulated endpoints, each answering after a delay, stands in \
            for HTTPoison.get.""",
            """
            defmodule FakeHTTP do
              # stands in for HTTPoison.get (no network): a table of endpoints, each answering after a delay
              @endpoints %{
                "https://example.com" => {400, 200, "<h1>Example Domain</h1>"},
                "https://example.org" => {600, 200, "<h1>Example Domain</h1>"},
                "https://example.com/missing" => {200, 404, "Not Found"}
              }

              def get(url) do
                case Map.fetch(@endpoints, url) do
                  {:ok, {delay, status, body}} -> (:timer.sleep(delay); {:ok, %{status_code: status, body: body}})
                  :error -> (:timer.sleep(100); {:error, :econnrefused})
                end
              end
            end

            defmodule URLFetcher do
              def fetch_all(urls) do
                urls
                |> Enum.map(fn url -> Task.async(fn -> fetch(url) end) end)
                |> Task.await_many(10_000)
              end

              defp fetch(url) do
                case FakeHTTP.get(url) do
                  {:ok, %{status_code: 200, body: body}} -> {:ok, url, body}
                  {:ok, %{status_code: code}} -> {:error, url, "Status #{code}"}
                  {:error, reason} -> {:error, url, reason}
                end
              end
            end

            URLFetcher.fetch_all(["https://example.com", "https://example.org"])
            # [{:ok, "https://example.com", "<h1>Example Domain</h1>"},
            #  {:ok, "https://example.org", "<h1>Example Domain</h1>"}]
            URLFetcher.fetch_all(["https://example.com/missing", "https://down.example"])
            # [{:error, "https://example.com/missing", "Status 404"},
            #  {:error, "https://down.example", :econnrefused}]
            """,
            UrlFetcher::new);

    /** What a simulated endpoint answers, after {@code delay}: a status and body, or no answer ({@code error}). */
    record Endpoint(Duration delay, int status, String body, Atom error) {}

    static final Map<String, Endpoint> WEB = Map.of(
            "https://example.com", new Endpoint(Duration.ofMillis(400), 200, "<h1>Example Domain</h1>", null),
            "https://example.org", new Endpoint(Duration.ofMillis(600), 200, "<h1>Example Domain</h1>", null),
            "https://example.com/missing", new Endpoint(Duration.ofMillis(200), 404, "Not Found", null),
            "https://down.example", new Endpoint(Duration.ofMillis(100), 0, "", Atom.of("econnrefused")));

    /** {@code fetch(url)}: asks the simulated endpoint and tags its answer as the tutorial's fetch does. */
    static Object fetch(String url) throws InterruptedException {
        Endpoint e = WEB.get(url);
        if (e == null) return Tuple.of(Atom.of("error"), url, Atom.of("nxdomain"));
        Thread.sleep(e.delay().toMillis());
        if (e.error() != null) return Tuple.of(Atom.of("error"), url, e.error());
        if (e.status() == 200) return Tuple.of(Atom.OK, url, e.body());
        return Tuple.of(Atom.of("error"), url, "Status " + e.status());
    }

    private List<Object> results;
    private long millis;

    private void fetchAll(Stage s, List<String> urls) {
        s.typed("URLFetcher.fetch_all(" + Terms.inspect(urls) + ")");
        long t0 = System.nanoTime();
        List<Task> tasks = urls.stream().map(url -> Task.async(s.node(), () -> fetch(url))).toList();
        for (Task t : tasks) s.track(t.pid());
        s.highlight(tasks.stream().map(Task::pid).toArray(Pid[]::new));
        results = Task.awaitMany(tasks, Duration.ofSeconds(10));
        millis = (System.nanoTime() - t0) / 1_000_000;
    }

    private Optional<String> shown(List<Object> expected) {
        if (!expected.equals(results)) return Optional.empty();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++)
            out.append(i == 0 ? "[" : " ").append(Terms.inspect(results.get(i))).append(i == results.size() - 1 ? "]" : ",\n");
        return Optional.of(out + String.format(Locale.ROOT, "   # after %.1f s: about the slowest page, not the sum", millis / 1000.0));
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Fetch example.com and example.org at the same time", s ->
                        fetchAll(s, List.of("https://example.com", "https://example.org")),
                        "two {:ok, url, body} tuples, in the order of the URLs", s -> shown(List.of(
                                Tuple.of(Atom.OK, "https://example.com", "<h1>Example Domain</h1>"),
                                Tuple.of(Atom.OK, "https://example.org", "<h1>Example Domain</h1>")))),
                new Step("Fetch a page, a missing page and a server that is down", s ->
                        fetchAll(s, List.of("https://example.com", "https://example.com/missing", "https://down.example")),
                        "{:ok, …} for the page, {:error, url, \"Status 404\"} and {:error, url, :econnrefused}", s -> shown(List.of(
                                Tuple.of(Atom.OK, "https://example.com", "<h1>Example Domain</h1>"),
                                Tuple.of(Atom.of("error"), "https://example.com/missing", "Status 404"),
                                Tuple.of(Atom.of("error"), "https://down.example", Atom.of("econnrefused"))))));
    }
}
