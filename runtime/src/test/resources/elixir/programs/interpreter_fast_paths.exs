# The evaluator's fast paths (issue 14 §5) against the BEAM: for as a reduce, range walks, integer
# operators on longs with their overflow into big integers, mixed integer/float comparisons, and arguments
# kept in their own slots.
defmodule Fast do
  def same(x, x), do: :same
  def same(_, _), do: :different

  def fib(n) when n < 2, do: n
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def shadow(x) do
    f = fn x -> x * 10 end
    {f.(x + 1), x}
  end

  def count_down(0, acc), do: acc
  def count_down(n, acc), do: count_down(n - 1, acc + n)

  def first_arg(a, _b), do: a
end

IO.inspect(for x <- [1, 2, 3], do: x * 2)
IO.inspect(for x <- 1..5, y <- [:a, :b], rem(x, 2) == 1, do: {x, y})
IO.inspect(for {:ok, v} <- [{:ok, 1}, :error, {:ok, 3}], do: v)
IO.inspect(for x <- 5..1//-1, do: x)
IO.inspect(for x <- 1..10//3, do: x)
IO.inspect(for x <- 1..0//1, do: x)
IO.inspect(for x <- [1, 1, 2], uniq: true, do: x)
IO.inspect(for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {v, k})
IO.inspect(for x <- [1, 2], y <- [x, x + 10], do: x + y)
long = for x <- 1..200_000, do: x
IO.inspect({length(long), Enum.sum(long), hd(long), List.last(long)})
IO.inspect(Enum.reduce(1..100_000, 0, fn x, acc -> x + acc end))
IO.inspect(Enum.reduce(4..1//-1, [], fn x, acc -> [x | acc] end))
IO.inspect(9_223_372_036_854_775_807 + 1)
IO.inspect(-9_223_372_036_854_775_808 - 1)
IO.inspect(9_223_372_036_854_775_808 - 1)
IO.inspect({1 == 1.0, 1 === 1.0, 1 != 1.0, 1 !== 1.0, 1 < 1.5, 2 > 1.5, 2 <= 2.0, 3 >= 3.5})
IO.inspect({:a < 1, 1 < :a, 10_000_000_000_000_000_000 > 1})
IO.inspect({Fast.same(1, 1), Fast.same(1, 2), Fast.same(1, 1.0)})
IO.inspect(Fast.fib(20))
IO.inspect(Fast.shadow(4))
IO.inspect(Fast.count_down(100_000, 0))
IO.inspect(Fast.first_arg(:x, :y))
try do
  IO.inspect(1 + Fast.first_arg(:a, 0))
rescue
  e -> IO.puts(Exception.message(e))
end
