Logger.configure(level: :none)

defmodule Worker do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  def init(name) do
    IO.puts("start #{name}")
    {:ok, name}
  end
  def handle_call(:ping, _from, name), do: {:reply, {:pong, name}, name}
end

defmodule Sup do
  def run(strategy) do
    IO.puts("-- #{strategy}")
    children = [
      %{id: :a, start: {Worker, :start_link, [:a]}},
      %{id: :b, start: {Worker, :start_link, [:b]}},
      %{id: :c, start: {Worker, :start_link, [:c]}}
    ]
    {:ok, sup} = Supervisor.start_link(children, strategy: strategy)
    IO.inspect(Supervisor.count_children(sup))
    old_b = Process.whereis(:b)
    ref = Process.monitor(old_b)
    Process.exit(old_b, :kill)
    reason = receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
    # ask the supervisor (it handles the EXIT, restarts included, before our call), then the restarted worker
    ids = sup |> Supervisor.which_children() |> Enum.map(fn {id, _pid, :worker, [Worker]} -> id end) |> Enum.sort()
    IO.inspect({:b_down, reason})
    IO.inspect(ids)
    IO.inspect(GenServer.call(:b, :ping))
    IO.inspect(Process.whereis(:b) != old_b)
    Supervisor.stop(sup)
  end
end

Sup.run(:one_for_one)
Sup.run(:one_for_all)
Sup.run(:rest_for_one)
