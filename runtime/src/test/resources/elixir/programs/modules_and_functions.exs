defmodule Geometry do
  @moduledoc """
  Shapes and their areas.
  """
  @pi 3.14159
  @shapes [:circle, :square, :rectangle]

  @doc "The area of a shape."
  def area({:circle, r}) when is_number(r) and r >= 0, do: @pi * r * r
  def area({:square, side}), do: side * side
  def area({:rectangle, w, h}), do: w * h
  def area(_other), do: :unknown

  def shapes, do: @shapes

  def describe(shape, unit \\ "cm") do
    "#{name(shape)}: #{area(shape)} #{unit}²"
  end

  defp name(shape), do: shape |> elem(0) |> Atom.to_string() |> String.capitalize()

  def module_name, do: __MODULE__
end

defmodule Math do
  def factorial(0), do: 1
  def factorial(n) when n > 0, do: n * factorial(n - 1)

  def sum_to(n, acc \\ 0)
  def sum_to(0, acc), do: acc
  def sum_to(n, acc), do: sum_to(n - 1, acc + n)

  def sign(x) when x < 0, do: :negative
  def sign(0), do: :zero
  def sign(x) when is_integer(x) or is_float(x), do: :positive

  def pair(a, b \\ :default, c), do: {a, b, c}
end

IO.puts(Geometry.describe({:square, 3}))
IO.puts(Geometry.describe({:rectangle, 2, 5}, "m"))
IO.puts(Geometry.area({:circle, 2}))
IO.inspect(Geometry.area({:triangle, 1, 2, 3}))
IO.inspect(Geometry.shapes())
IO.inspect(Geometry.module_name())
IO.puts(Math.factorial(20))
IO.puts(Math.factorial(30))
IO.puts(Math.sum_to(100))
IO.inspect(Enum.map([-5, 0, 7, 2.5], &Math.sign/1))
IO.inspect(Math.pair(1, 2))
IO.inspect(Math.pair(1, 2, 3))
IO.inspect(function_exported?(Math, :factorial, 1))
IO.inspect(apply(Math, :factorial, [5]))
