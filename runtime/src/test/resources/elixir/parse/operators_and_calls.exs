defmodule Foo.Bar do
  @moduledoc "x"
  use GenServer
  def start_link(initial \\ 0), do: GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  def f(x) when is_integer(x) and x > 0 do
    IO.puts "hi #{x} there"
    x |> g() |> h
    foo.bar
    foo.bar()
    a.b.c
    Foo.bar
    'abc'
    ?a
    1_000 + 0x1F - 0o7 * 0b101 / 1.5e3
    -1
    - x
    !x
    not x
    a -1
    [1, 2 | t]
    [a: 1, b: 2]
    {1, 2}
    {1, 2, 3}
    %{"b" => 2, a: 1}
    %Foo{a | b: 2}
    %{m | k: v}
    &(&1 * 2)
    &Mod.fun/1
    &fun/2
    fn x -> x end
    fn
      x when x > 1 -> 1
      _ -> 2
    end
    f.(1)
    :"Elixir.Foo"
    :"foo bar"
    1..10
    1..10//2
    x in [1]
    x not in [1]
    ^x = 1
    @attr
    @attr 1
  end
end
