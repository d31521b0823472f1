defmodule Deep do
  # body recursion: 100,000 frames deep
  def sum([]), do: 0
  def sum([h | t]), do: h + sum(t)

  def count_down(0), do: :done
  def count_down(n), do: count_down(n - 1)

  def build(0), do: []
  def build(n), do: [n | build(n - 1)]

  def mutual_even?(0), do: true
  def mutual_even?(n), do: mutual_odd?(n - 1)
  def mutual_odd?(0), do: false
  def mutual_odd?(n), do: mutual_even?(n - 1)
end

list = Enum.to_list(1..100_000)
IO.puts(Deep.sum(list))
IO.inspect(Deep.count_down(1_000_000))
IO.puts(length(Deep.build(100_000)))
IO.inspect(Deep.mutual_even?(100_001))
fib = fn
  _fib, n when n < 2 -> n
  fib, n -> fib.(fib, n - 1) + fib.(fib, n - 2)
end
IO.puts(fib.(fib, 20))
IO.puts(Enum.reduce(1..100_000, 0, &+/2))
