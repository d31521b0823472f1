# Issue 14 §5, "the tutorial's spawn of 1,000,000 processes that each sleep 5 s": the same Elixir code on the
# BEAM (`elixir --erl "+P 2000000" bench/elixir/sleepers.exs`) and on Beamscope's Elixir interpreter. The
# tutorial's stress test (see tutorial_spawn.exs, which runs it verbatim in the script evaluator) inside a
# module, so the BEAM runs it compiled: spawn_ms = the spawn loop timed by :timer.tc, as the tutorial prints
# it; ended_ms = from the first spawn until every process has ended (the process count is back, polled every
# 10 ms). Arguments (optional): n=1000000 sleep_ms=5000 warmup=0. One line per round in the bench's format.
defmodule Sleepers do
  def round(n, sleep_ms) do
    baseline = :erlang.system_info(:process_count)
    work = fn -> Process.sleep(sleep_ms) end
    start = System.monotonic_time(:microsecond)
    {micros, _} = :timer.tc(fn -> for _ <- 1..n, do: spawn(work) end)
    wait_until_ended(baseline)
    ended = System.monotonic_time(:microsecond) - start
    %{"spawn_ms" => micros / 1000, "ended_ms" => ended / 1000}
  end

  defp wait_until_ended(baseline) do
    if :erlang.system_info(:process_count) > baseline do
      Process.sleep(10)
      wait_until_ended(baseline)
    end
  end
end

defmodule BenchArgs do
  def get(name, default), do: find(System.argv(), name, default)

  defp find([], _name, default), do: default

  defp find([arg | rest], name, default) do
    case String.split(arg, "=") do
      [^name, value] -> String.to_integer(value)
      _ -> find(rest, name, default)
    end
  end

  def report(workload, phase, round, params, metrics) do
    json = fn m -> "{" <> Enum.map_join(m, ",", fn {k, v} -> "\"#{k}\":#{v}" end) <> "}" end
    IO.puts(~s({"system":"beam","workload":"#{workload}","phase":"#{phase}","round":#{round},) <>
      ~s("params":#{json.(params)},"metrics":#{json.(metrics)}}))
  end
end

n = BenchArgs.get("n", 1_000_000)
sleep_ms = BenchArgs.get("sleep_ms", 5000)
warmup = BenchArgs.get("warmup", 0)
params = %{"n" => n, "sleep_ms" => sleep_ms}
for r <- 1..warmup//1, do: BenchArgs.report("elixir_sleepers", "warmup", r, params, Sleepers.round(n, sleep_ms))
BenchArgs.report("elixir_sleepers", "measure", 1, params, Sleepers.round(n, sleep_ms))
