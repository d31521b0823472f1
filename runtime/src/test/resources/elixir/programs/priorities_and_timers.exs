IO.inspect(Process.flag(:priority, :low))
IO.inspect(Process.info(self(), :priority))
IO.inspect(Process.flag(:priority, :normal))
parent = self()
high = spawn(fn ->
  Process.flag(:priority, :high)
  send(parent, {:priority, Process.info(self(), :priority)})
end)
receive do
  {:priority, p} -> IO.inspect(p)
end
IO.inspect(is_pid(high))
{micros, value} = :timer.tc(fn -> Enum.sum(1..1000) end)
IO.inspect(value)
IO.inspect(is_integer(micros) and micros >= 0)
:timer.sleep(10)
Process.sleep(10)
t0 = System.monotonic_time(:millisecond)
Process.sleep(30)
IO.inspect(System.monotonic_time(:millisecond) - t0 >= 30)
Process.send_after(self(), :later, 20)
receive do
  :later -> IO.puts("send_after arrived")
end
timer = Process.send_after(self(), :cancelled, 10_000)
IO.inspect(is_integer(Process.cancel_timer(timer)))
receive do
  :cancelled -> IO.puts("should not arrive")
after
  50 -> IO.puts("timer was cancelled")
end
loop = fn f -> f.(f) end
worker = spawn(fn ->
  Process.flag(:priority, :low)
  loop.(loop)
end)
Process.sleep(20)
IO.puts("the busy loop did not stop us")
ref = Process.monitor(worker)
Process.exit(worker, :kill)
receive do
  {:DOWN, ^ref, :process, _, reason} -> IO.inspect(reason)
end
