parent = self()
IO.inspect(parent)
child = spawn(fn ->
  receive do
    {:ping, from} -> send(from, {:pong, self()})
  end
end)
IO.inspect(child)
IO.inspect(Process.alive?(child))
send(child, {:ping, self()})
receive do
  {:pong, ^child} -> IO.puts("pong from the child")
end
ref = make_ref()
IO.inspect(ref)
send(self(), {:tagged, ref, 42})
receive do
  {:tagged, ^ref, value} -> IO.inspect(value)
end
receive do
  :nothing -> IO.puts("impossible")
after
  50 -> IO.puts("timed out after 50 ms")
end
receive do
after
  0 -> IO.puts("after 0 with an empty mailbox")
end
defmodule Echo do
  def loop(count) do
    receive do
      {:echo, from, msg} ->
        send(from, {:echoed, msg})
        loop(count + 1)
      {:stop, from} ->
        send(from, {:stopped, count})
    end
  end
end
echo = spawn(Echo, :loop, [0])
for word <- ~w(one two three) do
  send(echo, {:echo, self(), word})
  receive do
    {:echoed, w} -> IO.puts("echo: " <> w)
  end
end
ref = Process.monitor(echo)
send(echo, {:stop, self()})
receive do
  {:stopped, n} -> IO.puts("echo handled #{n}")
end
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason)
end
IO.inspect(Process.alive?(echo))
pids = for i <- 1..3, do: spawn(fn -> send(parent, {:hello, i, self()}) end)
results = for pid <- pids do
  receive do
    {:hello, i, ^pid} -> i
  end
end
IO.inspect(results)
send(self(), :a)
send(self(), :b)
IO.inspect(Process.info(self(), :message_queue_len))
receive do: (m -> IO.inspect(m))
receive do: (m -> IO.inspect(m))
IO.inspect(spawn(fn -> :ok end) != self())
