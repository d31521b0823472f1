package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The evaluator runs Elixir on the runtime: constructs, processes, suspension and preemption. */
class ElixirEvaluatorTest {

    static String out(String src) {
        Scripts.Run r = Scripts.run(src);
        assertEquals(0, r.status(), () -> "status; err=" + r.err() + " out=" + r.out());
        return r.out();
    }

    @Nested
    class Language {
        @Test
        void multiClauseFunctionsWithGuardsAndDefaults() {
            assertEquals("2432902008176640000\n7\n3\n", out("""
                defmodule M do
                  @base 5
                  def fact(0), do: 1
                  def fact(n) when n > 0, do: n * fact(n - 1)
                  def add(a, b \\\\ 2), do: a + b + @base - 5
                end
                IO.puts M.fact(20)
                IO.puts M.add(5)
                IO.puts M.add(1, 2)
                """));
        }

        @Test
        void anOperandReadsTheVariableAsItWasBeforeTheOtherOperandRebindsIt() {
            // as `elixir` prints it: the left `z` is the z bound before the right operand binds a new one
            assertEquals("13\n90\n", out("""
                z = 1
                IO.puts(z + (z = 2; z + 10))
                defmodule Z do
                  def f(z), do: z - (z = 5; z * 2)
                end
                IO.puts Z.f(100)
                """));
        }

        @Test
        void matchingPinCaseCondWith() {
            assertEquals("ok 1\nbig\nsum 3\n{:error, :nope}\n", out("""
                x = 1
                {:ok, ^x} = {:ok, 1}
                case [1, 2, 3] do
                  [h | _] when h > 5 -> IO.puts "no"
                  [h | _] -> IO.puts "ok #{h}"
                end
                cond do
                  x > 5 -> IO.puts "small"
                  true -> IO.puts "big"
                end
                r = with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, 2}, do: a + b
                IO.puts "sum #{r}"
                IO.inspect(with {:ok, a} <- {:error, :nope}, do: a)
                """));
        }

        @Test
        void closuresCapturesPipesAndComprehensions() {
            assertEquals("[2, 4, 6]\n[{1, :a}, {2, :a}]\n12\n%{a: 1, b: 2}\n'ab'\n", out("""
                k = 2
                f = fn x -> x * k end
                [1, 2, 3] |> Enum.map(f) |> IO.inspect()
                IO.inspect(for x <- [1, 2, 3], x < 3, y <- [:a], do: {x, y})
                IO.puts Enum.reduce([1, 2, 3], 0, &(&1 + &2)) * 2
                IO.inspect(%{b: 2, a: 1})
                IO.inspect('ab')
                """));
        }

        @Test
        void tryRescueCatchAfterAndStructs() { // a struct inspects in defstruct order, as elixir 1.14 prints it
            assertEquals("boom\ncaught 1\nafter\nexit :bye\n%User{name: \"a\", age: 3}\n", out("""
                defmodule User do
                  defstruct name: nil, age: 0
                end
                try do
                  raise "boom"
                rescue
                  e in RuntimeError -> IO.puts e.message
                end
                try do
                  throw 1
                catch
                  x -> IO.puts "caught #{x}"
                after
                  IO.puts "after"
                end
                try do
                  exit(:bye)
                catch
                  :exit, r -> IO.puts "exit #{inspect r}"
                end
                IO.inspect %User{name: "a", age: 3}
                """));
        }

        @Test
        void uncaughtErrorPrintsElixirsReportAndExitsWithOne() {
            Scripts.Run r = Scripts.run("IO.puts \"before\"\n1 + :a\n");
            assertEquals(1, r.status());
            assertEquals("before\n", r.out());
            assertTrue(r.err().startsWith("** (ArithmeticError) bad argument in arithmetic expression"), r.err());
        }

        @Test
        void unsupportedConstructSaysSoWithLineAndColumn() {
            Scripts.Run r = Scripts.run("x = 1\ndefmodule M do\n  defmacro m, do: 1\nend\n");
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("** (CompileError) test.exs:3:3: not supported yet: macros"), r.err());
        }

        @Test
        void binariesBuildAndMatchStringIntegerSizedAndRestSegments() {
            assertEquals("\"hi!\"\n<<0, 1, 0>>\n{104, \"ello\"}\n{258, \"z\"}\n\"b\"\n'hi'\n", out("""
                IO.inspect(<<"hi", 33>>)
                IO.inspect(<<0, 256::size(16)>>)
                <<first, rest::binary>> = "hello"
                IO.inspect({first, rest})
                <<n::size(16), tail::binary>> = <<1, 2, "z">>
                IO.inspect({n, tail})
                <<"a", b::binary-size(1), _::binary>> = "abc"
                IO.inspect(b)
                IO.inspect(for <<c <- "hi">>, do: c)
                """));
        }

        @Test
        void ioInspectWrapsAt80ColumnsAsElixirDoes() { // each expected layout is what elixir 1.14 printed
            assertEquals("""
                {:a_long_tag_here,
                 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                  23, 24, 25], "some string value that is long", [x: 1, y: "two"]}
                [
                  a: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                  b: "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
                ]
                lbl: %{
                  "a" => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                   21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
                   40]
                }
                """, out("""
                IO.inspect({:a_long_tag_here, Enum.to_list(1..25), "some string value that is long", [x: 1, y: "two"]})
                IO.inspect([a: String.duplicate("x", 40), b: String.duplicate("y", 40)])
                IO.inspect(%{"a" => Enum.to_list(1..40)}, label: "lbl")
                """));
        }

        @Test
        void binarySegmentsBeyondTheSubsetSayNotSupportedWithLineAndColumn() {
            Scripts.Run r = Scripts.run("x = 1.5\nIO.inspect(<<x::float>>)\n");
            assertEquals(1, r.status());
            assertTrue(r.err().startsWith("** (CompileError) test.exs:2:"), r.err());
            assertTrue(r.err().contains("not supported yet: this binary segment type"), r.err());
        }

        @Test
        void parseErrorsSayLineAndColumn() {
            try (Node node = Node.start()) {
                var out = new java.io.ByteArrayOutputStream();
                var ps = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(1, Elixir.on(node).runScript("x = 1\ny = (2 +\n", "bad.exs", ps, ps));
                assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("** (SyntaxError) bad.exs:"), out.toString());
            }
        }

        @Test
        void aSpawnedProcessThatRaisesIsLoggedAsElixirsLoggerDoes() {
            String o = out("""
                {_pid, ref} = spawn_monitor(fn -> raise ArgumentError, "no good" end)
                receive do
                  {:DOWN, ^ref, :process, _, {e, _stack}} -> IO.inspect e
                end
                """);
            assertTrue(o.matches("(?s)\\n\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[error\\] Process #PID<0\\.\\d+\\.0> raised an exception\\n"
                    + "\\*\\* \\(ArgumentError\\) no good\\n%ArgumentError\\{message: \"no good\"\\}\\n"), o);
        }

        @Test
        void httpoisonSaysItIsNotAvailable() {
            Scripts.Run r = Scripts.run("HTTPoison.get(\"http://example.com\")\n");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("HTTPoison is not available in Beamscope (no network)"), r.err());
        }
    }

    @Nested
    class Stack {
        @Test
        void deepNonTailRecursionRunsOnTheEvaluatorsOwnStack() {
            assertEquals("100000\n", out("""
                defmodule Deep do
                  def count(0), do: 0
                  def count(n), do: 1 + count(n - 1)
                end
                IO.puts Deep.count(100_000)
                """));
        }

        @Test
        void tailCallsRunInConstantSpace() {
            assertEquals("done\n", out("""
                defmodule Loop do
                  def run(0), do: :done
                  def run(n), do: run(n - 1)
                end
                IO.puts Loop.run(3_000_000)
                """));
        }
    }

    @Nested
    class Processes {
        @Test
        void receiveDeepInTheCallStackSuspendsTheProcess() {
            assertEquals("got 42\n", out("""
                defmodule W do
                  def wait(n) when n > 0, do: wait(n - 1) + 0
                  def wait(0) do
                    receive do
                      {:v, v} -> v
                    end
                  end
                end
                parent = self()
                pid = spawn(fn -> send(parent, {:res, W.wait(50)}) end)
                send(pid, {:v, 42})
                receive do
                  {:res, v} -> IO.puts "got #{v}"
                end
                """));
        }

        @Test
        void selectiveReceiveLeavesOtherMessagesAndAfterTimesOut() {
            assertEquals("b\na\ntimeout\n", out("""
                send(self(), :a)
                send(self(), :b)
                receive do :b -> IO.puts "b" end
                receive do :a -> IO.puts "a" end
                receive do
                  :c -> IO.puts "c"
                after
                  10 -> IO.puts "timeout"
                end
                """));
        }

        @Test
        void linksAndTrappedExits() {
            assertEquals("{:EXIT, :boom}\n", out("""
                Process.flag(:trap_exit, true)
                pid = spawn_link(fn -> exit(:boom) end)
                receive do
                  {:EXIT, ^pid, reason} -> IO.inspect({:EXIT, reason})
                end
                """));
        }

        @Test
        void spawnedProcessesShowTheirFunctionAsInitialCall() {
            try (Node node = Node.start()) {
                Scripts.Run r = Scripts.run(node, """
                    defmodule Counter do
                      def loop(n) do
                        receive do
                          {:get, from} -> send(from, n)
                        end
                      end
                    end
                    pid = spawn(Counter, :loop, [0])
                    Process.register(pid, :counter)
                    """);
                assertEquals(0, r.status(), r.err());
                var pid = node.whereis("counter").orElseThrow();
                assertEquals("Counter.loop/1", node.processInfo(pid).orElseThrow().initialCall());
                Scripts.Run s = Scripts.run(node, """
                    defmodule Server do
                      use GenServer
                      def init(n), do: {:ok, n}
                    end
                    GenServer.start(Server, 0, name: :server)
                    """);
                assertEquals(0, s.status(), s.err());
                var server = node.whereis("server").orElseThrow();
                assertEquals("Server.init/1", node.processInfo(server).orElseThrow().initialCall());
            }
        }

        /** F-items: preemption by reductions; the tutorial's priority test (issue 14 §2). */
        @Test
        void anEndlessLoopAtLowPriorityOnEverySchedulerLetsAHighPriorityTaskRun() {
            try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2))) {
                Scripts.Run r = Scripts.run(node, """
                    for _ <- 1..System.schedulers_online() do
                      spawn(fn ->
                        Process.flag(:priority, :low)
                        loop = fn f -> f.(f) end
                        loop.(loop)
                      end)
                    end
                    task = Task.async(fn ->
                      Process.flag(:priority, :high)
                      Enum.sum(1..1000)
                    end)
                    IO.puts Task.await(task, 60_000)
                    """);
                assertEquals(0, r.status(), r.err());
                assertEquals("500500\n", r.out());
            }
        }
    }

    @Nested
    class Otp {
        @Test
        void genServerFromTheTutorial() {
            assertEquals("3\n", out("""
                defmodule Counter do
                  use GenServer
                  def start_link(initial \\\\ 0) do
                    GenServer.start_link(__MODULE__, initial, name: __MODULE__)
                  end
                  def increment, do: GenServer.cast(__MODULE__, :increment)
                  def value,     do: GenServer.call(__MODULE__, :value)
                  @impl true
                  def init(count), do: {:ok, count}
                  @impl true
                  def handle_call(:value, _from, count), do: {:reply, count, count}
                  @impl true
                  def handle_cast(:increment, count), do: {:noreply, count + 1}
                end
                {:ok, _pid} = Counter.start_link(0)
                Counter.increment()
                Counter.increment()
                Counter.increment()
                IO.puts Counter.value()
                """));
        }

        @Test
        void supervisorRestartsACrashedChild() {
            assertEquals("true\n0\n", out("""
                defmodule Worker do
                  use GenServer
                  def start_link(_), do: GenServer.start_link(__MODULE__, 0, name: :worker)
                  def init(n), do: {:ok, n}
                  def handle_call(:get, _from, n), do: {:reply, n, n}
                  def handle_cast(:inc, n), do: {:noreply, n + 1}
                end
                {:ok, _sup} = Supervisor.start_link([Worker], strategy: :one_for_one)
                GenServer.cast(:worker, :inc)
                old = Process.whereis(:worker)
                ref = Process.monitor(old)
                Process.exit(old, :kill)
                receive do {:DOWN, ^ref, _, _, _} -> :ok end
                new = wait_for = fn f -> case Process.whereis(:worker) do
                    nil -> f.(f)
                    pid -> pid
                  end end
                new = wait_for.(wait_for)
                IO.puts(new != old)
                IO.puts GenServer.call(:worker, :get)
                """));
        }

        @Test
        void agentAndTasks() {
            assertEquals("2\n[1, 4, 9]\n", out("""
                {:ok, a} = Agent.start_link(fn -> 1 end)
                Agent.update(a, fn n -> n + 1 end)
                IO.puts Agent.get(a, fn n -> n end)
                tasks = Enum.map([1, 2, 3], fn x -> Task.async(fn -> x * x end) end)
                IO.inspect Enum.map(tasks, &Task.await/1)
                """));
        }
    }
}
