# Processes: spawn, selective receive, after, links, trapped exits, monitors, registered names
defmodule Ping do
  def loop(n) do
    receive do
      {:ping, from} ->
        send(from, {:pong, n})
        loop(n + 1)
      :stop -> :ok
    end
  end
end

pid = spawn(Ping, :loop, [0])
for _ <- 1..3 do
  send(pid, {:ping, self()})
  receive do
    {:pong, n} -> IO.puts "pong #{n}"
  end
end
send(pid, :stop)

send(self(), :first)
send(self(), :second)
receive do
  :second -> IO.puts "second first"
end
receive do
  :first -> IO.puts "then first"
end
receive do
  :never -> :ok
after
  20 -> IO.puts "timed out"
end

Process.flag(:trap_exit, true)
linked = spawn_link(fn -> exit(:boom) end)
receive do
  {:EXIT, ^linked, reason} -> IO.inspect reason
end

{mpid, ref} = spawn_monitor(fn -> :ok end)
receive do
  {:DOWN, ^ref, :process, pid, reason} -> IO.inspect {:down, pid == mpid, reason}
end

spawn(fn ->
  Process.register(self(), :named)
  receive do
    {:hi, from} -> send(from, :hello_back)
  end
end)
wait = fn f -> if Process.whereis(:named), do: :ok, else: f.(f) end
wait.(wait)
send(:named, {:hi, self()})
receive do
  :hello_back -> IO.puts "named process answered"
end

task = Task.async(fn -> Enum.sum(1..100) end)
IO.inspect Task.await(task)
parent = self()
pids = for i <- 1..5, do: spawn(fn -> send(parent, {:result, i * i}) end)
collect = fn _ ->
  receive do
    {:result, r} -> r
  end
end
results = Enum.map(pids, collect)
IO.inspect Enum.sort(results)
try do
  exit(:my_reason)
catch
  :exit, r -> IO.inspect {:caught_exit, r}
end
try do
  throw(:ball)
catch
  v -> IO.inspect {:caught, v}
end
IO.inspect(try do
  raise ArgumentError, "bad"
rescue
  e in [ArgumentError] -> {:rescued, e.message}
after
  IO.puts "after ran"
end)
