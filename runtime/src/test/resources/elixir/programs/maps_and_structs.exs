defmodule User do
  defstruct name: "anonymous", age: 0, roles: []

  def adult?(%User{age: age}) when age >= 18, do: true
  def adult?(%User{}), do: false
end

defmodule Point do
  @enforce_keys [:x, :y]
  defstruct [:x, :y]
end

defmodule Demo do
  # structs are expanded when this module compiles, after User and Point exist
  def run do
    m = %{a: 1, b: 2}
    IO.inspect(m)
    IO.inspect(m.a)
    IO.inspect(m[:b])
    IO.inspect(m[:zz])
    IO.inspect(Map.get(m, :c, 0))
    IO.inspect(Map.put(m, :c, 3))
    IO.inspect(%{m | a: 100})
    IO.inspect(Map.delete(m, :a))
    IO.inspect(Map.keys(m))
    IO.inspect(Map.values(m))
    IO.inspect(Map.merge(m, %{b: 20, d: 4}))
    IO.inspect(Map.update(m, :a, 0, &(&1 + 1)))
    IO.inspect(Map.update!(m, :b, &(&1 * 10)))
    IO.inspect(Map.has_key?(m, :a))
    IO.inspect(Map.fetch(m, :a))
    IO.inspect(Map.fetch(m, :x))
    IO.inspect(Map.to_list(m))
    IO.inspect(Map.new([{:k, :v}]))
    IO.inspect(Map.from_struct(%Point{x: 1, y: 2}))
    IO.inspect(map_size(m))
    IO.inspect(%{"string" => 1, 2 => :two, {:t} => [3]})
    IO.inspect(%{z: 1, a: 2, m: 3})
    IO.inspect(Map.take(m, [:a]))
    IO.inspect(Map.drop(m, [:a]))
    IO.inspect(Map.get_and_update(m, :a, fn v -> {v, v * 2} end))
    IO.inspect(Map.pop(m, :a))
    u = %User{name: "Ada", age: 36}
    IO.inspect(u)
    IO.inspect(%User{})
    IO.inspect(u.name)
    IO.inspect(%{u | age: 37})
    IO.inspect(User.adult?(u))
    IO.inspect(User.adult?(%User{age: 10}))
    %User{name: n} = u
    IO.puts(n)
    IO.inspect(%Point{x: 1, y: 2})
    IO.inspect(is_map(u))
    IO.inspect(u.__struct__)
    nested = %{outer: %{inner: %{value: 1}}}
    IO.inspect(put_in(nested, [:outer, :inner, :value], 2))
    IO.inspect(get_in(nested, [:outer, :inner, :value]))
    IO.inspect(update_in(nested.outer.inner.value, &(&1 + 10)))
  end
end

Demo.run()
