# Closures, captures, pipes, comprehensions, recursion depth, tail calls
defmodule Rec do
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def twice(f, x), do: f.(f.(x))
end

adders = for n <- 1..3, do: fn x -> x + n end
IO.inspect Enum.map(adders, fn f -> f.(10) end)
IO.inspect Rec.twice(&(&1 * 3), 2)
IO.inspect Enum.map([1, 2, 3], &Integer.to_string/1)
IO.puts Rec.sum(Enum.to_list(1..100_000))
IO.puts Rec.count(1_000_000, 0)
[1, 2, 3, 4, 5, 6]
|> Enum.filter(fn x -> rem(x, 2) == 0 end)
|> Enum.map(&(&1 * &1))
|> Enum.reduce(0, &(&1 + &2))
|> IO.puts()
IO.inspect for x <- [1, 2, 3], y <- [:a, :b], x != 2, do: {x, y}
IO.inspect for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {k, v * 10}
IO.inspect Enum.sort_by(["ccc", "a", "bb"], &String.length/1)
IO.inspect Enum.group_by([1, 2, 3, 4], fn x -> rem(x, 2) end)
counter = fn
  0, _f -> :done
  n, f -> f.(n - 1, f)
end
IO.inspect counter.(1000, counter)
IO.inspect Enum.zip([1, 2], [:x, :y])
IO.inspect Enum.with_index(["a", "b"])
IO.inspect String.split("a,b,c", ",")
IO.puts String.upcase("shout") <> "!"
IO.inspect Keyword.get([x: 1, y: 2], :y)
IO.inspect Map.update(%{a: 1}, :a, 0, &(&1 + 1))
IO.inspect Enum.any?([1, 2, 3], &(&1 > 2))
IO.inspect Enum.all?([1, 2, 3], &(&1 > 2))
IO.inspect Enum.find([1, 2, 3], &(&1 > 1))
IO.inspect ~w(alpha beta)
IO.inspect ~w(alpha beta)a
IO.inspect 10 / 4
IO.inspect div(10, 4)
IO.inspect 2 ** 10 |> is_integer()
