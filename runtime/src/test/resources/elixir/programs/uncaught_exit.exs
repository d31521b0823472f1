IO.puts("exiting with a reason")
exit(:boom)
