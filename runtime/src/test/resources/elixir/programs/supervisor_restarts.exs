Logger.configure(level: :none)

defmodule Flaky do
  use GenServer, restart: :permanent
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: __MODULE__)
  def init(arg) do
    IO.puts("Flaky init #{inspect(arg)}")
    {:ok, arg}
  end
  def handle_cast(:crash, _), do: raise("deliberate crash")
end

defmodule OneShot do
  use GenServer, restart: :temporary
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def init(:ok), do: {:ok, :ok}
end

defmodule Transient do
  use GenServer, restart: :transient
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def init(:ok) do
    IO.puts("Transient init")
    {:ok, :ok}
  end
  def handle_cast(:finish, s), do: {:stop, :normal, s}
end

defmodule App do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  @impl true
  def init(_arg) do
    children = [{Flaky, :config}, OneShot, Transient]
    Supervisor.init(children, strategy: :one_for_one, max_restarts: 2, max_seconds: 5)
  end
end

{:ok, sup} = App.start_link(:ignored)
IO.inspect(Supervisor.count_children(sup))
IO.inspect(Flaky.child_spec(:x))
wait_down = fn name ->
  # a call to the supervisor first: it has handled the last exit (and restart) when it answers
  _ = Supervisor.count_children(App)
  pid = Process.whereis(name)
  ref = Process.monitor(pid)
  fn ->
    receive do
      {:DOWN, ^ref, :process, _, reason} -> reason
    end
  end
end
await = wait_down.(Flaky)
GenServer.cast(Flaky, :crash)
crashed = match?({%RuntimeError{}, _}, await.())
# the supervisor answers once it has restarted Flaky (whose init prints first)
_ = Supervisor.count_children(App)
IO.inspect(crashed)
IO.inspect(Supervisor.count_children(sup).active)
await = wait_down.(OneShot)
Process.exit(Process.whereis(OneShot), :kill)
IO.inspect(await.())
IO.inspect(Supervisor.count_children(sup))
await = wait_down.(Transient)
GenServer.cast(Transient, :finish)
IO.inspect(await.())
IO.inspect(Supervisor.count_children(sup))
sup_ref = Process.monitor(sup)
Process.unlink(sup)
for _ <- 1..2 do
  await = wait_down.(Flaky)
  GenServer.cast(Flaky, :crash)
  await.()
end
receive do
  {:DOWN, ^sup_ref, :process, _, reason} -> IO.inspect({:supervisor_gave_up, reason})
end
