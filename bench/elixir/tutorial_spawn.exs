# The stress test of the Elixir tutorial (/work/shared/seeds/003_18180f00101cf673.txt, "The Million Process
# Challenge"), run by bench/run.sh as `elixir --erl "+P 2000000" bench/elixir/tutorial_spawn.exs` (Elixir's
# default limit of 262,144 processes would stop it). Between the two marker lines: the tutorial's code,
# verbatim (its indentation restored). Before and after them: what bench/run.sh needs, not the tutorial's.
baseline = :erlang.system_info(:process_count)
# ---- the tutorial's code ----
# Define a task that simulates a tiny bit of work
work = fn ->
  # Each process will wait for 5 seconds and then just disappear
  Process.sleep(5000)
end
# Measure the time it takes to spawn 1,000,000 processes
{time_micros, _} = :timer.tc(fn ->
  for _ <- 1..1_000_000 do
    spawn(work)
  end
end)
IO.puts "Spawned 1 million processes in #{time_micros / 1_000_000} seconds."
# ---- end of the tutorial's code ----

# Wait until every spawned process has ended, then print one result line in the bench's format:
# spawn_ms from the tutorial's own time_micros; peak_rss_mb = this OS process's peak resident memory (VmHWM).
wait_until_ended = fn f ->
  if :erlang.system_info(:process_count) > baseline, do: (Process.sleep(10); f.(f))
end
wait_until_ended.(wait_until_ended)
[hwm_kb] = Regex.run(~r/VmHWM:\s+(\d+) kB/, File.read!("/proc/self/status"), capture: :all_but_first)
IO.puts(~s({"system":"beam","workload":"tutorial","phase":"measure","round":1,) <>
  ~s("params":{"n":1000000,"sleep_ms":5000},) <>
  ~s("metrics":{"spawn_ms":#{time_micros / 1000},"peak_rss_mb":#{String.to_integer(hwm_kb) / 1024}}}))
