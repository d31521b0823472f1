package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code exercise-job-queue} (001, exercise 5): a GenServer that queues jobs and works through them one at a time. */
final class ExerciseJobQueue implements Script {
    static final Lesson LESSON = new Lesson("exercise-job-queue", "Exercise: a job queue", "001",
            """
            The last exercise: a GenServer that takes jobs faster than it does them. add_job is a cast, so the \
            caller never waits; the job joins the end of the queue. The server does one job per :process_next \
            message it sends itself, and sends the next :process_next only when a job is done, so jobs run one \
            at a time, in the order they came. A processing flag remembers whether that chain of messages is \
            already going; when the queue runs dry the flag drops, and the next add_job starts it again. Each \
            job here takes half a second instead of the tutorial's one.""",
            """
            defmodule JobQueue do
              use GenServer

              def start_link, do: GenServer.start_link(__MODULE__, [], name: __MODULE__)
              def add_job(job), do: GenServer.cast(__MODULE__, {:add, job})

              @impl true
              def init(_), do: {:ok, %{queue: [], processing: false}}

              @impl true
              def handle_cast({:add, job}, state) do
                unless state.processing, do: send(self(), :process_next)
                {:noreply, %{state | queue: state.queue ++ [job], processing: true}}
              end

              @impl true
              def handle_info(:process_next, %{queue: []} = state),
                do: {:noreply, %{state | processing: false}}

              def handle_info(:process_next, %{queue: [job | rest]} = state) do
                IO.puts("Processing: #{job}")
                :timer.sleep(500)                 # the job itself
                send(self(), :process_next)
                {:noreply, %{state | queue: rest}}
              end
            end

            JobQueue.start_link()
            JobQueue.add_job("send newsletter")
            JobQueue.add_job("resize images")
            JobQueue.add_job("build report")
            # Processing: send newsletter … resize images … build report, half a second apart
            """,
            ExerciseJobQueue::new);

    static final String NAME = "JobQueue";
    static final Atom ADD = Atom.of("add"), PROCESS_NEXT = Atom.of("process_next"), QUEUE = Atom.of("queue"),
            PROCESSING = Atom.of("processing");
    static final Duration JOB = Duration.ofMillis(500);

    static Map<Atom, Object> state(List<String> queue, boolean processing) {
        return Map.of(QUEUE, List.copyOf(queue), PROCESSING, processing);
    }

    /** The state is {@code %{queue: [...], processing: bool}}. */
    record JobQueue(Pid shell) implements GenServer<Object, Map<Atom, Object>> {
        @Override
        public Init<Map<Atom, Object>> init(ProcessContext ctx, Object arg) {
            return Init.ok(state(List.of(), false));
        }

        @SuppressWarnings("unchecked")
        static List<String> queue(Map<Atom, Object> state) {
            return (List<String>) state.get(QUEUE);
        }

        @Override
        public Result<Map<Atom, Object>> handleCast(ProcessContext ctx, Object request, Map<Atom, Object> state) throws Exception {
            if (!(request instanceof Tuple2(Atom tag, String job) && tag == ADD))
                return GenServer.super.handleCast(ctx, request, state);
            if (!(Boolean) state.get(PROCESSING)) ctx.send(ctx.self(), PROCESS_NEXT);
            List<String> queue = new ArrayList<>(queue(state));
            queue.add(job);
            return Result.noreply(state(queue, true));
        }

        @Override
        public Result<Map<Atom, Object>> handleInfo(ProcessContext ctx, Object message, Map<Atom, Object> state) throws Exception {
            if (message != PROCESS_NEXT) return GenServer.super.handleInfo(ctx, message, state);
            List<String> queue = queue(state);
            if (queue.isEmpty()) return Result.noreply(state(queue, false));
            String job = queue.getFirst();
            Stage.puts(ctx, shell, "Processing: " + job);
            return Result.suspend(resume -> ctx.blocking(() -> {
                Thread.sleep(JOB.toMillis());
                return job;
            }, done -> {
                ctx.send(ctx.self(), PROCESS_NEXT);
                return resume.apply(Result.noreply(state(queue.subList(1, queue.size()), true)));
            }));
        }

        @Override
        public String label() {
            return "JobQueue";
        }
    }

    private Pid server;
    private final List<String> processed = new ArrayList<>();

    @Override
    public void start(Stage s) {
        s.typed("JobQueue.start_link()");
        server = s.startChild(ChildSpec.worker(Atom.of(NAME), ChildStart.genServer(new JobQueue(s.iex().pid()), null,
                StartOptions.named(NAME))));
        s.say("{:ok, " + server + "}");
        s.focus(server);
    }

    private void add(Stage s, String job) {
        s.typed("JobQueue.add_job(\"" + job + "\")");
        GenServer.cast(s.node(), NAME, Tuple.of(ADD, job));
        s.say(":ok");
    }

    /** The jobs printed so far equal {@code expected}, and the queue has run dry again. */
    private Optional<String> done(Stage s, List<String> expected) {
        s.printed(Duration.ofMillis(100)).ifPresent(line -> {
            processed.add(line);
            s.say(line);
        });
        if (!processed.equals(expected.stream().map(j -> "Processing: " + j).toList())) return Optional.empty();
        Object state = GenServer.getState(s.node(), NAME);
        return state.equals(state(List.of(), false))
                ? Optional.of("iex> :sys.get_state(JobQueue)\n" + Terms.inspect(state)) : Optional.empty();
    }

    @Override
    public List<Step> steps() {
        List<String> three = List.of("send newsletter", "resize images", "build report");
        return List.of(
                new Step("Add three jobs at once", s -> {
                    processed.clear();
                    s.highlight(server);
                    for (String job : three) add(s, job);
                    s.say("# three :ok at once; the jobs themselves run one by one");
                }, "the three jobs are processed one at a time, in the order they were added, and the queue runs dry",
                        s -> done(s, three), Duration.ofSeconds(10)),
                new Step("Add one more job to the idle queue", s -> {
                    processed.clear();
                    s.highlight(server);
                    add(s, "clean up");
                }, "the idle server starts again: Processing: clean up", s -> done(s, List.of("clean up"))));
    }
}
