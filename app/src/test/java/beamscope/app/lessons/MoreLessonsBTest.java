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

/** The practical examples and exercises of tutorial 001, each run headless on a fresh node. */
class MoreLessonsBTest {
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
        var before = node.processes();
        int status = Headless.run(Lessons.find(id).orElseThrow(), node, new PrintStream(out, true, StandardCharsets.UTF_8));
        Transcript t = new Transcript(status, out.toString(StandardCharsets.UTF_8));
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(node.processes()).as("processes left by %s", id).isEqualTo(before);
        assertThat(node.registered()).as("names left by %s", id).isEmpty();
        return t;
    }

    @Test
    void sequentialVsConcurrent_theSameThreeResults_inARowAndSideBySide() {
        Transcript t = run("sequential-vs-concurrent");
        assertThat(t.text()).contains("{:sequential, [10, 20, 30]}   # after");
        assertThat(t.lines()).contains("{:result, 1, 10}", "{:result, 2, 20}", "{:result, 3, 30}");
        assertThat(t.text()).containsPattern("# all three after \\d+\\.\\d s: they waited side by side");
    }

    @Test
    void taskStart_theShellMovesOn_theLinkedCrashReachesTheParent() {
        Transcript t = run("task-start");
        assertThat(t.lines()).containsSubsequence("iex> {:ok, pid} = Task.start(fn -> :timer.sleep(300); send_email(\"ada@example.com\") end)",
                "Email sent to ada@example.com");
        assertThat(t.text()).containsPattern("\\{:ok, " + LessonsTest.PID + "\\}   # back at once");
        assertThat(t.text()).contains("Parent notified: {%RuntimeError{message: \"payment service down\"}");
    }

    @Test
    void urlFetcher_resultsInTheOrderOfTheUrls_errorsTagged() {
        Transcript t = run("url-fetcher");
        assertThat(t.lines()).containsSubsequence(
                "[{:ok, \"https://example.com\", \"<h1>Example Domain</h1>\"},",
                " {:error, \"https://example.com/missing\", \"Status 404\"},");
        assertThat(t.text()).contains(" {:ok, \"https://example.org\", \"<h1>Example Domain</h1>\"}]   # after",
                " {:error, \"https://down.example\", :econnrefused}]   # after");
    }

    @Test
    void workerPool_fiveJobsDealtOutInTurn_overThreeWorkers() {
        Transcript t = run("worker-pool");
        assertThat(t.lines()).containsSubsequence("iex> workers = WorkerPool.start(3)",
                "[{:ok, \"Completed: task1\", 1},", " {:ok, \"Completed: task2\", 2},", " {:ok, \"Completed: task3\", 3},",
                " {:ok, \"Completed: task4\", 1},");
        assertThat(t.text()).contains(" {:ok, \"Completed: task5\", 2}]   # after");
    }

    @Test
    void pubsub_onlyTheTopicsSubscribersGetTheMessage() {
        Transcript t = run("pubsub");
        assertThat(t.text()).containsPattern("%\\{news: \\[" + LessonsTest.PID + ", " + LessonsTest.PID + "\\], sports: \\[" + LessonsTest.PID + "\\]\\}");
        assertThat(t.lines()).containsSubsequence("iex> PubSub.publish(:news, \"Breaking news!\")", "Received on news: Breaking news!",
                "iex> flush()", "{:message, :news, \"Breaking news!\"}");
        assertThat(t.text()).doesNotContain("Received on sports");
    }

    @Test
    void rateLimiter_fiveAllowed_thenRefused_thenAllowedOnceTheWindowMoves() {
        Transcript t = run("rate-limiter");
        assertThat(t.lines()).containsSubsequence("Request 1: OK", "Request 2: OK", "Request 3: OK", "Request 4: OK",
                "Request 5: OK", "Request 6: RATE LIMITED", "Request 11: OK");
    }

    @Test
    void exerciseEcho_repliesToTheSendersPid_andLoops() {
        Transcript t = run("exercise-echo");
        assertThat(t.lines()).containsSubsequence("iex> send(pid, {self(), \"Hello\"})", "Got: Hello",
                "iex> send(pid, {self(), \"Anyone there?\"})", "Got: Anyone there?");
    }

    @Test
    void exerciseCounter_castsThenGet_andNoConcurrentIncrementIsLost() {
        Transcript t = run("exercise-counter");
        assertThat(t.lines()).containsSubsequence("iex> Counter.get()", "2", "iex> Counter.decrement()", ":ok",
                "iex> Counter.get()", "1", "iex> Counter.get()", "1001");
    }

    @Test
    void exerciseParallelMap_doublesInOrder() {
        Transcript t = run("exercise-parallel-map");
        assertThat(t.text()).containsPattern("\\[2, 4, 6, 8\\]   # after \\d+\\.\\d s: four one-second calls side by side");
    }

    @Test
    void exerciseExpiringCache_foundThenNotFoundThenExpired() {
        Transcript t = run("exercise-expiring-cache");
        assertThat(t.lines()).containsSubsequence("iex> Cache.get(:greeting)", "{:ok, \"hello\"}",
                "iex> Cache.get(:nothing)", ":not_found", "iex> Cache.get(:greeting)", ":expired",
                "iex> Cache.get(:answer)", "{:ok, 42}");
    }

    @Test
    void exerciseJobQueue_oneAtATime_inOrder_andItStartsAgainWhenIdle() {
        Transcript t = run("exercise-job-queue");
        assertThat(t.lines()).containsSubsequence("Processing: send newsletter", "Processing: resize images",
                "Processing: build report", "%{processing: false, queue: []}", "iex> JobQueue.add_job(\"clean up\")",
                "Processing: clean up", "%{processing: false, queue: []}");
    }

    @Test
    void aStepRunAgain_isCheckedOnWhatItsOwnRunDid() throws Exception {
        for (String id : java.util.List.of("sequential-vs-concurrent", "task-start", "pubsub", "exercise-job-queue")) {
            try (LessonRun run = new LessonRun(Lessons.find(id).orElseThrow(), node, line -> {})) {
                run.start();
                assertThat(run.run(0).happened()).as("%s step 1", id).isTrue();
                assertThat(run.run(0).happened()).as("%s step 1 again", id).isTrue();
                for (int i = 1; i < run.steps().size(); i++)
                    assertThat(run.run(i).happened()).as("%s step %d", id, i + 1).isTrue();
            }
        }
    }
}
