foo(a: 1, b)
