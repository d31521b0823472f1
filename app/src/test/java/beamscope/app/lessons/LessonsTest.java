package beamscope.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every lesson run headless on a fresh node: its transcript shows each step's expected outcome. */
class LessonsTest {
    private Node node;

    @BeforeEach
    void start() {
        node = Node.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    record Transcript(int status, String text) {
        List<String> lines() {
            return text.lines().toList();
        }

        String group(String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            assertThat(m.find()).as("transcript has /%s/:%n%s", regex, text).isTrue();
            return m.group(1);
        }
    }

    Transcript run(String id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Headless.run(Lessons.find(id).orElseThrow(), node, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Transcript(status, out.toString(StandardCharsets.UTF_8));
    }

    static final String PID = "(#PID<0\\.\\d+\\.0>)";

    @Nested
    class Runner {
        @Test
        void listPrintsEveryLessonId_onePerLine() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Headless.run("list", new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                    .isEqualTo(Lessons.ALL.stream().map(Lesson::id).toList());
        }

        @Test
        void anUnknownIdIsRefused() {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(Headless.run("no-such-lesson", System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("-Dlesson=list");
        }

        @Test
        void aStepWhoseOutcomeDoesNotHappen_getsANote_andTheRunExitsOne() {
            Lesson never = new Lesson("never", "Never", "000", "", "", () -> new Script() {
                @Override public void start(Stage s) {}
                @Override public List<Step> steps() {
                    return List.of(new Step("Wait for nothing", s -> {}, "a message that nobody sends",
                            s -> s.printed(Duration.ofMillis(10)), Duration.ofMillis(200)));
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Headless.run(never, node, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("[missed] Not seen within 0.2 s: a message that nobody sends");
        }

        @Test
        void aLessonTakesItsProcessesAwayWhenItEnds() {
            // the process table, not processCount(): that counter is decremented just after a process leaves
            // the table, so it may lag an exit by a moment
            var before = node.processes();
            for (Lesson l : Lessons.ALL) {
                assertThat(run(l.id()).status()).as(l.id()).isZero();
                assertThat(node.processes()).as("processes left by %s", l.id()).isEqualTo(before);
                assertThat(node.registered()).as("names left by %s", l.id()).isEmpty();
            }
        }

        @Test
        void everyLessonHasExplanationCodeAndSteps() {
            for (Lesson l : Lessons.ALL) {
                assertThat(l.explanation()).as(l.id()).isNotBlank();
                assertThat(l.elixir()).as(l.id()).isNotBlank();
                assertThat(l.script().get().steps()).as(l.id()).isNotEmpty();
            }
        }
    }

    @Test
    void bankSupervised_theAccountComesBackUnderANewPid_withItsInitialBalance() {
        Transcript t = run("bank-supervised");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.text()).contains("1050\n");
        String before = t.group("Account PID before crash: " + PID), after = t.group("Account PID after crash: " + PID);
        assertThat(after).isNotEqualTo(before);
        assertThat(t.text()).contains("1000   # the initial balance");
    }

    @Test
    void counterGenServer_castsThenACall() {
        Transcript t = run("counter-genserver");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> Counter.value()", "3", "iex> Counter.decrement()", ":ok",
                "iex> Counter.value()", "2");
    }

    @Test
    void strategies_eachRestartsWhatItShould() {
        Transcript t = run("strategies");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.text()).containsPattern("one_for_one:  a kept " + PID + "  b " + PID + " → " + PID + "  c kept " + PID);
        assertThat(t.text()).containsPattern("one_for_all:  a " + PID + " → " + PID + "  b " + PID + " → " + PID + "  c " + PID + " → " + PID);
        assertThat(t.text()).containsPattern("rest_for_one:  a kept " + PID + "  b " + PID + " → " + PID + "  c " + PID + " → " + PID);
    }

    @Test
    void spawnLinkCrash_theCallerDiesUnlessItTrapsExits() {
        Transcript t = run("spawn-link-crash");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.text()).contains("false   # it died with {%RuntimeError{message: \"I crashed!\"}");
        assertThat(t.text()).contains("Process crashed: {%RuntimeError{message: \"I crashed!\"}");
    }

    @Test
    void monitorDown_aDownMessageForACrashAndForANormalEnd() {
        Transcript t = run("monitor-down");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.text()).contains("Process died: {%RuntimeError{message: \"Oops\"}");
        assertThat(t.text()).contains("Process finished: normal");
    }

    @Test
    void restartIntensity_threeRestartsThenTheSupervisorGivesUp_andItsParentGetsTheExit() {
        Transcript t = run("restart-intensity");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines().stream().filter(l -> l.startsWith("Worker started: "))).hasSize(4);
        String sup = t.group("\\{:ok, " + PID + "\\}");
        assertThat(t.text()).contains("Supervisor gave up: {:EXIT, " + sup + ", :shutdown}");
    }

    @Test
    void bankAccount_callsAnswer_aCastReturnsAtOnce_andChangesTheState() {
        Transcript t = run("bank-account");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> BankAccount.get_balance()", "100", "iex> BankAccount.deposit(50)",
                ":ok", "iex> BankAccount.get_balance()", "150");
    }

    @Test
    void namedProcesses_sendByName_whereis_unregister() {
        Transcript t = run("named-processes");
        assertThat(t.status()).as(t.text()).isZero();
        String pid = t.group("iex> pid = spawn.*\n" + PID);
        assertThat(t.lines()).containsSubsequence("iex> Process.whereis(:my_process)", pid, "Got: Hello!",
                "iex> Process.unregister(:my_process)", "true", "iex> Process.whereis(:my_process)",
                "nil   # and Process.alive?(pid) is still true");
    }

    @Test
    void taskAsyncAwait_awaitGetsTheResult_awaitManyKeepsTheOrder() {
        Transcript t = run("task-async-await");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> result = Task.await(task)", "\"Done!\"");
        assertThat(t.text()).contains("[:users, :orders, :products]");
    }

    @Test
    void agentCounter_getUpdateGet_andANamedAgent() {
        Transcript t = run("agent-counter");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> Agent.get(agent, fn state -> state end)", "0",
                "iex> Agent.update(agent, fn state -> state + 1 end)", ":ok",
                "iex> Agent.get(agent, fn state -> state end)", "1",
                "iex> Agent.get(:config, fn state -> state end)", "%{key: \"value\"}");
    }

    @Test
    void globalCounter_pidBeforeAndAfterTheCrash_andTheCountStartsAgain() {
        Transcript t = run("global-counter");
        assertThat(t.status()).as(t.text()).isZero();
        String before = t.group("Counter PID before crash: " + PID), after = t.group("Counter PID after crash: " + PID);
        assertThat(after).isNotEqualTo(before);
        assertThat(t.lines()).containsSubsequence("Initial Value: 0", "The count is: 2", "The count is: 0");
    }

    @Test
    void sendReceive_oneClauseRunsOnce_theSecondMessageIsLost() {
        Transcript t = run("send-receive");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("5 + 3 = 8", "# the receive ran once: Process.alive?(pid) is now false",
                "# a second later, still nothing: nobody received it");
        assertThat(t.text()).doesNotContain("4 * 7");
    }

    @Test
    void echoLoop_echoesUntilStop() {
        Transcript t = run("echo-loop");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("Echo: hello", "Echo: world", "Stopping", "# Process.alive?(pid) is false");
    }

    @Test
    void receiveTimeout_aMatchingMessage_thenTheAfterClause() {
        Transcript t = run("receive-timeout");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("\"world\"", "\"No message in 1 second\"");
    }

    @Test
    void calculator_repliesToTheCallersPid_untilStop() {
        Transcript t = run("calculator");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("Result: 8", "Result: 42", "# Process.alive?(pid) is false");
    }

    @Test
    void statefulCounter_theCountLivesInTheLoop_anUnmatchedMessageStaysInTheMailbox() {
        Transcript t = run("stateful-counter");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> receive do {:count, n} -> n end", "8",
                "# Process.info(pid, :messages) is {:messages, [:oops]}", "Counter stopped at 8");
    }

    @Test
    void linkUnlink_theLinksListFollows_andAnUnlinkedKillDoesNotSpread() {
        Transcript t = run("link-unlink");
        assertThat(t.status()).as(t.text()).isZero();
        String pid = t.group("iex> pid = spawn.*\\n" + PID);
        assertThat(t.lines()).containsSubsequence("{:links, [" + pid + "]}", "{:links, []}");
        assertThat(t.text()).contains("# Process.alive?(pid) is false; the shell");
    }

    @Test
    void registerCounter_reachedByName() {
        Transcript t = run("register-counter");
        assertThat(t.status()).as(t.text()).isZero();
        String pid = t.group("iex> pid = Counter.start\\(0\\)\\n" + PID);
        assertThat(t.lines()).containsSubsequence("# Process.whereis(:my_counter) is " + pid,
                "iex> receive do {:count, n} -> n end", "10");
    }

    @Test
    void stackServer_pushThenPopTwice() {
        Transcript t = run("stack-server");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("# :sys.get_state(Stack) is [4, 1, 2, 3]", "iex> Stack.pop()", "4",
                "iex> Stack.pop()", "3");
    }

    @Test
    void namedCounter_sendsToTheName() {
        Transcript t = run("named-counter");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).contains("Count: 2");
    }

    @Test
    void spawnBasics_printsAndEnds_selfIsTheShell_aliveWhileItSleeps() {
        Transcript t = run("spawn-basics");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("Hello from process!", "iex> self()");
        assertThat(t.lines()).containsSubsequence("iex> Process.alive?(pid)", "true", "iex> :timer.sleep(1100)",
                "iex> Process.alive?(pid)", "false");
    }

    @Test
    void kvstoreServer_putGetDeleteGet() {
        Transcript t = run("kvstore-server");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("iex> KVStore.get(:name)", "\"Alice\"", "iex> KVStore.delete(:name)",
                ":ok", "iex> KVStore.get(:name)", "nil");
    }

    @Test
    void ticker_ticksFromItsOwnSendAfter() {
        Transcript t = run("ticker");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("Tick 0", "Tick 1", "Tick 2");
    }

    @Test
    void pingPong_threeRoundsThenDone_andTheBonusTimeout() {
        Transcript t = run("ping-pong");
        assertThat(t.status()).as(t.text()).isZero();
        assertThat(t.lines()).containsSubsequence("Got pong! 2 remaining", "Got pong! 1 remaining", "Got pong! 0 remaining",
                "Ping done!");
        assertThat(t.lines()).contains("Pong done!", "No pong within a second, giving up");
    }
}
