1 + 2 * 3
(1 + 2) * 3
1 - 2 - 3
2 * 3 / 4
2 ** 3 ** 2
a = b = c
a || b && c
a or b and c
not a and b
!a || b
a == b and c != d
a === b or a !== c
a < b == c > d
a <= b and b >= c
x =~ ~r/foo/
a ++ b ++ c
a -- b
"a" <> "b" <> c
a |> b() |> c(1)
a |> b |> c
x in [1, 2]
x not in list
not x in list
1..10
1..n//2
a..b
-a
-(-a)
- - a
+a
^pinned
!x
!!x
~~~x
a &&& b
a ||| b
a ^^^ b
a <<< 2
a >>> 2
a <~> b
a ~> b
a <~ b
a <|> b
a ~>> b
a <<~ b
x :: integer
a \\ b
x <- y
a when b
a = 1 + 2 * 3 - 4 / 5
result = x |> Enum.map(&(&1 * 2)) |> Enum.sum()
-1 + 2
-x.y
@attr + 1
&Mod.f/1
a = -1
b = - 1
f(-1)
x - 1
x -1
x-1
x - -1
foo.bar - 1
foo.bar -1
[1, -2]
{a, -b}
a * -b
