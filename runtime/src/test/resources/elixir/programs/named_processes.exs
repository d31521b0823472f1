defmodule Registry2 do
  def start do
    pid = spawn(fn -> loop(%{}) end)
    Process.register(pid, :kv_store)
    pid
  end

  def put(k, v), do: send(:kv_store, {:put, k, v})

  def get(k) do
    send(:kv_store, {:get, k, self()})
    receive do
      {:value, ^k, v} -> v
    end
  end

  defp loop(state) do
    receive do
      {:put, k, v} -> loop(Map.put(state, k, v))
      {:get, k, from} ->
        send(from, {:value, k, Map.get(state, k)})
        loop(state)
    end
  end
end

pid = Registry2.start()
IO.inspect(Process.whereis(:kv_store) == pid)
Registry2.put(:lang, "elixir")
IO.inspect(Registry2.get(:lang))
IO.inspect(Registry2.get(:other))
IO.inspect(:kv_store in Process.registered())
Process.unregister(:kv_store)
IO.inspect(Process.whereis(:kv_store))
result =
  try do
    send(:kv_store, :hello)
  rescue
    e in ArgumentError -> {:rescued, e.__struct__}
  end
IO.inspect(result)
Process.register(self(), :me)
send(:me, :to_myself)
receive do
  :to_myself -> IO.puts("named self works")
end
IO.inspect(Process.info(self(), :registered_name))
defmodule Named do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: {:global, :named_counter})
  def init(n), do: {:ok, n}
  def handle_call(:get, _, n), do: {:reply, n, n}
end
{:ok, _} = Named.start_link(nil)
IO.inspect(GenServer.call({:global, :named_counter}, :get))
IO.inspect(GenServer.whereis(:nobody))
