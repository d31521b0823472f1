# Prints the quoted form of each file named on the command line, as Code.string_to_quoted!(source, columns: true)
# gives it, one file per two lines: "== NAME", then "ok TERM" or "error LINE COLUMN MESSAGE".
# Used by ElixirParserDifferentialTest (one elixir run for the whole batch).
for path <- System.argv() do
  IO.puts("== " <> Path.basename(path))
  case Code.string_to_quoted(File.read!(path), columns: true, file: Path.basename(path)) do
    {:ok, quoted} ->
      IO.puts("ok " <> inspect(quoted, limit: :infinity, printable_limit: :infinity, charlists: :as_lists))
    {:error, {meta, message, token}} ->
      line = if is_list(meta), do: Keyword.get(meta, :line, 0), else: meta
      column = if is_list(meta), do: Keyword.get(meta, :column, 0), else: 0
      message = if is_binary(message), do: message, else: inspect(message)
      IO.puts("error #{line} #{column} " <> inspect(message <> token))
  end
end
