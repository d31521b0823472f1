# Child specs as Supervisor.child_spec/2 overrides them, the library's own child_spec/1 functions, and a
# DynamicSupervisor's children (no ids) and its max_children limit.
defmodule Worker do
  use GenServer
  def start_link(n), do: GenServer.start_link(__MODULE__, n)
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
end

defmodule Pool do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg)
  def init(n), do: Supervisor.init([{Worker, n}], strategy: :one_for_one)
end

IO.inspect(Supervisor.child_spec({Worker, 1}, id: :one))
IO.inspect(Supervisor.child_spec(Worker, id: :two, restart: :transient))
IO.inspect(Supervisor.child_spec(%{id: :x, start: {Worker, :start_link, [3]}}, id: :three))
IO.inspect(Pool.child_spec(7))
IO.inspect(Task.child_spec(:arg))
IO.inspect(Agent.child_spec(:arg))

{:ok, sup} = Supervisor.start_link([
  Supervisor.child_spec({Worker, 1}, id: :w1),
  Supervisor.child_spec({Worker, 2}, id: :w2),
  {Pool, 3},
  {Agent, fn -> :agent_state end}
], strategy: :rest_for_one)
children = Supervisor.which_children(sup)
IO.inspect(Enum.map(children, fn {id, _pid, type, modules} -> {id, type, modules} end))
IO.inspect(Supervisor.count_children(sup))
{_, w2, _, _} = Enum.find(children, fn {id, _, _, _} -> id == :w2 end)
IO.inspect(GenServer.call(w2, :get))
{_, agent, _, _} = List.keyfind(children, Agent, 0)
IO.inspect(Agent.get(agent, fn s -> s end))

{:ok, dyn} = DynamicSupervisor.start_link(max_children: 2)
{:ok, _} = DynamicSupervisor.start_child(dyn, {Worker, 10})
{:ok, _} = DynamicSupervisor.start_child(dyn, Supervisor.child_spec({Worker, 11}, id: :ignored))
IO.inspect(DynamicSupervisor.start_child(dyn, {Worker, 12}))
IO.inspect(Enum.map(DynamicSupervisor.which_children(dyn), fn {id, _pid, type, modules} -> {id, type, modules} end))
IO.inspect(DynamicSupervisor.count_children(dyn))
