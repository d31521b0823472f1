# GenServer, Agent, Supervisor restarts
defmodule Stack do
  use GenServer

  def start_link(items), do: GenServer.start_link(__MODULE__, items, name: __MODULE__)
  def push(x), do: GenServer.cast(__MODULE__, {:push, x})
  def pop, do: GenServer.call(__MODULE__, :pop)

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_call(:pop, _from, [h | t]), do: {:reply, h, t}
  def handle_call(:pop, _from, []), do: {:reply, nil, []}

  @impl true
  def handle_cast({:push, x}, items), do: {:noreply, [x | items]}
end

{:ok, _} = Stack.start_link([1])
Stack.push(2)
Stack.push(3)
IO.inspect [Stack.pop(), Stack.pop(), Stack.pop(), Stack.pop()]

{:ok, agent} = Agent.start_link(fn -> %{} end)
Agent.update(agent, &Map.put(&1, :k, 1))
IO.inspect Agent.get(agent, & &1)

defmodule Worker do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: :worker)
  def init(arg), do: {:ok, arg}
  def handle_call(:get, _from, s), do: {:reply, s, s}
end

{:ok, sup} = Supervisor.start_link([{Worker, 42}], strategy: :one_for_one)
IO.inspect GenServer.call(:worker, :get)
old = Process.whereis(:worker)
ref = Process.monitor(old)
Process.exit(old, :kill)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect reason
end
again = fn f ->
  case Process.whereis(:worker) do
    nil -> f.(f)
    ^old -> f.(f)
    pid -> pid
  end
end
new = again.(again)
IO.inspect new != old
IO.inspect GenServer.call(:worker, :get)
IO.inspect length(Supervisor.which_children(sup))
