# Issue 14 §5, "ping-pong": the same Elixir code on the BEAM (`elixir bench/elixir/ping_pong.exs`) and on
# Beamscope's Elixir interpreter. N round trips between two processes, one at a time. Arguments (optional):
# n=1000000 warmup=2. Prints one line per round in the bench's format (bench/erlang/beamscope_bench.erl):
#   {"system":"beam","workload":"elixir_ping_pong","phase":"warmup|measure","round":R,"params":{...},"metrics":{...}}
defmodule PingPong do
  def pong do
    receive do
      from -> send(from, :pong)
    end
    pong()
  end

  def ping(0, _ponger), do: :ok

  def ping(n, ponger) do
    send(ponger, self())
    receive do
      :pong -> ping(n - 1, ponger)
    end
  end

  def round(n) do
    ponger = spawn(&pong/0)
    {micros, :ok} = :timer.tc(fn -> ping(n, ponger) end)
    Process.exit(ponger, :kill)
    %{"roundtrips_per_s" => n * 1_000_000 / max(micros, 1)}
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
warmup = BenchArgs.get("warmup", 2)
for r <- 1..warmup//1, do: BenchArgs.report("elixir_ping_pong", "warmup", r, %{"n" => n}, PingPong.round(n))
BenchArgs.report("elixir_ping_pong", "measure", 1, %{"n" => n}, PingPong.round(n))
