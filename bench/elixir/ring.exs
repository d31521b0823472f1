# Issue 14 §5, "a 10,000-process ring": the same Elixir code on the BEAM (`elixir bench/elixir/ring.exs`) and
# on Beamscope's Elixir interpreter. P processes in a ring, each knowing the next; a token carrying a hop
# count goes round, each process passing it on with the count minus one; the one that receives 0 reports.
# The ring is built before timing (spawn_ms is its own figure); timed from sending the token to the report.
# Arguments (optional): procs=10000 hops=1000000 warmup=2. One line per round in the bench's format.
defmodule Ring do
  def member(next, report_to) do
    receive do
      0 ->
        send(report_to, :ring_done)
        member(next, report_to)

      hops ->
        send(next, hops - 1)
        member(next, report_to)
    end
  end

  def await_next(report_to) do
    receive do
      {:next, next} -> member(next, report_to)
    end
  end

  def round(procs, hops) do
    me = self()
    {spawn_micros, members} =
      :timer.tc(fn -> for _ <- 1..procs, do: spawn(fn -> await_next(me) end) end)
    [first | rest] = members
    Enum.zip(members, rest ++ [first]) |> Enum.each(fn {m, next} -> send(m, {:next, next}) end)
    {micros, :ok} =
      :timer.tc(fn ->
        send(first, hops)
        receive do
          :ring_done -> :ok
        end
      end)
    Enum.each(members, &Process.exit(&1, :kill))
    %{"spawn_ms" => spawn_micros / 1000, "msgs_per_s" => hops * 1_000_000 / max(micros, 1)}
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

procs = BenchArgs.get("procs", 10_000)
hops = BenchArgs.get("hops", 1_000_000)
warmup = BenchArgs.get("warmup", 2)
params = %{"procs" => procs, "hops" => hops}
for r <- 1..warmup//1, do: BenchArgs.report("elixir_ring", "warmup", r, params, Ring.round(procs, hops))
BenchArgs.report("elixir_ring", "measure", 1, params, Ring.round(procs, hops))
