{a, b, c} = {1, :two, "three"}
IO.inspect({a, b, c})
[head | tail] = [1, 2, 3, 4]
IO.inspect(head)
IO.inspect(tail)
[x, y | rest] = Enum.to_list(1..5)
IO.inspect({x, y, rest})
%{name: name, age: age} = %{name: "Ada", age: 36, lang: :elixir}
IO.puts("#{name} is #{age}")
{:ok, {:nested, [_, second]}} = {:ok, {:nested, [:first, :second]}}
IO.inspect(second)
"Hello, " <> who = "Hello, world"
IO.puts(who)
<<first_byte, _rest::binary>> = "abc"
IO.inspect(first_byte)
expected = 5
^expected = 5
IO.puts("pin matched")
result =
  try do
    ^expected = 6
  rescue
    e in MatchError -> "no match: #{inspect(e.term)}"
  end
IO.puts(result)
values = [{:ok, 1}, {:error, :bad}, {:ok, 3}]
oks = for {:ok, v} <- values, do: v
IO.inspect(oks)
match = fn
  {:point, x, x} -> "diagonal at #{x}"
  {:point, x, y} when x > y -> "below"
  {:point, _, _} -> "above"
end
IO.puts(match.({:point, 2, 2}))
IO.puts(match.({:point, 3, 1}))
IO.puts(match.({:point, 1, 3}))
{_, _} = pair = {:left, :right}
IO.inspect(pair)
[1, 2] ++ more = [1, 2, 3]
IO.inspect(more)
case {1, [2, 3]} do
  {1, [_ | [three]]} = whole -> IO.inspect({three, whole})
end
