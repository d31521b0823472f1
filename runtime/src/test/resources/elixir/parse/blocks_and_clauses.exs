case x do
  {:ok, v} when v > 0 -> v
  _ ->
    :err
    :more
end
receive do
  msg -> msg
after
  1000 -> :timeout
end
try do
  raise "boom"
rescue
  e in RuntimeError -> e
  ArgumentError -> 1
catch
  :exit, r -> r
else
  v -> v
after
  :ok
end
with {:ok, a} <- f(), b = a do
  b
else
  _ -> nil
end
for x <- [1, 2], y <- l, x > y, into: %{}, do: {x, y}
cond do
  true -> 1
end
unless a, do: b, else: c
fn -> :ok end
fn a, b -> a + b end
fn {a, b} -> a end
&Mod.fun(&1, 2)
&{&1, &2}
foo.()
"a" <> b
x :: integer
%{}
%Foo{}
%__MODULE__{a: 1}
{:ok, a: 1}
<<1, 2>>
<<x::binary, y::size(8)>>
a; b
(a; b)
()
foo[1]
foo.bar[:x]
Kernel.+(1, 2)
:erlang.foo(1)
x = if a do b else c end
foo bar, baz do
  1
end
