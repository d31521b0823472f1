Logger.configure(level: :none)

defmodule Job do
  use GenServer, restart: :transient
  def start_link(id), do: GenServer.start_link(__MODULE__, id)
  def init(id), do: {:ok, id}
  def handle_call(:id, _from, id), do: {:reply, id, id}
end

{:ok, sup} = DynamicSupervisor.start_link(strategy: :one_for_one, name: JobSup)
IO.inspect(DynamicSupervisor.count_children(JobSup))
pids =
  for id <- 1..3 do
    {:ok, pid} = DynamicSupervisor.start_child(JobSup, {Job, id})
    pid
  end
IO.inspect(Enum.map(pids, &GenServer.call(&1, :id)))
IO.inspect(DynamicSupervisor.count_children(sup))
[first | _] = pids
IO.inspect(DynamicSupervisor.terminate_child(JobSup, first))
IO.inspect(DynamicSupervisor.terminate_child(JobSup, first))
IO.inspect(length(DynamicSupervisor.which_children(JobSup)))
second = Enum.at(pids, 1)
ref = Process.monitor(second)
Process.exit(second, :kill)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason)
end
IO.inspect(DynamicSupervisor.count_children(JobSup))
{:ok, spec_pid} = DynamicSupervisor.start_child(JobSup, %{id: :custom, start: {Job, :start_link, [:custom]}})
IO.inspect(GenServer.call(spec_pid, :id))
IO.inspect(DynamicSupervisor.stop(JobSup))
