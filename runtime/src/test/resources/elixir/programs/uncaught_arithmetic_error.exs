defmodule Divide do
  def run(a, b), do: div(a, b)
end

IO.puts("before the error")
IO.puts(Divide.run(10, 2))
zero = length([])
IO.puts(Divide.run(1, zero))
IO.puts("never printed")
