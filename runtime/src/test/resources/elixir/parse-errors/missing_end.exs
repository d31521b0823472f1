defmodule Foo do
  def x do
    1
  end
