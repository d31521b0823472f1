Process.flag(:trap_exit, true)
IO.inspect(Process.flag(:trap_exit, true))
child = spawn_link(fn -> exit(:custom_reason) end)
receive do
  {:EXIT, ^child, reason} -> IO.inspect({:exit_received, reason})
end
normal = spawn_link(fn -> :ok end)
receive do
  {:EXIT, ^normal, reason} -> IO.inspect({:normal_exit, reason})
end
sleeper = spawn_link(fn -> Process.sleep(:infinity) end)
Process.exit(sleeper, :kill)
receive do
  {:EXIT, ^sleeper, reason} -> IO.inspect({:killed_exit, reason})
end
Logger.configure(level: :none)
crasher = spawn_link(fn -> raise "crash in child" end)
receive do
  {:EXIT, ^crasher, {%RuntimeError{message: m}, _stack}} -> IO.puts("child crashed: " <> m)
end
waiter = spawn(fn ->
  receive do
    :never -> :ok
  end
end)
Process.link(waiter)
IO.inspect(Process.info(self(), :links) |> elem(1) |> Enum.member?(waiter))
Process.exit(waiter, :shutdown)
receive do
  {:EXIT, ^waiter, reason} -> IO.inspect({:linked_later, reason})
end
Process.flag(:trap_exit, false)
parent = self()
{_observer, ref} = spawn_monitor(fn ->
  Process.flag(:trap_exit, true)
  inner = spawn_link(fn -> exit(:inner_failed) end)
  receive do
    {:EXIT, ^inner, r} -> send(parent, {:observer_saw, r})
  end
end)
receive do
  {:observer_saw, r} -> IO.inspect(r)
end
receive do
  {:DOWN, ^ref, :process, _, r} -> IO.inspect({:observer_down, r})
end
unlinked = spawn(fn -> exit(:ignored) end)
ref2 = Process.monitor(unlinked)
receive do
  {:DOWN, ^ref2, :process, _, r} -> IO.inspect({:unlinked_exit, r})
end
IO.puts("still alive")
