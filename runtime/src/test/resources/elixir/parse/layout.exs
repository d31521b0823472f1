a = 1; b = 2
c = 3;
# comment line
d = 4 # trailing comment

e =
  5

list = [
  1,
  2,
  3
]
call(
  1,
  2
)
call(arg1,
     arg2,
     key: :value)
total =
  1 +
    2 +
    3
value
|> step_one()
|> step_two(:x)
|> step_three
IO.puts "no parens"
IO.puts "two", "args"
IO.inspect value, label: "value"
IO.inspect(value, label: "value")
send self(), {:msg, 1}
Process.flag :trap_exit, true
spawn fn -> :ok end
defmodule M, do: def(f, do: 1)
assert foo == bar
map = %{a: 1,
        b: 2}
(a; b; c)
(
  a
  b
)
x = (y = 1; y + 1)
a &&
  b
x.
  y
