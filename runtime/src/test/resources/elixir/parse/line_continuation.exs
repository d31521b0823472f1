x
+ 1
y
- 1
a
|> b
c
== d
e
and f
g
.h
i
when j
