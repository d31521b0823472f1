defmodule InsufficientFunds do
  defexception message: "not enough money", amount: 0
end

defmodule Errors do
  def risky(:raise), do: raise("plain failure")
  def risky(:argument), do: raise(ArgumentError, message: "bad argument given")
  def risky(:arith), do: 1 / zero()
  def risky(:custom), do: raise(InsufficientFunds, amount: 10)
  def risky(:throw), do: throw({:thrown, 1})
  def risky(:exit), do: exit(:went_away)
  def risky(:match), do: ({:ok, _} = failure())
  def risky(:fun_clause), do: only_ok(:nope)
  def risky(:undefined), do: apply(Enum, :not_a_function, [])
  def risky(:key), do: Map.fetch!(empty(), :missing)
  def risky(:ok), do: :fine

  defp zero, do: String.to_integer("0")
  defp failure, do: {:error, String.to_atom("nope")}
  defp empty, do: Map.new()
  defp only_ok(:ok), do: :ok

  def attempt(kind) do
    try do
      risky(kind)
    rescue
      e in InsufficientFunds -> "custom: #{e.message} (#{e.amount})"
      e in [ArgumentError, ArithmeticError] -> "#{inspect(e.__struct__)}: #{Exception.message(e)}"
      e in RuntimeError -> "runtime: " <> e.message
      e -> "other #{inspect(e.__struct__)}: #{Exception.message(e)}"
    catch
      :throw, value -> "caught throw #{inspect(value)}"
      :exit, reason -> "caught exit #{inspect(reason)}"
    else
      value -> "no error: #{inspect(value)}"
    after
      IO.puts("after #{kind}")
    end
  end
end

for kind <- [:raise, :argument, :arith, :custom, :throw, :exit, :match, :fun_clause, :undefined, :key, :ok] do
  IO.puts(Errors.attempt(kind))
end

value = try do
  throw(:early)
catch
  x -> {:caught, x}
end
IO.inspect(value)

IO.inspect(catch_all = (try do raise "x" rescue _ -> :rescued end))
IO.inspect(catch_all)
e = RuntimeError.exception("made by hand")
IO.inspect(e)
IO.puts(Exception.message(e))
IO.inspect(%ArgumentError{message: "direct"})
