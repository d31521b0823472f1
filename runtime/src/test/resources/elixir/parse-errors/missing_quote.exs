IO.puts("hi)
