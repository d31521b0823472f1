case value do
  {:ok, result} when is_list(result) -> length(result)
  {:ok, _} -> 1
  {:error, reason} = err ->
    IO.puts("error: #{reason}")
    err
  _other -> nil
end
case x, do: (1 -> :one; _ -> :other)
cond do
  x > 10 -> :big
  x > 5 ->
    :medium
  true -> :small
end
if x > 0 do
  :positive
else
  :non_positive
end
if x, do: 1, else: 2
if x, do: 1
unless done?, do: work()
unless ready do
  wait()
end
with {:ok, a} <- fetch(:a),
     {:ok, b} <- fetch(:b),
     sum = a + b,
     true <- sum > 0 do
  {:ok, sum}
else
  {:error, _} = e -> e
  false -> {:error, :negative}
end
with {:ok, x} <- f(), do: x
receive do
  {:hello, name} -> IO.puts("hi #{name}")
  {:EXIT, pid, reason} when reason != :normal ->
    IO.inspect({pid, reason})
  :stop -> :ok
after
  5_000 -> :timeout
end
receive do
after
  0 -> :empty
end
receive do
  msg -> msg
after
  timeout() -> nil
end
try do
  risky()
rescue
  e in [ArgumentError, RuntimeError] -> {:rescued, e}
  e in ArithmeticError -> Exception.message(e)
  ArgumentError -> :arg
  _ -> :other
catch
  :throw, value -> {:thrown, value}
  :exit, reason -> {:exit, reason}
  kind, reason -> {kind, reason}
else
  result -> {:ok, result}
after
  cleanup()
end
try do
  throw(:x)
catch
  value -> value
end
try do
  exit(:boom)
rescue
  _ -> :never
after
  IO.puts("after")
end
for x <- 1..10, rem(x, 2) == 0, do: x * x
for x <- [1, 2], y <- [:a, :b], do: {x, y}
for {k, v} <- map, into: %{}, do: {k, v + 1}
for x <- list, reduce: 0 do
  acc -> acc + x
end
for <<c <- "abc">>, do: c
for x <- list, x > 0 do
  x * 2
end
raise "boom"
raise ArgumentError
raise ArgumentError, message: "bad"
raise ArgumentError, "bad"
reraise e, __STACKTRACE__
throw :value
exit(:normal)
exit({:shutdown, :reason})
quote do
  unquote(x) + 1
end
