[foo 1, b: 2]
