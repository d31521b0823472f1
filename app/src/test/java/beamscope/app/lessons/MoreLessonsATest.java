package beamscope.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.LessonsTest.Transcript;
import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lessons of tutorials 000, 002 and 003 added by helper lessons-a, each run headless on a fresh node. */
class MoreLessonsATest {
    private Node node;

    @BeforeEach
    void start() {
        node = Node.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    Transcript run(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Headless.run(Lessons.find(id).orElseThrow(), node, new PrintStream(out, true, StandardCharsets.UTF_8));
        Transcript t = new Transcript(status, out.toString(StandardCharsets.UTF_8));
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(node.registered()).as("names left by %s", id).isEmpty();
        return t;
    }

    @Test
    void cacheTtl_putGetDelete_thenTheTimersExpireTheRest() {
        Transcript t = run("cache-ttl");
        assertThat(t.lines()).containsSubsequence("iex> Cache.get(:key1)", "\"value 1\"", "iex> Cache.get(:key5)",
                "\"value 5\"", "iex> Cache.delete(:key5)", ":ok", "iex> Cache.get(:key5)", "nil");
        assertThat(t.lines()).contains("Expired :key1", "Expired :key2", "Expired :key3", "Expired :key4");
        assertThat(t.lines()).doesNotContain("Expired :key5");
        assertThat(t.lines()).containsSubsequence("Expired :key4", "iex> Cache.get(:key1)", "nil");
    }

    @Test
    void rateLimiterClients_fiveClientsOfTwentyRequests_eachLetThroughTen() {
        Transcript t = run("rate-limiter-clients");
        for (int id = 1; id <= 5; id++)
            assertThat(t.lines()).contains("Client " + id + ": 10 :ok, 10 {:error, :rate_limited}");
        assertThat(t.lines()).containsSubsequence("iex> RateLimiter.request(1)", "{:error, :rate_limited}",
                "iex> RateLimiter.request(6)", ":ok");
    }

    @Test
    void healthChecker_oneByOneInListOrder_thenConcurrentlyFastestFirst() {
        Transcript t = run("health-checker");
        assertThat(t.lines()).containsSubsequence("https://google.com is UP!", "https://elixir-lang.org is UP!",
                "https://github.com is UP!", "https://offline.example is DOWN!", "iex> tasks = Enum.map(urls, fn url -> Task.async(fn -> HealthCheck.check(url) end) end)");
        String second = t.text().substring(t.text().indexOf("iex> tasks ="));
        assertThat(second.lines().filter(l -> l.endsWith(" is UP!") || l.endsWith(" is DOWN!")).sorted().toList())
                .containsExactly("https://elixir-lang.org is UP!", "https://github.com is UP!", "https://google.com is UP!",
                        "https://offline.example is DOWN!");
        assertThat(t.text()).containsPattern("\\[:up, :up, :up, :down\\]   # after [0-9.]+ s: the four waits added up")
                .containsPattern("\\[:up, :up, :up, :down\\]   # after [0-9.]+ s: about the slowest site alone");
    }

    @Test
    void bottleneck_theSlowServerQueuesItsCallers_theTaskVersionAnswersThemAll() {
        Transcript t = run("bottleneck");
        String slow = t.text().substring(0, t.text().indexOf("## 2."));
        String fixed = t.text().substring(t.text().indexOf("## 2."));
        for (int n = 1; n <= 6; n++) {
            assertThat(slow).containsPattern("Making report " + n + " \\(message_queue_len \\d+\\)");
            assertThat(fixed).containsPattern("Report " + n + " handed to a Task \\(message_queue_len \\d+\\)");
        }
        assertThat(Integer.parseInt(new Transcript(0, slow)
                .group("the mailbox held at most (\\d+);"))).isGreaterThan(1);
        assertThat(fixed).contains("# six reports in;");
    }

    @Test
    void secretAgent_whisper_setPriority_terminate() {
        Transcript t = run("secret-agent");
        String pid = t.group("iex> agent_pid = spawn.*\\n" + LessonsTest.PID);
        assertThat(t.lines()).containsSubsequence("Is agent alive? true",
                "Agent [" + pid + "] received secret: The eagle has landed.", "Agent priority changed to: high",
                "iex> Process.info(agent_pid, :priority)", "{:priority, :high}", "Agent signing off. Over and out.",
                "# Process.alive?(agent_pid) is false");
    }

    @Test
    void millionProcesses_tenThousandThenTheRealMillion_allGoneAfterTheirSleep() {
        var before = node.processes();
        Transcript t = run("million-processes");
        assertThat(t.text()).containsPattern("Spawned 10 thousand processes in [0-9.]+ seconds\\.")
                .containsPattern("Spawned 1 million processes in [0-9.]+ seconds\\.");
        assertThat(node.processes()).isEqualTo(before);
    }

    @Test
    void priorityStress_highPriorityTasksRunAmongBusyLoops_andTheLoopsAreGoneAfter() {
        var before = node.processes();
        Transcript t = run("priority-stress");
        assertThat(t.text()).containsPattern("High Priority task ran [0-9.]+ ms after its spawn")
                .containsPattern("1,000 High Priority tasks ran; wait from spawn to running: median [0-9.]+ µs");
        assertThat(node.processes()).isEqualTo(before);
    }
}
