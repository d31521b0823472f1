package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.Tuple3;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** {@code bottleneck} (002): a slow handle_call makes every caller queue; the fix hands the work to a Task. */
final class Bottleneck implements Script {
    static final Lesson LESSON = new Lesson("bottleneck", "The GenServer bottleneck, and the fix with a Task", "002",
            """
            A GenServer takes its messages one at a time. If handle_call does half a second of expensive work, \
            six callers who ask at once wait in its mailbox: the last one gets its answer after about three \
            seconds, and the tree shows the mailbox filling up. The fix from the tutorial: do not do the slow \
            work inside handle_call. Hand it to a Task, return {:noreply, state} at once, and let the Task answer \
            the caller with GenServer.reply(from, result). The server is free for the next call straight away, \
            so the six reports are made side by side. (The work is simulated by waiting, 0.5 s per report.)""",
            """
            defmodule SlowReports do
              use GenServer

              def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
              def report(n), do: GenServer.call(__MODULE__, {:report, n}, 10_000)

              @impl true
              def init(state), do: {:ok, state}

              @impl true
              def handle_call({:report, n}, _from, state) do
                {:message_queue_len, waiting} = Process.info(self(), :message_queue_len)
                IO.puts("Making report #{n} (message_queue_len #{waiting})")
                {:reply, expensive_report(n), state}   # nobody else is served meanwhile
              end

              defp expensive_report(n), do: (:timer.sleep(500); {:report, n})
            end

            defmodule Reports do
              # the same client API as SlowReports; only handle_call differs
              use GenServer

              def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
              def report(n), do: GenServer.call(__MODULE__, {:report, n}, 10_000)

              @impl true
              def init(state), do: {:ok, state}

              @impl true
              def handle_call({:report, n}, from, state) do
                {:message_queue_len, waiting} = Process.info(self(), :message_queue_len)
                IO.puts("Report #{n} handed to a Task (message_queue_len #{waiting})")
                Task.start(fn -> GenServer.reply(from, expensive_report(n)) end)
                {:noreply, state}                      # free for the next call at once
              end

              defp expensive_report(n), do: (:timer.sleep(500); {:report, n})
            end

            SlowReports.start_link([])
            Reports.start_link([])
            for n <- 1..6, do: spawn(fn -> SlowReports.report(n) end)
            for n <- 1..6, do: spawn(fn -> Reports.report(n) end)
            """,
            Bottleneck::new);

    static final String SLOW = "SlowReports", FIXED = "Reports";
    static final int CALLERS = 6;
    static final Duration WORK = Duration.ofMillis(500), CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Atom REPORT = Atom.of("report"), ANSWERED = Atom.of("answered");

    private Pid slow, fixed;
    private final TreeMap<Long, Object> answers = new TreeMap<>();
    private final List<Integer> waiting = new ArrayList<>();
    private long t0, lastMillis;
    private int printed;

    /** The expensive work: half a second (a blocking wait, on a dirty scheduler), then the report. */
    static Object expensiveReport(Object n) throws InterruptedException {
        Thread.sleep(WORK.toMillis());
        return Tuple.of(REPORT, n);
    }

    static int mailbox(ProcessContext ctx) {
        return ctx.node().processInfo(ctx.self()).map(ProcessInfo::messageQueueLen).orElse(0);
    }

    /** {@code shell} hears {@code {:waiting, n}} each time the server takes a call, and the lines it prints. */
    record Reports(Pid shell, boolean withTask) implements GenServer<Object, Object> {
        static final Atom WAITING = Atom.of("waiting");

        @Override
        public Init<Object> init(ProcessContext ctx, Object arg) {
            return Init.ok(Atom.NIL);
        }

        @Override
        public Result<Object> handleCall(ProcessContext ctx, Object request, From from, Object state) throws Exception {
            if (!(request instanceof Tuple2(Atom tag, Object n) && tag == REPORT))
                return GenServer.super.handleCall(ctx, request, from, state);
            int queued = mailbox(ctx);
            ctx.send(shell, Tuple.of(WAITING, (long) queued));
            if (!withTask) {
                Stage.puts(ctx, shell, "Making report " + n + " (message_queue_len " + queued + ")");
                return Result.suspend(resume -> ctx.blocking(() -> expensiveReport(n),
                        report -> resume.apply(Result.reply(report, state))));
            }
            Stage.puts(ctx, shell, "Report " + n + " handed to a Task (message_queue_len " + queued + ")");
            Task.start(ctx, () -> GenServer.reply(ctx.node(), from, expensiveReport(n)));
            return Result.noreply(state);
        }

        @Override
        public String label() {
            return withTask ? FIXED : SLOW;
        }
    }

    /** A caller: one call, then {@code {:answered, n, reply}} to the shell. */
    static Behavior caller(Pid shell, String server, long n) {
        return Behaviors.setup(ctx -> GenServer.call(ctx, server, Tuple.of(REPORT, n), CALL_TIMEOUT, reply -> {
            ctx.send(shell, Tuple.of(ANSWERED, n, reply));
            return Behaviors.stop();
        }));
    }

    @Override
    public void start(Stage s) {
        Pid shell = s.iex().pid();
        s.typed("SlowReports.start_link([])");
        slow = s.startChild(ChildSpec.worker(Atom.of(SLOW), ChildStart.genServer(new Reports(shell, false), null,
                StartOptions.named(SLOW))));
        s.say("{:ok, " + slow + "}");
        s.typed("Reports.start_link([])");
        fixed = s.startChild(ChildSpec.worker(Atom.of(FIXED), ChildStart.genServer(new Reports(shell, true), null,
                StartOptions.named(FIXED))));
        s.say("{:ok, " + fixed + "}");
        s.focus(slow);
    }

    private Step ask(String server, Pid pid, String button, String expected, String how) {
        return new Step(button, s -> {
            answers.clear();
            waiting.clear();
            printed = 0;
            s.highlight(pid);
            s.typed("for n <- 1..6, do: spawn(fn -> " + server + ".report(n) end)");
            Pid shell = s.iex().pid();
            t0 = System.nanoTime();
            List<Pid> callers = new ArrayList<>();
            for (long n = 1; n <= CALLERS; n++) callers.add(s.startProcess(Atom.of("caller_" + n), caller(shell, server, n)));
            s.say(Terms.inspect(callers));
        }, expected, s -> {
            s.receive(m -> Tuple.isTagged(m, Reports.WAITING), Duration.ZERO)
                    .ifPresent(m -> waiting.add((int) (long) (Long) ((Tuple2) m).e1()));
            for (Optional<String> line; (line = s.printed(Duration.ZERO)).isPresent(); printed++) s.say(line.get());
            s.receive(Stage.tagged(ANSWERED), Duration.ofMillis(20)).ifPresent(m -> {
                Tuple3 t = (Tuple3) m;
                answers.put((Long) t.e1(), t.e2());
                lastMillis = (System.nanoTime() - t0) / 1_000_000;
            });
            if (answers.size() < CALLERS || waiting.size() < CALLERS || printed < CALLERS) return Optional.empty();
            for (var e : answers.entrySet())
                if (!Tuple.of(REPORT, e.getKey()).equals(e.getValue())) return Optional.empty();
            int most = waiting.stream().mapToInt(Integer::intValue).max().orElse(0);
            if (server.equals(SLOW) && most < 2) return Optional.empty();   // no call ever queued behind another
            return Optional.of(String.format(Locale.ROOT, "# six reports in; the mailbox held at most %d; "
                    + "the last answer came %.1f s after the first call: %s", most, lastMillis / 1000.0, how));
        }, Duration.ofSeconds(20));
    }

    @Override
    public List<Step> steps() {
        return List.of(
                ask(SLOW, slow, "Six callers ask SlowReports at once — watch its mailbox fill up",
                        "every caller gets its report, one after another, while the others wait in the mailbox",
                        "the half-seconds added up"),
                ask(FIXED, fixed, "Six callers ask Reports, which hands the work to a Task",
                        "every caller gets its report; the server hands each call on at once",
                        "the reports were made side by side"));
    }
}
