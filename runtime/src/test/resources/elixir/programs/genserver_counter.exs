defmodule Counter do
  use GenServer

  def start_link(initial \\ 0), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def increment, do: GenServer.cast(__MODULE__, :increment)
  def add(n), do: GenServer.call(__MODULE__, {:add, n})
  def value, do: GenServer.call(__MODULE__, :value)

  @impl true
  def init(initial) do
    IO.puts("init with #{initial}")
    {:ok, initial}
  end

  @impl true
  def handle_call(:value, _from, count), do: {:reply, count, count}
  def handle_call({:add, n}, _from, count), do: {:reply, :ok, count + n}
  def handle_call(:stop_me, _from, count), do: {:stop, :normal, :stopping, count}

  @impl true
  def handle_cast(:increment, count), do: {:noreply, count + 1}

  @impl true
  def handle_info({:tick, from}, count) do
    send(from, {:ticked, count})
    {:noreply, count + 10}
  end

  @impl true
  def terminate(reason, count) do
    IO.puts("terminate #{inspect(reason)} at #{count}")
  end
end

{:ok, pid} = Counter.start_link(5)
IO.inspect(Process.whereis(Counter) == pid)
Counter.increment()
Counter.increment()
IO.inspect(Counter.value())
IO.inspect(Counter.add(3))
IO.inspect(Counter.value())
send(Counter, {:tick, self()})
receive do
  {:ticked, n} -> IO.inspect({:ticked, n})
end
IO.inspect(Counter.value())
ref = Process.monitor(pid)
IO.inspect(GenServer.call(pid, :stop_me))
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect({:stopped, reason})
end

defmodule KV do
  use GenServer
  def init(map), do: {:ok, map}
  def handle_call({:get, k}, _from, map), do: {:reply, Map.get(map, k), map}
  def handle_cast({:put, k, v}, map), do: {:noreply, Map.put(map, k, v)}
end

{:ok, kv} = GenServer.start_link(KV, %{})
GenServer.cast(kv, {:put, :a, 1})
IO.inspect(GenServer.call(kv, {:get, :a}))
IO.inspect(GenServer.call(kv, {:get, :b}))
IO.inspect(:sys.get_state(kv))
IO.inspect(GenServer.stop(kv))
Logger.configure(level: :none)
{:ok, slow} = GenServer.start(KV, %{})
result =
  try do
    GenServer.call(slow, {:unknown_call}, 100)
  catch
    :exit, reason -> reason
  end
# The server died of a function_clause: the exit reason carries the stack trace, whose top frame names the
# callback, its arguments and where its clauses start (the frames below it are gen_server's own).
{{:function_clause, [{module, fun, [msg, _from, state], location} | _]}, {GenServer, :call, [^slow, {:unknown_call}, 100]}} = result
IO.inspect({:caught_exit, :function_clause, {module, fun, [msg, state], location}})
