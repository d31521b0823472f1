@doc """
  Hello #{name}
    indented \n x
  """
~r/ab+c/i
~s(hello #{x})
~w[a b c]a
~S"""
raw #{x}
"""
'a#{b}c'
:"a#{b}"
"esc \" \\ \t \e \u00e9 \x41"
"multi
line"
x = %{"a" => 1}
"#{a}#{b}"
"#{}"
foo "x" do
end
IO.puts("a" <>
  "b")
x
|> f()
a = [
  1,
  2,
]
f(a, b: 1)
12345678901234567890123
1.0e10
0.1
:+
:foo?
:Foo
?\n
?\s
foo do: 1
quote do: x
