case x do
  1 ->
end
