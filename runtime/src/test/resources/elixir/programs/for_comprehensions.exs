IO.inspect(for x <- 1..5, do: x * x)
IO.inspect(for x <- 1..10, rem(x, 2) == 0, do: x)
IO.inspect(for x <- [1, 2], y <- [:a, :b], do: {x, y})
IO.inspect(for x <- 1..4, y <- x..4, x + y == 5, do: {x, y})
IO.inspect(for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {k, v * 10})
IO.inspect(for {:ok, v} <- [{:ok, 1}, :skip, {:ok, 2}], do: v)
IO.inspect(for c <- 'abc', do: c + 1)
IO.inspect(for <<byte <- "hi">>, do: byte)
IO.inspect(for x <- [3, 1, 2], into: [], do: x)
IO.inspect(for word <- ~w(a bb ccc), into: "", do: String.upcase(word))
IO.inspect(for x <- 1..5, reduce: 0 do
  acc -> acc + x
end)
IO.inspect(for x <- [1, 2, 2, 3, 3, 3], uniq: true, do: x)
IO.inspect(for n <- 1..3, m = n * 10, do: m)
pairs =
  for i <- 1..3,
      j <- 1..3,
      i < j do
    "#{i}-#{j}"
  end
IO.inspect(pairs)
