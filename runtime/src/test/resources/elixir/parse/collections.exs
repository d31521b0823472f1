[]
[1]
[1, 2, 3]
[1, [2, [3, []]]]
[h | t]
[1, 2 | rest]
[a: 1, b: 2]
[1, 2, a: 3]
["a", key: "value", other: [nested: true]]
[
  1,
  2,
]
[a: 1,]
{}
{1}
{1, 2}
{1, 2, 3, 4}
{:ok, value: 1}
{:error, {:nested, [1, 2]}}
%{}
%{a: 1, b: 2}
%{"a" => 1, :b => 2}
%{1 => :one, {2, 3} => :tuple, [4] => :list}
%{"k" => v, a: 1}
%{map | a: 2}
%{map | "k" => 3}
%{state | count: state.count + 1, items: [x | state.items]}
%User{}
%User{name: "x", age: 3}
%User{user | name: "y"}
%Mod.Sub{a: 1}
%__MODULE__{field: 1}
%{
  a: 1,
  b: %{
    c: [1, 2]
  }
}
<<>>
<<1, 2, 3>>
<<"abc", 0>>
<<x::8, y::binary-size(4), rest::bits>>
<<a::utf8, b::little-integer-size(16)>>
map[:key]
map["key"][:nested]
map.key
map.key.deeper
conn.assigns[:user]
list[0]
