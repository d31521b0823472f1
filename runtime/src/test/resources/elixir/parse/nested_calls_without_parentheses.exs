[foo a: 1, b: 2]
f(g 1, 2)
[foo 1]
[f(g 1, 2)]
foo bar 1, 2
[x, fn -> foo 1, 2 end]
[foo bar 1]
[(foo 1, 2)]
