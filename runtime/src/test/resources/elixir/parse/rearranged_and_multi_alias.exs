alias Foo.{Baz, Qux}
alias Foo.{
  Baz,
  Qux.Y
}
foo.{}
!x in y
(not x) in y
not x not in y
if a do
 !x
end
fn -> not x end
"#{!x}"
f(not x)
[!x]
not x
