Logger.configure(level: :none)
IO.puts("linking to a process that exits")
parent = self()
spawn_link(fn ->
  send(parent, :ready)
  exit(:linked_failure)
end)
receive do
  :ready -> :ok
end
receive do
  :never -> :ok
end
