pid = spawn(fn ->
  receive do
    :stop -> :ok
  end
end)
ref = Process.monitor(pid)
IO.inspect(is_reference(ref))
send(pid, :stop)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect({:down, reason})
end
dead = spawn(fn -> :ok end)
first = Process.monitor(dead)
receive do
  {:DOWN, ^first, :process, _, reason} -> IO.inspect({:first_down, reason})
end
ref = Process.monitor(dead)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect({:already_dead, reason})
end
{_pid2, ref2} = spawn_monitor(fn -> exit(:bye) end)
receive do
  {:DOWN, ^ref2, :process, _, reason} -> IO.inspect({:spawn_monitor, reason})
end
quiet = spawn(fn ->
  receive do
    :stop -> :ok
  end
end)
ref3 = Process.monitor(quiet)
IO.inspect(Process.demonitor(ref3, [:flush]))
send(quiet, :stop)
receive do
  {:DOWN, ^ref3, _, _, _} -> IO.puts("should not arrive")
after
  100 -> IO.puts("no DOWN after demonitor")
end
Logger.configure(level: :none)
{_crash, ref4} = spawn_monitor(fn -> 1 = String.length("ab") end)
receive do
  {:DOWN, ^ref4, :process, _, {{:badmatch, value}, _}} -> IO.inspect({:badmatch, value})
end
{_, ref5} = spawn_monitor(fn -> raise ArgumentError, "bad" end)
receive do
  {:DOWN, ^ref5, :process, _, {%ArgumentError{message: m}, _}} -> IO.puts("monitored crash: " <> m)
end
watchers = for i <- 1..3 do
  spawn_monitor(fn -> exit({:done, i}) end)
end
for {_p, r} <- watchers do
  receive do
    {:DOWN, ^r, :process, _, reason} -> IO.inspect(reason)
  end
end
