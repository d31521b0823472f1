# Issue 14 §5, "naive fib(27)": the same Elixir code on the BEAM (`elixir bench/elixir/fib.exs`) and on
# Beamscope's Elixir interpreter: doubly recursive fib, one process, about 630,000 calls for n = 27.
# Arguments (optional): n=27 warmup=2. Prints one line per round in the bench's format (see ping_pong.exs).
defmodule Fib do
  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def round(n) do
    {micros, value} = :timer.tc(fn -> fib(n) end)
    %{"time_ms" => micros / 1000, "value" => value}
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

n = BenchArgs.get("n", 27)
warmup = BenchArgs.get("warmup", 2)
for r <- 1..warmup//1, do: BenchArgs.report("elixir_fib", "warmup", r, %{"n" => n}, Fib.round(n))
BenchArgs.report("elixir_fib", "measure", 1, %{"n" => n}, Fib.round(n))
