&?+/2
fn %{name name} = user -> {name, user} end
c&1
e&nd
foo{}
%{a}
%{a, b}
foo"x"
foo^x
foo%{}
foo<<1>>
foo!x
foo~r/x/
foo'a'
&?a
foo%Bar{}
foo{1}
