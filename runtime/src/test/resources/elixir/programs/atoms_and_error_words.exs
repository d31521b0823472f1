# Atoms made from strings, and the words Elixir uses for a few errors and exit reasons.
keys = for n <- 1..3, do: :"key#{n}"
IO.inspect(keys)
IO.inspect(:erlang.atom_to_binary(:ready))
IO.inspect(String.to_atom("made") == :made)

defmodule Words do
  def message(f) do
    try do
      f.()
    rescue
      e -> Exception.message(e)
    end
  end

  def needs_pid(target), do: Process.exit(target, :kill)
end

IO.puts(Words.message(fn -> Missing.call(1) end))
IO.puts(Words.message(fn -> Task.await_many([], timeout: 5) end))
IO.puts(Words.message(fn -> Words.needs_pid(Process.whereis(:nobody)) end))

# an uncaught exit of a call to no process: "exited in: GenServer.call(...)" and, indented, the reason
GenServer.call(:nobody, :ping)
