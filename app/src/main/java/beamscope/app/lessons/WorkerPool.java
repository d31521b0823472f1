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
import beamscope.runtime.otp.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code worker-pool} (001): three Worker GenServers, five tasks handed out in turn, each call from its own Task. */
final class WorkerPool implements Script {
    static final Lesson LESSON = new Lesson("worker-pool", "A worker pool", "001",
            """
            A pool is a fixed number of worker processes that share the jobs. Here three Worker GenServers \
            each do one job at a time (a job is a one-second wait). The five jobs are dealt out in turn — \
            worker 1, 2, 3, then 1 and 2 again — and each job's GenServer.call is made from its own Task, so \
            the jobs run side by side. A worker that gets a second job queues it in its mailbox until the \
            first is done: five jobs on three workers take two rounds, about two seconds, not five.""",
            """
            defmodule Worker do
              use GenServer

              def start_link(id), do: GenServer.start_link(__MODULE__, id)

              @impl true
              def init(id), do: {:ok, id}

              @impl true
              def handle_call({:work, job}, _from, id) do
                :timer.sleep(1000)                       # the job itself
                {:reply, {:ok, "Completed: #{job}", id}, id}
              end
            end

            defmodule WorkerPool do
              def start(size) do
                for id <- 1..size do
                  {:ok, pid} = Worker.start_link(id)
                  pid
                end
              end

              def distribute_work(workers, jobs) do
                jobs
                |> Enum.zip(Stream.cycle(workers))
                |> Enum.map(fn {job, worker} ->
                  Task.async(fn -> GenServer.call(worker, {:work, job}) end)
                end)
                |> Task.await_many()
              end
            end

            workers = WorkerPool.start(3)
            WorkerPool.distribute_work(workers, ["task1", "task2", "task3", "task4", "task5"])
            """,
            WorkerPool::new);

    static final Atom WORK = Atom.of("work");
    static final Duration JOB = Duration.ofSeconds(1);

    /** The state is the worker's id. */
    record Worker() implements GenServer<Long, Long> {
        @Override
        public Init<Long> init(ProcessContext ctx, Long id) {
            return Init.ok(id);
        }

        @Override
        public Result<Long> handleCall(ProcessContext ctx, Object request, From from, Long id) throws Exception {
            if (!(request instanceof Tuple2(Atom tag, String job) && tag == WORK))
                return GenServer.super.handleCall(ctx, request, from, id);
            return Result.suspend(resume -> ctx.blocking(() -> {
                Thread.sleep(JOB.toMillis());
                return "Completed: " + job;
            }, done -> resume.apply(Result.reply(Tuple.of(Atom.OK, done, id), id))));
        }

        @Override
        public String label() {
            return "Worker";
        }
    }

    private final List<Pid> workers = new ArrayList<>();
    private List<Object> results;
    private long millis;

    @Override
    public void start(Stage s) {
        s.typed("workers = WorkerPool.start(3)");
        for (long id = 1; id <= 3; id++)
            workers.add(s.startChild(ChildSpec.worker(Atom.of("Worker" + id), ChildStart.genServer(new Worker(), id))));
        s.say(Terms.inspect(workers));
        s.highlight(workers.toArray(Pid[]::new));
    }

    @Override
    public List<Step> steps() {
        List<String> jobs = List.of("task1", "task2", "task3", "task4", "task5");
        return List.of(new Step("Distribute five jobs over the three workers", s -> {
            s.typed("WorkerPool.distribute_work(workers, " + Terms.inspect(jobs) + ")");
            s.highlight(workers.toArray(Pid[]::new));
            long t0 = System.nanoTime();
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Pid worker = workers.get(i % workers.size());
                Object request = Tuple.of(WORK, jobs.get(i));
                tasks.add(Task.async(s.node(), () -> GenServer.call(s.node(), worker, request)));
            }
            for (Task t : tasks) s.track(t.pid());
            results = Task.awaitMany(tasks, GenServer.DEFAULT_TIMEOUT);
            millis = (System.nanoTime() - t0) / 1_000_000;
        }, "five {:ok, \"Completed: taskN\", worker} replies, workers 1 and 2 doing two jobs each", s -> {
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++)
                expected.add(Tuple.of(Atom.OK, "Completed: " + jobs.get(i), (long) (i % 3 + 1)));
            if (!expected.equals(results)) return Optional.empty();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < results.size(); i++)
                out.append(i == 0 ? "[" : " ").append(Terms.inspect(results.get(i))).append(i == results.size() - 1 ? "]" : ",\n");
            return Optional.of(out + String.format(Locale.ROOT,
                    "   # after %.1f s: two rounds of one-second jobs on three workers", millis / 1000.0));
        }));
    }
}
