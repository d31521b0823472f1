send(self(), {:low, 1})
send(self(), {:high, 2})
send(self(), {:low, 3})
send(self(), {:high, 4})
send(self(), :other)

take_high = fn ->
  receive do
    {:high, n} -> n
  after
    0 -> :none
  end
end

IO.inspect(take_high.())
IO.inspect(take_high.())
IO.inspect(take_high.())
{:messages, left} = Process.info(self(), :messages)
IO.inspect(left)
receive do
  :other -> IO.puts("took :other out of order")
end
drain = fn drain, acc ->
  receive do
    msg -> drain.(drain, [msg | acc])
  after
    0 -> Enum.reverse(acc)
  end
end
IO.inspect(drain.(drain, []))
parent = self()
worker = spawn(fn ->
  receive do
    :second -> send(parent, :got_second_first)
  end
  receive do
    :first -> send(parent, :then_first)
  end
end)
send(worker, :first)
send(worker, :second)
receive do: (:got_second_first -> IO.puts("second matched first"))
receive do: (:then_first -> IO.puts("first was still waiting"))
guarded = fn ->
  receive do
    n when is_integer(n) and n > 10 -> {:big, n}
    n when is_integer(n) -> {:small, n}
  end
end
send(self(), 5)
send(self(), 50)
IO.inspect(guarded.())
IO.inspect(guarded.())
