# Matching everywhere: heads, guards, pins, case, cond, with, maps, structs, strings
defmodule Shape do
  defstruct kind: :square, size: 1

  def area(%__MODULE__{kind: :square, size: s}), do: s * s
  def area(%__MODULE__{kind: :circle, size: r}) when r > 0, do: 3 * r * r
  def area(_), do: :unknown

  def describe(list) when is_list(list) and length(list) > 2, do: "long list"
  def describe([_ | _]), do: "short list"
  def describe([]), do: "empty"
  def describe("hello " <> name), do: "greeting for #{name}"
  def describe(other), do: "other: #{inspect(other)}"
end

defmodule Shapes do
  def run do
    IO.puts Shape.area(%Shape{size: 4})
    IO.puts Shape.area(%Shape{kind: :circle, size: 2})
    IO.inspect Shape.area(%Shape{kind: :circle, size: 0})
    u = %Shape{size: 3}
    u2 = %{u | size: 9}
    IO.inspect u2
  end
end
Shapes.run()
Enum.each([[1, 2, 3], [1], [], "hello world", {:a, 1}], fn x -> IO.puts Shape.describe(x) end)

x = 5
case {1, 5} do
  {a, ^x} -> IO.puts "pinned #{a}"
  _ -> IO.puts "no"
end
{a, {b, [c | rest]}} = {1, {2, [3, 4, 5]}}
IO.inspect {a, b, c, rest}
%{name: name, age: age} = %{name: "Ann", age: 33, city: "Oslo"}
IO.puts "#{name} is #{age}"
result =
  with {:ok, v1} <- {:ok, 10},
       {:ok, v2} when v2 > 5 <- {:ok, v1 * 2} do
    v1 + v2
  else
    {:error, r} -> r
  end
IO.inspect result
IO.inspect(with {:ok, v} <- {:error, :nope}, do: v, else: ({:error, r} -> {:handled, r}))
grade = fn s ->
  cond do
    s >= 90 -> :a
    s >= 80 -> :b
    true -> :c
  end
end
IO.inspect Enum.map([95, 85, 10], grade)
IO.inspect [a: 1, b: 2]
IO.inspect %{"k" => [1, 2], :z => 'ok'}
try do
  {:ok, _} = {:error, 1}
rescue
  e in MatchError -> IO.puts Exception.message(e)
end
try do
  case 3 do
    1 -> :one
  end
rescue
  e -> IO.puts Exception.message(e)
end
