case x do
  1 -> :a
  end end
