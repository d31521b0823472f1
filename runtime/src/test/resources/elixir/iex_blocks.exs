# Pastes code blocks into one evaluator process, one after another, as a reader pastes them into IEx, and
# prints for each block what it printed and what IEx would answer (SeedsDifferentialTest reads this):
#
#   === NAME
#   ...what the block's processes printed...
#   --> answer
#   ...the answer, inspected as IEx does, or the error report...
#   <-- answer
#   ...what was printed after it, before the next block...
#
# Usage: elixir iex_blocks.exs FILE... (each file one block, in order)
defmodule IexBlocks do
  @pause 500

  # the evaluator: a long-lived process, as IEx's, that keeps its variables between blocks
  def evaluator(reader) do
    receive do
      {:eval, code, binding} ->
        reply =
          try do
            {value, binding} = Code.eval_string(code, binding, file: "iex")
            {inspect(value, pretty: true, width: 80), binding}
          catch
            kind, reason -> {Exception.format_banner(kind, reason, __STACKTRACE__), binding}
          end

        send(reader, {:answer, self(), reply})
        evaluator(reader)
    end
  end

  def start_evaluator do
    reader = self()
    pid = spawn(fn -> evaluator(reader) end)
    Process.monitor(pid)
    pid
  end

  def run([], _evaluator, _binding), do: :ok

  def run([file | rest], evaluator, binding) do
    IO.puts("=== " <> Path.basename(file))
    send(evaluator, {:eval, File.read!(file), binding})

    receive do
      {:answer, ^evaluator, {text, binding}} ->
        answer(text)
        run(rest, pause(evaluator), binding)

      {:DOWN, _, :process, ^evaluator, reason} ->
        answer(shell_exit(evaluator, reason))
        run(rest, pause(start_evaluator()), binding)
    end
  end

  defp answer(text), do: IO.puts("--> answer\n" <> text <> "\n<-- answer")

  # the reader's pause before the next block; a linked crash in it replaces the evaluator, as IEx does
  defp pause(evaluator) do
    Process.sleep(@pause)
    settle(50)
    # crash reports go through Logger, which prints on its own time: what the block's processes reported is in
    Logger.flush()

    receive do
      {:DOWN, _, :process, ^evaluator, reason} ->
        IO.puts(shell_exit(evaluator, reason))
        start_evaluator()
    after
      0 -> evaluator
    end
  end

  # on a busy machine the block's processes may not have run yet: wait (5 s at most) for empty run queues
  defp settle(0), do: :ok

  defp settle(tries) do
    if :erlang.statistics(:total_run_queue_lengths_all) > 1 do
      Process.sleep(100)
      settle(tries - 1)
    end
  end

  defp shell_exit(pid, reason),
    do: "** (EXIT from #{inspect(pid)}) shell process exited with reason: " <> Exception.format_exit(reason)
end

IexBlocks.run(System.argv(), IexBlocks.start_evaluator(), [])
Process.sleep(500)
