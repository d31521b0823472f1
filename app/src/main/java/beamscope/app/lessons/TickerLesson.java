package beamscope.app.lessons;

import beamscope.runtime.Atom;
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

/** {@code ticker} (001): a GenServer that sends itself {@code :tick} with Process.send_after and counts in handle_info. */
final class TickerLesson implements Script {
    static final Lesson LESSON = new Lesson("ticker", "A ticker: send_after and handle_info", "001",
            """
            A GenServer can keep itself busy: Process.send_after(self(), :tick, interval) posts a message to \
            its own mailbox later. The message is neither a call nor a cast, so it arrives in handle_info, \
            which prints, schedules the next tick and counts. Nothing outside the process drives it.""",
            """
            defmodule Ticker do
              use GenServer

              def start_link(interval), do: GenServer.start_link(__MODULE__, interval, name: __MODULE__)

              @impl true
              def init(interval) do
                schedule_tick(interval)
                {:ok, %{interval: interval, count: 0}}
              end

              @impl true
              def handle_info(:tick, state) do
                IO.puts("Tick #{state.count}")
                schedule_tick(state.interval)
                {:noreply, %{state | count: state.count + 1}}
              end

              defp schedule_tick(interval), do: Process.send_after(self(), :tick, interval)
            end

            Ticker.start_link(1000)   # prints "Tick 0", "Tick 1", … every second
            """,
            TickerLesson::new);

    static final Atom TICK = Atom.of("tick");
    private final List<String> ticks = new ArrayList<>();
    private Pid ticker;

    /** The state is the count; the interval is fixed at start. */
    record Ticker(Pid shell, Duration interval) implements GenServer<Object, Long> {
        @Override
        public Init<Long> init(ProcessContext ctx, Object arg) {
            ctx.sendAfter(ctx.self(), TICK, interval);
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleInfo(ProcessContext ctx, Object message, Long count) throws Exception {
            if (message != TICK) return GenServer.super.handleInfo(ctx, message, count);
            Stage.puts(ctx, shell, "Tick " + count);
            ctx.sendAfter(ctx.self(), TICK, interval);
            return Result.noreply(count + 1);
        }

        @Override
        public String label() {
            return "Ticker";
        }
    }

    @Override
    public void start(Stage s) {}

    @Override
    public List<Step> steps() {
        return List.of(new Step("Start the ticker with a one-second interval — watch three ticks", s -> {
            s.typed("Ticker.start_link(1000)");
            ticker = s.startChild(ChildSpec.worker(Atom.of("Ticker"), ChildStart.genServer(
                    new Ticker(s.iex().pid(), Duration.ofSeconds(1)), null, StartOptions.named("Ticker"))));
            s.say("{:ok, " + ticker + "}");
            s.highlight(ticker);
        }, "Tick 0, Tick 1 and Tick 2, a second apart", s -> {
            s.printed(Duration.ofMillis(100)).ifPresent(line -> {
                ticks.add(line);
                s.say(line);
            });
            return ticks.equals(List.of("Tick 0", "Tick 1", "Tick 2")) ? Optional.of("") : Optional.empty();
        }, Duration.ofSeconds(10)));
    }
}
