IO.puts("starting")
defmodule Boom do
  def go(n) when n > 0, do: go(n - 1)
  def go(0), do: raise("boom at the bottom")
end
Boom.go(3)
IO.puts("never printed")
