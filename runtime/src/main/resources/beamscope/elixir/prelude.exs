# The part of Elixir's library that calls functions or waits, written in Elixir so that it suspends and
# counts reductions like user code. Leaf functions are Java (beamscope.elixir.Library).
defmodule Enum do
  # streams are lazy (Stream below); everything else is the Java leaf Beamscope.to_list / Beamscope.take
  def to_list(%{__struct__: Stream} = s), do: Stream.run_all(s, [])
  def to_list(e), do: Beamscope.to_list(e)
  def take(%{__struct__: Stream} = s, n) when n >= 0, do: Stream.run_all(Stream.take(s, n), [])
  def take(e, n), do: Beamscope.take(e, n)
  def map(e, f), do: map_list(Enum.to_list(e), f)
  defp map_list([], _f), do: []
  defp map_list([h | t], f), do: [f.(h) | map_list(t, f)]
  def each(e, f), do: each_list(Enum.to_list(e), f)
  defp each_list([], _f), do: :ok
  defp each_list([h | t], f) do
    f.(h)
    each_list(t, f)
  end
  def filter(e, f), do: for(x <- Enum.to_list(e), f.(x), do: x)
  def reject(e, f), do: for(x <- Enum.to_list(e), !f.(x), do: x)
  def reduce(e, f) do
    [h | t] = Enum.to_list(e)
    reduce(t, h, f)
  end
  def reduce(%{__struct__: Range, first: first, last: last, step: step}, acc, f), do: reduce_range(first, last, step, acc, f)
  def reduce(e, acc, f), do: reduce_list(Enum.to_list(e), acc, f)
  defp reduce_range(i, last, step, acc, f) when (step > 0 and i <= last) or (step < 0 and i >= last),
    do: reduce_range(i + step, last, step, f.(i, acc), f)
  defp reduce_range(_i, _last, _step, acc, _f), do: acc
  defp reduce_list([], acc, _f), do: acc
  defp reduce_list([h | t], acc, f), do: reduce_list(t, f.(h, acc), f)
  def flat_map(e, f), do: flat_list(Enum.to_list(e), f)
  defp flat_list([], _f), do: []
  defp flat_list([h | t], f), do: f.(h) ++ flat_list(t, f)
  def find(e, default \\ nil, f), do: find_list(Enum.to_list(e), default, f)
  defp find_list([], d, _f), do: d
  defp find_list([h | t], d, f), do: if(f.(h), do: h, else: find_list(t, d, f))
  def any?(e, f), do: find_list(Enum.map(Enum.to_list(e), fn x -> !!f.(x) end), false, fn x -> x end)
  def all?(e, f), do: !any?(e, fn x -> !f.(x) end)
  def count(e, f), do: length(filter(e, f))
  def sum_by(e, f), do: Enum.sum(map(e, f))
  def sort(e, :asc), do: Enum.sort(e)
  def sort(e, :desc), do: Enum.reverse(Enum.sort(e))
  def sort(e, f), do: merge_sort(Enum.to_list(e), f)
  def dedup(e), do: dedup_list(Enum.to_list(e))
  defp dedup_list([a, b | t]) when a === b, do: dedup_list([b | t])
  defp dedup_list([a | t]), do: [a | dedup_list(t)]
  defp dedup_list([]), do: []
  def scan(e, f) do
    [h | t] = Enum.to_list(e)
    scan_list(t, h, f, [h])
  end
  def scan(e, acc, f), do: scan_list(Enum.to_list(e), acc, f, [])
  defp scan_list([], _acc, _f, out), do: Enum.reverse(out)
  defp scan_list([h | t], acc, f, out) do
    acc = f.(h, acc)
    scan_list(t, acc, f, [acc | out])
  end
  def split(e, n), do: {Enum.take(e, n), Enum.drop(e, n)}
  def slice(e, %{__struct__: Range, first: first, last: last}) do
    l = Enum.to_list(e)
    len = length(l)
    first = if first < 0, do: first + len, else: first
    last = if last < 0, do: last + len, else: last
    if first > last or first >= len, do: [], else: Enum.take(Enum.drop(l, first), last - first + 1)
  end
  def slice(e, start, count), do: Enum.take(Enum.drop(e, start), count)
  def sort_by(e, key), do: map(sort(map(e, fn x -> {key.(x), x} end), fn {a, _}, {b, _} -> a <= b end), fn {_, x} -> x end)
  defp merge_sort([], _f), do: []
  defp merge_sort([x], _f), do: [x]
  defp merge_sort(l, f) do
    half = div(length(l), 2)
    merge(merge_sort(Enum.take(l, half), f), merge_sort(Enum.drop(l, half), f), f)
  end
  defp merge([], b, _f), do: b
  defp merge(a, [], _f), do: a
  defp merge([x | xs], [y | ys], f) do
    if f.(x, y), do: [x | merge(xs, [y | ys], f)], else: [y | merge([x | xs], ys, f)]
  end
  def max_by(e, f), do: reduce(e, fn x, best -> if f.(x) > f.(best), do: x, else: best end)
  def min_by(e, f), do: reduce(e, fn x, best -> if f.(x) < f.(best), do: x, else: best end)
  def group_by(e, f) do
    reduce(Enum.reverse(Enum.to_list(e)), %{}, fn x, acc ->
      k = f.(x)
      Map.put(acc, k, [x | Map.get(acc, k, [])])
    end)
  end
  def into(e, coll, f), do: Enum.into(map(e, f), coll)
  def each_with_index(e, f), do: each(Enum.with_index(e), fn {x, i} -> f.(x, i) end)
  def map_join(e, sep \\ "", f), do: Enum.join(map(e, f), sep)
  def take_while(e, f), do: take_while_list(Enum.to_list(e), f)
  defp take_while_list([], _f), do: []
  defp take_while_list([h | t], f), do: if(f.(h), do: [h | take_while_list(t, f)], else: [])
  def zip_with(a, b, f), do: map(Enum.zip(a, b), fn {x, y} -> f.(x, y) end)
  def uniq_by(e, f), do: uniq_by_list(Enum.to_list(e), f, [])
  defp uniq_by_list([], _f, _seen), do: []
  defp uniq_by_list([h | t], f, seen) do
    k = f.(h)
    if k in seen, do: uniq_by_list(t, f, seen), else: [h | uniq_by_list(t, f, [k | seen])]
  end
  def split_with(e, f), do: {filter(e, f), reject(e, f)}
  def frequencies_by(e, f), do: Enum.frequencies(map(e, f))
  def split_while(e, f) do
    l = Enum.to_list(e)
    taken = take_while_list(l, f)
    {taken, Enum.drop(l, length(taken))}
  end
end

defmodule Map do
  def drop(m, keys), do: Enum.reduce(keys, m, fn k, acc -> Map.delete(acc, k) end)
  def pop(m, k, default \\ nil), do: {Map.get(m, k, default), Map.delete(m, k)}
  def get_and_update(m, k, f) do
    case f.(Map.get(m, k)) do
      {get, new} -> {get, Map.put(m, k, new)}
      :pop -> pop(m, k)
    end
  end
  def update(m, k, default, f), do: Map.put(m, k, if(Map.has_key?(m, k), do: f.(Map.get(m, k)), else: default))
  def update!(m, k, f), do: Map.put(m, k, f.(Map.fetch!(m, k)))
  def new(e, f), do: Map.new(Enum.map(e, f))
  def filter(m, f), do: Map.new(Enum.filter(m, f))
  def map(m, f), do: Map.new(Enum.map(m, f))
  def get_lazy(m, k, f), do: if(Map.has_key?(m, k), do: Map.get(m, k), else: f.())
end

defmodule Keyword do
  def delete(kw, k), do: for({key, _} = pair <- kw, key != k, do: pair)
  def values(kw), do: for({_, v} <- kw, do: v)
  def merge(a, b), do: Enum.reduce(b, a, fn {k, v}, acc -> Keyword.put(acc, k, v) end) |> keyword_merge_order(a, b)
  defp keyword_merge_order(_merged, a, b) do
    keys = Keyword.keys(b)
    for({k, _} = pair <- a, not Enum.member?(keys, k), do: pair) ++ b
  end
  def get_values(kw, k), do: for({^k, v} <- kw, do: v)
  def keyword?(l) when is_list(l), do: Enum.all?(l, fn x -> match?({k, _} when is_atom(k), x) end)
  def keyword?(_), do: false
  def new(), do: []
  def new(pairs), do: Enum.reduce(pairs, [], fn {k, v}, acc -> Keyword.put(acc, k, v) end) |> Enum.reverse()
  def update(kw, k, default, f) do
    if Keyword.has_key?(kw, k) do
      for {key, v} <- kw, do: if(key == k, do: {key, f.(v)}, else: {key, v})
    else
      kw ++ [{k, default}]
    end
  end
end

defmodule List do
  def insert_at(l, i, x) do
    i = if i < 0, do: length(l) + i + 1, else: i
    Enum.take(l, i) ++ [x] ++ Enum.drop(l, i)
  end
  def keyfind(l, key, pos, default \\ nil), do: Enum.find(l, default, fn t -> is_tuple(t) and tuple_size(t) > pos and elem(t, pos) == key end)
end

defmodule Integer do
  def is_odd(n), do: rem(n, 2) != 0
  def gcd(a, 0), do: abs(a)
  def gcd(a, b), do: gcd(b, rem(a, b))
  def pow(b, e), do: pow_acc(b, e, 1)
  defp pow_acc(_b, 0, acc), do: acc
  defp pow_acc(b, e, acc), do: pow_acc(b, e - 1, acc * b)
  def digits(n), do: n |> Integer.to_string() |> String.to_charlist() |> Enum.map(fn c -> c - ?0 end)
end

defmodule String do
  def graphemes(s), do: String.codepoints(s)
  def first(""), do: nil
  def first(s), do: String.slice(s, 0, 1)
  def at(s, i) do
    i = if i < 0, do: String.length(s) + i, else: i
    if i < 0 or i >= String.length(s), do: nil, else: String.slice(s, i, 1)
  end
  def split_at(s, i), do: {String.slice(s, 0, i), String.slice(s, i, String.length(s))}
end

defmodule Stream do
  # a stream is %Stream{next: fun}: next.() is :done or {x, next_fun}
  def map(e, f), do: wrap(fn -> map_next(step(e), f) end)
  defp map_next(:done, _f), do: :done
  defp map_next({x, next}, f), do: {f.(x), fn -> map_next(next.(), f) end}
  def filter(e, f), do: wrap(fn -> filter_next(step(e), f) end)
  defp filter_next(:done, _f), do: :done
  defp filter_next({x, next}, f) do
    if f.(x), do: {x, fn -> filter_next(next.(), f) end}, else: filter_next(next.(), f)
  end
  def reject(e, f), do: filter(e, fn x -> !f.(x) end)
  def iterate(x, f), do: wrap(fn -> iterate_next(x, f) end)
  defp iterate_next(x, f), do: {x, fn -> iterate_next(f.(x), f) end}
  def take(e, n), do: wrap(fn -> take_next(e, n) end)
  defp take_next(_e, 0), do: :done
  defp take_next(e, n), do: take_step(step(e), n)
  defp take_step(:done, _n), do: :done
  defp take_step({x, next}, n), do: {x, fn -> if n - 1 == 0, do: :done, else: take_step(next.(), n - 1) end}
  def with_index(e, from \\ 0), do: wrap(fn -> index_next(step(e), from) end)
  defp index_next(:done, _i), do: :done
  defp index_next({x, next}, i), do: {{x, i}, fn -> index_next(next.(), i + 1) end}

  # the first step of anything enumerable
  defp step(%{__struct__: Stream, next: next}), do: next.()
  defp step(%{__struct__: Stream, cycle: []}), do: :done
  defp step(%{__struct__: Stream, cycle: l}), do: cycle_next(l, l)
  defp step(e), do: list_next(Enum.to_list(e))
  defp list_next([]), do: :done
  defp list_next([h | t]), do: {h, fn -> list_next(t) end}
  defp cycle_next([], l), do: cycle_next(l, l)
  defp cycle_next([h | t], l), do: {h, fn -> cycle_next(t, l) end}
  defp wrap(next), do: %{__struct__: Stream, next: next}

  def run_all(s, acc), do: collect(step(s), acc)
  defp collect(:done, acc), do: Enum.reverse(acc)
  defp collect({x, next}, acc), do: collect(next.(), [x | acc])
end

defmodule MapSet do
  def new(), do: %{__struct__: MapSet, map: %{}}
  def new(e), do: %{__struct__: MapSet, map: Map.new(Enum.map(e, fn x -> {x, []} end))}
  def put(set, x), do: %{set | map: Map.put(set.map, x, [])}
  def delete(set, x), do: %{set | map: Map.delete(set.map, x)}
  def member?(set, x), do: Map.has_key?(set.map, x)
  def size(set), do: map_size(set.map)
  def to_list(set), do: Map.keys(set.map)
  def union(a, b), do: %{a | map: Map.merge(a.map, b.map)}
end

defmodule Process do
  def sleep(ms) do
    receive do
    after
      ms -> :ok
    end
  end
end

defmodule :timer do
  def sleep(ms) do
    receive do
    after
      ms -> :ok
    end
  end

  def tc(f) do
    t0 = System.monotonic_time(:microsecond)
    r = f.()
    {System.monotonic_time(:microsecond) - t0, r}
  end

  def tc(m, f, a) do
    t0 = System.monotonic_time(:microsecond)
    r = apply(m, f, a)
    {System.monotonic_time(:microsecond) - t0, r}
  end
end

defmodule :sys do
  def get_state(server), do: GenServer.call(server, :"$sys_get_state")
end

defmodule Kernel do
  def get_in(data, []), do: data
  def get_in(nil, [_ | _]), do: nil
  def get_in(data, [k | rest]), do: get_in(Access.get(data, k), rest)
  def put_in(data, keys, v), do: update_in(data, keys, fn _ -> v end)
  def update_in(data, [k], f), do: access_put(data, k, f.(Access.get(data, k)))
  def update_in(data, [k | rest], f), do: access_put(data, k, update_in(Access.get(data, k), rest, f))
  defp access_put(m, k, v) when is_map(m), do: Map.put(m, k, v)
  defp access_put(l, k, v) when is_list(l), do: Keyword.put(l, k, v)

  # IEx's flush/0: prints every message in the mailbox and empties it
  def flush do
    receive do
      m ->
        IO.inspect(m)
        flush()
    after
      0 -> :ok
    end
  end
end

defmodule Beamscope.Prelude do
  def apply_fun(f, args) do
    case args do
      [] -> f.()
      [a] -> f.(a)
      [a, b] -> f.(a, b)
      [a, b, c] -> f.(a, b, c)
      [a, b, c, d] -> f.(a, b, c, d)
    end
  end
end

defmodule Task do
  def async(f) do
    owner = self()
    # the task starts once monitored, so its reply is always queued before a DOWN
    pid = spawn_link(fn ->
      receive do
        :"$task_go" -> send(owner, {self(), {:task_reply, f.()}})
      end
    end)
    ref = Process.monitor(pid)
    send(pid, :"$task_go")
    %{__struct__: Task, pid: pid, ref: ref, owner: owner}
  end

  def async(m, f, a), do: async(fn -> apply(m, f, a) end)

  def await(task, timeout \\ 5000)

  def await(task, timeout) when timeout == :infinity or (is_integer(timeout) and timeout >= 0) do
    pid = task.pid
    ref = task.ref
    receive do
      {^pid, {:task_reply, reply}} ->
        Process.demonitor(ref, [:flush])
        reply
      {:DOWN, ^ref, _, _, reason} -> exit({reason, {Task, :await, [task, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {Task, :await, [task, timeout]}})
    end
  end

  def await_many(tasks, timeout \\ 5000)

  def await_many(tasks, timeout) when timeout == :infinity or (is_integer(timeout) and timeout >= 0),
    do: Enum.map(tasks, fn t -> await(t, timeout) end)

  # every element's task runs at once (max_concurrency is not limited); the results in order, as {:ok, value}
  def async_stream(e, f, _opts \\ []) do
    e |> Enum.map(fn x -> async(fn -> f.(x) end) end) |> Enum.map(fn t -> {:ok, await(t, :infinity)} end)
  end

  def child_spec(arg), do: %{id: Task, restart: :temporary, start: {Task, :start_link, [arg]}}
  def start(f), do: {:ok, spawn(f)}
  def start_link(f), do: {:ok, spawn_link(f)}

  def yield(task, timeout \\ 5000) do
    pid = task.pid
    ref = task.ref
    receive do
      {^pid, {:task_reply, reply}} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}
      {:DOWN, ^ref, _, _, reason} -> {:exit, reason}
    after
      timeout -> nil
    end
  end
end

defmodule GenServer do
  def start_link(mod, arg, opts \\ []), do: do_start(mod, arg, opts, true)
  def start(mod, arg, opts \\ []), do: do_start(mod, arg, opts, false)

  defp do_start(mod, arg, opts, link?) do
    parent = self()
    ref = make_ref()
    f = fn -> init_it(mod, arg, opts, parent, ref) end
    pid = Beamscope.spawn_as(f, "#{inspect(mod)}.init/1", link?)
    receive do
      {^ref, :ok} -> {:ok, pid}
      {^ref, {:error, reason}} -> {:error, reason}
    end
  end

  defp init_it(mod, arg, opts, parent, ref) do
    name = Keyword.get(opts, :name)
    registered =
      case name do
        nil -> :ok
        name ->
          case whereis(name) do
            nil ->
              Process.register(self(), registered_name(name))
              :ok
            other -> {:error, {:already_started, other}}
          end
      end
    case registered do
      :ok ->
        Process.put(:"$initial_call", {mod, :init, 1})
        case mod.init(arg) do
          {:ok, state} ->
            send(parent, {ref, :ok})
            loop(mod, state)
          {:ok, state, _} ->
            send(parent, {ref, :ok})
            loop(mod, state)
          {:stop, reason} ->
            send(parent, {ref, {:error, reason}})
            exit(reason)
          :ignore ->
            send(parent, {ref, {:error, :ignore}})
        end
      error -> send(parent, {ref, error})
    end
  end

  defp loop(mod, state) do
    # what the inspector shows, as a Java GenServer publishes it
    Beamscope.publish_server(mod, state)
    receive do
      {:"$gen_call", from, :"$sys_get_state"} ->
        reply(from, state)
        loop(mod, state)
      {:"$gen_call", from, msg} ->
        case mod.handle_call(msg, from, state) do
          {:reply, reply, new_state} ->
            reply(from, reply)
            loop(mod, new_state)
          {:reply, reply, new_state, _} ->
            reply(from, reply)
            loop(mod, new_state)
          {:noreply, new_state} -> loop(mod, new_state)
          {:stop, reason, reply, new_state} ->
            reply(from, reply)
            do_stop(mod, reason, new_state)
          {:stop, reason, new_state} -> do_stop(mod, reason, new_state)
        end
      {:"$gen_cast", msg} -> handle_noreply(mod, mod.handle_cast(msg, state))
      {:"$gen_stop", reason} -> do_stop(mod, reason, state)
      {:EXIT, _pid, reason} = msg ->
        if Process.info(self(), :trap_exit) == {:trap_exit, true} do
          handle_noreply(mod, mod.handle_info(msg, state))
        else
          do_stop(mod, reason, state)
        end
      msg -> handle_noreply(mod, mod.handle_info(msg, state))
    end
  end

  defp handle_noreply(mod, result) do
    case result do
      {:noreply, new_state} -> loop(mod, new_state)
      {:noreply, new_state, _} -> loop(mod, new_state)
      {:stop, reason, new_state} -> do_stop(mod, reason, new_state)
    end
  end

  defp do_stop(mod, reason, state) do
    mod.terminate(reason, state)
    exit(reason)
  end

  def reply({pid, ref}, reply) do
    send(pid, {ref, reply})
    :ok
  end

  def call(server, msg, timeout \\ 5000) do
    pid = whereis(server)
    if pid == nil, do: exit({:noproc, {GenServer, :call, [server, msg, timeout]}})
    ref = Process.monitor(pid)
    send(pid, {:"$gen_call", {self(), ref}, msg})
    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply
      {:DOWN, ^ref, _, _, reason} -> exit({reason, {GenServer, :call, [server, msg, timeout]}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {GenServer, :call, [server, msg, timeout]}})
    end
  end

  def cast(server, msg) do
    pid = whereis(server)
    if pid != nil, do: send(pid, {:"$gen_cast", msg})
    :ok
  end

  def stop(server, reason \\ :normal, _timeout \\ :infinity) do
    pid = whereis(server)
    if pid == nil, do: exit({:noproc, {GenServer, :stop, [server, reason, :infinity]}})
    ref = Process.monitor(pid)
    send(pid, {:"$gen_stop", reason})
    receive do
      {:DOWN, ^ref, _, _, _} -> :ok
    end
  end

  # {:global, name} registers locally under a name of its own (one node: the global registry is the local one)
  def whereis(pid) when is_pid(pid), do: pid
  def whereis({:global, name}), do: Process.whereis(registered_name({:global, name}))
  def whereis({:via, _, name}), do: Process.whereis(registered_name({:global, name}))
  def whereis({name, _node}) when is_atom(name), do: Process.whereis(name)
  def whereis(name), do: Process.whereis(name)

  defp registered_name({:global, name}), do: String.to_atom("$global " <> inspect(name))
  defp registered_name({:via, _, name}), do: registered_name({:global, name})
  defp registered_name(name), do: name
end

defmodule GenServer.Default do
  def init(_mod, arg), do: {:ok, arg}
  def handle_call(mod, msg, _from, _state), do: raise("attempted to call GenServer #{inspect(mod)} but no handle_call/3 clause was provided: #{inspect(msg)}")
  def handle_cast(mod, msg, _state), do: raise("attempted to cast GenServer #{inspect(mod)} but no handle_cast/2 clause was provided: #{inspect(msg)}")
  def handle_info(_mod, _msg, state), do: {:noreply, state}
  def terminate(_mod, _reason, _state), do: :ok
  def child_spec(mod, arg) do
    Map.merge(%{id: mod, start: {mod, :start_link, [arg]}}, Map.new(Beamscope.use_opts(mod)))
  end
end

defmodule Agent do
  def start_link(f, opts \\ []), do: GenServer.start_link(Agent.Server, f, opts)
  def child_spec(arg), do: %{id: Agent, start: {Agent, :start_link, [arg]}}
  def start(f, opts \\ []), do: GenServer.start(Agent.Server, f, opts)
  def get(agent, f, timeout \\ 5000), do: GenServer.call(agent, {:get, f}, timeout)
  def update(agent, f, timeout \\ 5000), do: GenServer.call(agent, {:update, f}, timeout)
  def get_and_update(agent, f, timeout \\ 5000), do: GenServer.call(agent, {:get_and_update, f}, timeout)
  def cast(agent, f), do: GenServer.cast(agent, {:cast, f})
  def stop(agent), do: GenServer.stop(agent)
end

defmodule Agent.Server do
  def init(f), do: {:ok, f.()}
  def handle_call({:get, f}, _from, state), do: {:reply, f.(state), state}
  def handle_call({:update, f}, _from, state), do: {:reply, :ok, f.(state)}
  def handle_call({:get_and_update, f}, _from, state) do
    {reply, new_state} = f.(state)
    {:reply, reply, new_state}
  end
  def handle_cast({:cast, f}, state), do: {:noreply, f.(state)}
  def handle_info(_msg, state), do: {:noreply, state}
  def terminate(_reason, _state), do: :ok
end

defmodule Agent.Default do
  def child_spec(mod, arg), do: Map.merge(%{id: mod, start: {mod, :start_link, [arg]}}, Map.new(Beamscope.use_opts(mod)))
end

defmodule Supervisor do
  def start_link(children, opts) when not is_list(children), do: start_link(children, opts, [])
  def start_link(children, opts), do: start_sup(fn -> init(children, opts) end, Keyword.take(opts, [:name]), false)

  def start_link(mod, arg, opts), do: start_sup(fn -> mod.init(arg) end, opts, false)

  # DynamicSupervisor's start: no children at first, published as a DynamicSupervisor
  def start_dynamic(init, opts), do: start_sup(init, opts, true)

  def init(children, opts) do
    {:ok, {%{strategy: Keyword.get(opts, :strategy, :one_for_one),
             intensity: Keyword.get(opts, :max_restarts, 3), period: Keyword.get(opts, :max_seconds, 5)}, children}}
  end

  # Supervisor.child_spec(spec, overrides): a spec (a map, {Module, arg} or Module) with some keys replaced
  def child_spec(spec, overrides) when is_map(spec), do: Map.merge(spec, Map.new(overrides))
  def child_spec({mod, arg}, overrides), do: child_spec(mod.child_spec(arg), overrides)
  def child_spec(mod, overrides) when is_atom(mod), do: child_spec(mod.child_spec([]), overrides)

  defp start_sup(init, opts, dynamic?) do
    parent = self()
    ref = make_ref()
    pid = Beamscope.spawn_as(fn ->
      Process.flag(:trap_exit, true)
      name = Keyword.get(opts, :name)
      # a name in use is {:error, {:already_started, pid}}, as GenServer.start_link answers it
      taken = if name != nil, do: Process.whereis(name)
      if taken != nil do
        send(parent, {ref, {:error, {:already_started, taken}}})
        exit(:normal)
      end
      if name != nil, do: Process.register(self(), name)
      case init.() do
        {:ok, {flags, children}} ->
          # the observers' view: flags, whether dynamic, the registered name (see loop/3)
          flags = Map.merge(flags, %{:"$dynamic" => dynamic?, :"$name" => name})
          specs = Enum.map(children, &normalize/1)
          started = Enum.map(specs, fn spec -> {spec, start_child(flags, spec)} end)
          send(parent, {ref, :ok})
          loop(flags, started, [])
        :ignore -> send(parent, {ref, :ignore})
      end
    end, if(dynamic?, do: "DynamicSupervisor.init/1", else: "Supervisor.init/1"), true)
    receive do
      {^ref, :ok} -> {:ok, pid}
      {^ref, :ignore} -> :ignore
      {^ref, {:error, reason}} -> {:error, reason}
    end
  end

  defp normalize(%{id: _, start: _} = spec), do: Map.merge(%{restart: :permanent, type: :worker}, spec)
  defp normalize({mod, arg}), do: normalize(mod.child_spec(arg))
  defp normalize(mod) when is_atom(mod), do: normalize(mod.child_spec([]))

  defp start_child(flags, spec) do
    {m, f, a} = spec.start
    case apply(m, f, a) do
      {:ok, pid} ->
        # the event the views show a (re)start by, as a Java supervisor reports it
        Beamscope.progress_report(flags, spec, pid)
        pid
      {:error, reason} -> exit({:shutdown, {:failed_to_start_child, spec.id, reason}})
    end
  end

  defp loop(flags, children, restarts) do
    # what the tree and the inspector show, as a Java supervisor publishes it
    Beamscope.publish_supervisor(flags, children, Map.get(flags, :"$dynamic"), Map.get(flags, :"$name"))
    receive do
      {:EXIT, pid, reason} ->
        case Enum.find(children, fn {_, p} -> p == pid end) do
          nil -> loop(flags, children, restarts)
          {spec, _} ->
            normal? = reason == :normal or reason == :shutdown or match?({:shutdown, _}, reason)
            if spec.restart == :permanent or not normal?,
              do: Beamscope.supervisor_report(flags, :child_terminated, reason, spec, pid)
            restart? = spec.restart == :permanent or (spec.restart == :transient and reason != :normal and reason != :shutdown)
            if restart? do
              now = System.monotonic_time(:millisecond)
              recent = [now | Enum.filter(restarts, fn t -> now - t < flags.period * 1000 end)]
              if length(recent) > flags.intensity do
                Beamscope.supervisor_report(flags, :shutdown, :reached_max_restart_intensity, spec, :undefined)
                Enum.each(Enum.reverse(children), fn {_, p} -> if p != pid, do: shutdown(p) end)
                exit(:shutdown)
              end
              loop(flags, restart(flags, spec, pid, children), recent)
            else
              # a temporary child is forgotten; a transient one that ended normally keeps its spec, without a pid
              children = if spec.restart == :temporary,
                do: Enum.filter(children, fn {_, p} -> p != pid end),
                else: Enum.map(children, fn {s, p} -> if p == pid, do: {s, :undefined}, else: {s, p} end)
              loop(flags, children, restarts)
            end
        end
      {:"$gen_stop", reason} ->
        Enum.each(Enum.reverse(children), fn {_, p} -> shutdown(p) end)
        exit(reason)
      {:"$gen_call", from, :which_children} ->
        # as OTP lists them: a supervisor's children last started first; a DynamicSupervisor's without ids
        listed = if Map.get(flags, :"$dynamic"),
          do: Enum.map(children, fn {spec, p} -> {:undefined, p, spec.type, [elem(spec.start, 0)]} end),
          else: Enum.reverse(Enum.map(children, fn {spec, p} -> {spec.id, p, spec.type, [elem(spec.start, 0)]} end))
        GenServer.reply(from, listed)
        loop(flags, children, restarts)
      {:"$gen_call", from, :count_children} ->
        sups = Enum.count(children, fn {spec, _} -> spec.type == :supervisor end)
        active = Enum.count(children, fn {_, p} -> is_pid(p) end)
        n = length(children)
        GenServer.reply(from, %{specs: n, active: active, supervisors: sups, workers: n - sups})
        loop(flags, children, restarts)
      {:"$gen_call", from, {:start_child, child}} ->
        max = Map.get(flags, :max_children, :infinity)
        if max != :infinity and length(children) >= max do
          GenServer.reply(from, {:error, :max_children})
          loop(flags, children, restarts)
        else
          spec = normalize(child)
          pid = start_child(flags, spec)
          GenServer.reply(from, {:ok, pid})
          loop(flags, children ++ [{spec, pid}], restarts)
        end
      {:"$gen_call", from, {:terminate_child, pid}} when is_pid(pid) ->
        if Enum.any?(children, fn {_, p} -> p == pid end) do
          shutdown(pid)
          GenServer.reply(from, :ok)
          loop(flags, Enum.filter(children, fn {_, p} -> p != pid end), restarts)
        else
          GenServer.reply(from, {:error, :not_found})
          loop(flags, children, restarts)
        end
    end
  end

  defp restart(%{strategy: :one_for_one} = flags, _spec, pid, children) do
    Enum.map(children, fn {s, p} -> if p == pid, do: start_again(flags, s), else: {s, p} end)
  end

  defp restart(%{strategy: :one_for_all} = flags, _spec, pid, children) do
    Enum.each(Enum.reverse(children), fn {_, p} -> if p != pid, do: shutdown(p) end)
    Enum.map(children, fn {s, _} -> start_again(flags, s) end)
  end

  defp restart(%{strategy: :rest_for_one} = flags, _spec, pid, children) do
    {before, rest} = Enum.split_while(children, fn {_, p} -> p != pid end)
    Enum.each(Enum.reverse(rest), fn {_, p} -> if p != pid, do: shutdown(p) end)
    before ++ Enum.map(rest, fn {s, _} -> start_again(flags, s) end)
  end

  # a child started again, its restart count one more (observers show it; as a Java supervisor, every child a
  # restart starts again counts)
  defp start_again(flags, spec) do
    spec = Map.put(spec, :"$restarts", Map.get(spec, :"$restarts", 0) + 1)
    {spec, start_child(flags, spec)}
  end

  defp shutdown(:undefined), do: :ok
  defp shutdown(pid) do
    Process.exit(pid, :shutdown)
    receive do
      {:EXIT, ^pid, _} -> :ok
    after
      5000 ->
        Process.exit(pid, :kill)
        receive do
          {:EXIT, ^pid, _} -> :ok
        end
    end
  end

  def which_children(sup), do: GenServer.call(sup, :which_children)
  def count_children(sup), do: GenServer.call(sup, :count_children)
  def stop(sup, reason \\ :normal), do: GenServer.stop(sup, reason)
end

defmodule Supervisor.Default do
  def child_spec(mod, arg), do: Map.merge(%{id: mod, start: {mod, :start_link, [arg]}, type: :supervisor}, Map.new(Beamscope.use_opts(mod)))
end

defmodule DynamicSupervisor do
  def start_link(opts), do: Supervisor.start_dynamic(fn -> init(opts) end, Keyword.take(opts, [:name]))
  def start_link(mod, arg, opts \\ []), do: Supervisor.start_dynamic(fn -> mod.init(arg) end, opts)

  def init(opts) do
    {:ok, {%{strategy: :one_for_one, intensity: Keyword.get(opts, :max_restarts, 3), period: Keyword.get(opts, :max_seconds, 5),
             max_children: Keyword.get(opts, :max_children, :infinity)}, []}}
  end

  def start_child(sup, child), do: GenServer.call(sup, {:start_child, child})
  def terminate_child(sup, pid), do: GenServer.call(sup, {:terminate_child, pid})
  def which_children(sup), do: Supervisor.which_children(sup)
  def count_children(sup), do: Supervisor.count_children(sup)
  def stop(sup, reason \\ :normal), do: Supervisor.stop(sup, reason)
end

defmodule DynamicSupervisor.Default do
  def child_spec(mod, arg), do: Supervisor.Default.child_spec(mod, arg)
end
