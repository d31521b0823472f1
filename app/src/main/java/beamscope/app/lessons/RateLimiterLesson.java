package beamscope.app.lessons;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code rate-limiter} (001): a GenServer that allows 5 checks per sliding second, asked 10 times 100 ms apart. */
final class RateLimiterLesson implements Script {
    static final Lesson LESSON = new Lesson("rate-limiter", "A rate limiter", "001",
            """
            A rate limiter answers one question, "may I?", and remembers when it last said yes. This one is a \
            GenServer started with a limit of 5 requests per 1000 ms. On each :check it forgets the times \
            older than one window, then answers :ok and records the time if fewer than 5 remain, else \
            :rate_limited. A client asking every 100 ms gets five yeses, then refusals until the first yes is \
            a second old. Because the server handles one call at a time, no two clients can slip in together.""",
            """
            defmodule RateLimiter do
              use GenServer

              def start_link(max, window_ms),
                do: GenServer.start_link(__MODULE__, {max, window_ms}, name: __MODULE__)

              def check, do: GenServer.call(__MODULE__, :check)

              @impl true
              def init({max, window_ms}), do: {:ok, %{max: max, window_ms: window_ms, times: []}}

              @impl true
              def handle_call(:check, _from, state) do
                now = System.monotonic_time(:millisecond)
                recent = Enum.filter(state.times, &(&1 > now - state.window_ms))

                if length(recent) < state.max do
                  {:reply, :ok, %{state | times: [now | recent]}}
                else
                  {:reply, :rate_limited, %{state | times: recent}}
                end
              end
            end

            RateLimiter.start_link(5, 1000)          # 5 requests per second

            for i <- 1..10 do
              case RateLimiter.check() do
                :ok -> IO.puts("Request #{i}: OK")
                :rate_limited -> IO.puts("Request #{i}: RATE LIMITED")
              end
              :timer.sleep(100)
            end
            """,
            RateLimiterLesson::new);

    static final String NAME = "RateLimiter";
    static final Atom CHECK = Atom.of("check"), RATE_LIMITED = Atom.of("rate_limited");
    static final int MAX = 5;
    static final Duration WINDOW = Duration.ofSeconds(1), PAUSE = Duration.ofMillis(100);

    /** The state: the times (node clock, ns) of the yeses still inside the window, newest first. */
    record RateLimiter(int max, Duration window) implements GenServer<Object, List<Long>> {
        @Override
        public Init<List<Long>> init(ProcessContext ctx, Object arg) {
            return Init.ok(List.of());
        }

        @Override
        public Result<List<Long>> handleCall(ProcessContext ctx, Object request, From from, List<Long> times) throws Exception {
            if (request != CHECK) return GenServer.super.handleCall(ctx, request, from, times);
            long now = ctx.nanoTime(), cutoff = now - window.toNanos();
            List<Long> recent = times.stream().filter(t -> t > cutoff).toList();
            if (recent.size() < max) {
                List<Long> next = new ArrayList<>(List.of(now));
                next.addAll(recent);
                return Result.reply(Atom.OK, List.copyOf(next));
            }
            return Result.reply(RATE_LIMITED, recent);
        }

        @Override
        public String label() {
            return "RateLimiter";
        }
    }

    /** The client: requests {@code from..to}, printing each answer, {@link #PAUSE} apart. */
    static Behavior client(Pid shell, int i, int to) {
        return Behaviors.setup(ctx -> request(ctx, shell, i, to));
    }

    private static Behavior request(ProcessContext ctx, Pid shell, int i, int to) {
        return GenServer.call(ctx, NAME, CHECK, reply -> {
            Stage.puts(ctx, shell, "Request " + i + ": " + (reply == Atom.OK ? "OK" : "RATE LIMITED"));
            if (i == to) return Behaviors.stop();
            return Behaviors.receive("Client.loop/1", (c, m) -> Behaviors.unhandled())
                    .after(PAUSE, c -> request(c, shell, i + 1, to));
        });
    }

    /** A client that first waits a whole window, then asks once. */
    static Behavior later(Pid shell, int i) {
        return Behaviors.receive("Client.later/1", (c, m) -> Behaviors.unhandled())
                .after(WINDOW, c -> request(c, shell, i, i));
    }

    private Pid limiter;
    private final List<String> answers = new ArrayList<>();

    @Override
    public void start(Stage s) {
        s.typed("RateLimiter.start_link(5, 1000)");
        limiter = s.startChild(ChildSpec.worker(Atom.of(NAME), ChildStart.genServer(new RateLimiter(MAX, WINDOW), null,
                StartOptions.named(NAME))));
        s.say("{:ok, " + limiter + "}");
        s.focus(limiter);
    }

    private Optional<String> collect(Stage s, int count) {
        s.printed(Duration.ofMillis(100)).ifPresent(line -> {
            answers.add(line);
            s.say(line);
        });
        return answers.size() == count ? Optional.of("") : Optional.empty();
    }

    @Override
    public List<Step> steps() {
        return List.of(
                new Step("Send 10 requests, 100 ms apart", s -> {
                    answers.clear();
                    s.typed("for i <- 1..10 do … RateLimiter.check() … :timer.sleep(100) end");
                    Pid client = s.startProcess(Atom.of("Client"), client(s.iex().pid(), 1, 10));
                    s.highlight(limiter, client);
                }, "requests 1 to 5 are OK, request 6 (half a second in) is RATE LIMITED", s ->
                        collect(s, 10).filter(x -> answers.subList(0, MAX).stream().allMatch(a -> a.endsWith(": OK"))
                                && answers.get(MAX).equals("Request 6: RATE LIMITED"))
                                .map(x -> "# " + answers.stream().filter(a -> a.endsWith("OK")).count() + " allowed, "
                                        + answers.stream().filter(a -> a.endsWith("LIMITED")).count() + " refused"),
                        Duration.ofSeconds(10)),
                new Step("Wait one second, then send request 11", s -> {
                    answers.clear();
                    s.typed(":timer.sleep(1000); RateLimiter.check()");
                    Pid client = s.startProcess(Atom.of("Client"), later(s.iex().pid(), 11));
                    s.highlight(limiter, client);
                }, "the window has moved on: request 11 is OK", s ->
                        collect(s, 1).filter(x -> answers.getFirst().equals("Request 11: OK"))));
    }
}
