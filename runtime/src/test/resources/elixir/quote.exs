# Prints the quoted form of each file named on the command line, as Code.string_to_quoted(source, columns: true)
# gives it, one file per two lines: "== NAME", then "ok TERM" or "error LINE COLUMN MESSAGE".
# TERM is in the syntax beamscope.runtime.Terms reads, with every atom quoted (:"<<>>", :"Elixir.Kernel") so that
# operator atoms read back. Used by ElixirParserDifferentialTest (one elixir run for the whole batch).
defmodule QuotedText do
  def term(a) when is_atom(a), do: ":" <> term(Atom.to_string(a))
  def term(l) when is_list(l), do: "[" <> Enum.map_join(l, ", ", &term/1) <> "]"
  def term(t) when is_tuple(t), do: "{" <> (t |> Tuple.to_list() |> Enum.map_join(", ", &term/1)) <> "}"
  def term(b) when is_binary(b) do
    if String.valid?(b) do
      "\"" <> (b |> String.to_charlist() |> Enum.map_join(&char/1)) <> "\""
    else
      inspect(b, limit: :infinity)
    end
  end
  def term(x), do: inspect(x)

  defp char(?"), do: "\\\""
  defp char(?\\), do: "\\\\"
  defp char(?#), do: "\\#"
  defp char(c) when c >= 32 and c < 127, do: <<c>>
  defp char(c), do: "\\u{" <> Integer.to_string(c, 16) <> "}"
end

for path <- System.argv() do
  IO.puts("== " <> Path.basename(path))
  case Code.string_to_quoted(File.read!(path), columns: true, file: Path.basename(path)) do
    {:ok, quoted} ->
      IO.puts("ok " <> QuotedText.term(quoted))
    {:error, {meta, message, token}} ->
      line = if is_list(meta), do: Keyword.get(meta, :line, 0), else: meta
      column = if is_list(meta), do: Keyword.get(meta, :column, 0), else: 0
      message = if is_binary(message), do: message, else: inspect(message)
      IO.puts("error #{line} #{column} " <> inspect(message <> token))
  end
end
