add = fn a, b -> a + b end
IO.inspect(add.(2, 3))
make_counter = fn start ->
  fn step -> start + step end
end
counter = make_counter.(10)
IO.inspect(counter.(5))
greeting = "Hello"
greet = fn name -> "#{greeting}, #{name}!" end
greeting = "Bye"
IO.puts(greet.("Ada"))
IO.puts(greeting)
double = &(&1 * 2)
IO.inspect(double.(21))
IO.inspect(Enum.map([1, 2, 3], &(&1 + 10)))
IO.inspect(Enum.map(["a", "b"], &String.upcase/1))
IO.inspect(Enum.reduce([1, 2, 3, 4], 0, &+/2))
to_pair = &{&1, &2}
IO.inspect(to_pair.(:a, 1))
fizz = fn
  n when rem(n, 15) == 0 -> "FizzBuzz"
  n when rem(n, 3) == 0 -> "Fizz"
  n when rem(n, 5) == 0 -> "Buzz"
  n -> n
end
1..15 |> Enum.map(fizz) |> Enum.join(" ") |> IO.puts()
result =
  [5, 3, 8, 1]
  |> Enum.sort()
  |> Enum.map(fn x -> x * x end)
  |> Enum.filter(&(&1 > 5))
  |> Enum.sum()
IO.inspect(result)
"  Some Text  " |> String.trim() |> String.downcase() |> IO.puts()
compose = fn f, g -> fn x -> g.(f.(x)) end end
inc_then_double = compose.(&(&1 + 1), double)
IO.inspect(inc_then_double.(4))
fact = fn
  0, _self -> 1
  n, self -> n * self.(n - 1, self)
end
IO.inspect(fact.(10, fact))
IO.inspect(is_function(add))
IO.inspect(is_function(add, 2))
IO.inspect(:erlang.fun_info(add, :arity))
apply_twice = fn f, x -> x |> f.() |> f.() end
IO.inspect(apply_twice.(double, 3))
