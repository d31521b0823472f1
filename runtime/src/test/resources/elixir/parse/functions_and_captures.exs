fn -> :ok end
fn x -> x * 2 end
fn x, y -> x + y end
fn {a, b} -> {b, a} end
fn
  0 -> :zero
  n when n > 0 -> :positive
  n when n < 0 and is_integer(n) -> :negative
end
fn x, y when x > y -> x end
fn %{name: name} = user -> {name, user} end
fn [h | _] -> h; [] -> nil end
fn ->
  a = 1
  b = 2
  a + b
end
square = fn x -> x * x end
square.(3)
f.()
f.(1, 2)
f.(1).(2)
&(&1 * 2)
&(&1 + &2)
& &1
&{&1, &2}
&[&1 | &2]
&is_atom/1
&String.upcase/1
&Enum.map(&1, fn x -> x + 1 end)
&:erlang.element(1, &1)
&Kernel.+/2
&__MODULE__.loop/1
&elem(&1, 0)
&"prefix #{&1}"
Enum.map([1, 2], &(&1 + 1))
Enum.reduce(list, 0, fn x, acc -> x + acc end)
Enum.map(list, fn
  {:ok, v} -> v
  _ -> nil
end)
spawn(fn -> loop.(loop) end)
loop = fn f -> f.(f) end
loop.(loop)
