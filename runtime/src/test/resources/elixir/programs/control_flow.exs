defmodule Flow do
  def classify(n) do
    cond do
      n < 0 -> :negative
      n == 0 -> :zero
      n < 10 -> :small
      true -> :large
    end
  end

  def describe(value) do
    case value do
      {:ok, v} when is_integer(v) -> "ok integer #{v}"
      {:ok, v} -> "ok #{inspect(v)}"
      {:error, reason} -> "error #{reason}"
      [] -> "empty list"
      [_ | _] = list -> "list of #{length(list)}"
      _ -> "something else"
    end
  end

  def fetch(map, key) do
    case Map.fetch(map, key) do
      {:ok, v} -> {:ok, v}
      :error -> {:error, "missing #{key}"}
    end
  end

  def total(map) do
    with {:ok, a} <- fetch(map, :a),
         {:ok, b} <- fetch(map, :b),
         sum = a + b,
         true <- sum > 0 do
      {:ok, sum}
    else
      {:error, message} -> {:error, message}
      false -> {:error, "not positive"}
    end
  end
end

IO.inspect(Enum.map([-3, 0, 4, 42], &Flow.classify/1))
IO.puts(Flow.describe({:ok, 1}))
IO.puts(Flow.describe({:ok, "x"}))
IO.puts(Flow.describe({:error, :timeout}))
IO.puts(Flow.describe([]))
IO.puts(Flow.describe([1, 2, 3]))
IO.puts(Flow.describe(3.5))
IO.inspect(Flow.total(%{a: 1, b: 2}))
IO.inspect(Flow.total(%{a: 1}))
IO.inspect(Flow.total(%{a: 1, b: -5}))
if 1 + 1 == 2 do
  IO.puts("math works")
else
  IO.puts("math is broken")
end
unless false, do: IO.puts("unless runs")
IO.inspect(if nil, do: :yes, else: :no)
IO.inspect(if false, do: :yes)
IO.inspect(if [], do: :truthy_empty_list)
x = 7
message = if rem(x, 2) == 0, do: "even", else: "odd"
IO.puts(message)
IO.inspect(nil || :default)
IO.inspect(false && :never)
IO.inspect(1 && 2)
IO.inspect(not true)
IO.inspect(!nil)
