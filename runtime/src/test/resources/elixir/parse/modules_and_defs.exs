defmodule Counter do
  @moduledoc """
  A counter.
  """
  use GenServer
  require Logger
  import Enum, only: [map: 2, reduce: 3]
  alias Foo.Bar
  alias Foo.{Baz, Qux}
  @behaviour GenServer
  @timeout 5_000
  @default_opts [name: __MODULE__, size: 10]
  defstruct name: nil, count: 0
  @type t :: %__MODULE__{name: String.t(), count: integer}
  @spec start_link(integer) :: GenServer.on_start()
  def start_link(initial \\ 0, opts \\ []) do
    GenServer.start_link(__MODULE__, initial, name: __MODULE__)
  end

  def increment, do: GenServer.cast(__MODULE__, :increment)
  def value(), do: GenServer.call(__MODULE__, :value, @timeout)

  @doc "Adds."
  def add(a, b) when is_integer(a) and is_integer(b), do: a + b
  def add(a, b) when is_float(a) or is_float(b) do
    a + b
  end

  defp helper(%{count: c} = state, [h | t], {:ok, _} = tag, "prefix" <> rest, ^pinned) do
    {state, c, h, t, tag, rest}
  end

  @impl true
  def init(count), do: {:ok, count}

  @impl GenServer
  def handle_call(:value, _from, count) do
    {:reply, count, count}
  end

  def handle_info(msg, state) do
    Logger.info("got #{inspect(msg)}")
    {:noreply, state}
  end

  defmacro unless2(c, do: b), do: quote(do: if(!unquote(c), do: unquote(b)))
  def unquote(:dynamic)(), do: 1
  defguard is_even(n) when rem(n, 2) == 0
end

defmodule Nested.Module.Name do
  def f(x \\ %{}), do: x
  def g(_), do: __MODULE__
  def h(a, b \\ 1, c), do: {a, b, c}
end
