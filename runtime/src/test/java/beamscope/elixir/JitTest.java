package beamscope.elixir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JIT tier: which functions it compiles, and that compiled code behaves as the interpreter does (same
 * output, same errors, same reductions' effect: preemption, deep recursion, integers beyond a long).
 */
class JitTest {

    /**
     * Runs {@code src} with the tier on and off, asserts both print the same and that the tier compiled the
     * functions named ({@code "Module.fun/arity"}), and returns what they print.
     */
    private static Scripts.Run both(String src, String... compiledFunctions) {
        Scripts.Run on = run(src, true, compiledFunctions), off = run(src, false);
        assertEquals(off.status(), on.status(), () -> "status; on=" + on + " off=" + off);
        assertEquals(off.out(), on.out());
        assertEquals(off.err(), on.err());
        return on;
    }

    private static Scripts.Run run(String src, boolean jit, String... compiledFunctions) {
        try (Node node = Node.start()) {
            Elixir.on(node).jit(jit);
            Scripts.Run r = Scripts.run(node, src);
            for (String f : compiledFunctions) {
                int dot = f.lastIndexOf('.'), slash = f.lastIndexOf('/');
                Fn fn = compiled(node, f.substring(0, dot), f.substring(dot + 1, slash), Integer.parseInt(f.substring(slash + 1)));
                assertNotNull(fn, f);
                assertNotNull(fn.jit, () -> f + " compiles");
            }
            return r;
        }
    }

    private static Fn compiled(Node node, String module, String fun, int arity) {
        return Elixir.on(node).lookup(Atom.of("Elixir." + module), fun, arity);
    }

    private static final String FIB = """
            defmodule Fib do
              def fib(n) when n < 2, do: n
              def fib(n), do: fib(n - 1) + fib(n - 2)
            end
            """;

    @Test
    void integerFunctionsCompileAndOthersDoNot() {
        try (Node node = Node.start()) {
            Scripts.Run r = Scripts.run(node, FIB + """
                    defmodule Other do
                      def name(n), do: "n=#{n}"
                      def twice(n), do: Fib.fib(n) * 2
                      def via(n), do: name(n)
                    end
                    IO.puts Fib.fib(20)
                    """);
            assertEquals("6765\n", r.out(), r.err());
            assertNotNull(compiled(node, "Fib", "fib", 1).jit, "fib compiles");
            assertNull(compiled(node, "Other", "name", 1).jit, "a string is not an integer");
            assertNull(compiled(node, "Other", "twice", 1).jit, "a call to another module stays interpreted");
            assertNull(compiled(node, "Other", "via", 1).jit, "a call to an interpreted function stays interpreted");
        }
    }

    @Test
    void compiledCodeComputesWhatTheInterpreterComputes() {
        Scripts.Run r = both(FIB + """
                defmodule Shapes do
                  def classify(n) do
                    cond do
                      n < 0 -> -1
                      n == 0 -> 0
                      true -> 1
                    end
                  end
                  def pick(n) do
                    case n do
                      0 -> 100
                      1 -> 101
                      k when k > 10 -> k * 2
                      k -> k + pick(k - 2)
                    end
                  end
                  def branch(a, b) do
                    x = a * 3
                    if x > b, do: x - b, else: b - x + branch(a + 1, b - 1)
                  end
                  def count(0, acc), do: acc
                  def count(n, acc), do: count(n - 1, acc + n)
                  def same(x, x), do: 1
                  def same(_, _), do: 0
                end
                IO.puts Fib.fib(25)
                IO.inspect Enum.map([-5, 0, 7], &Shapes.classify/1)
                IO.puts Enum.join(Enum.map([0, 1, 5, 9, 30], &Shapes.pick/1), ",")
                IO.inspect Shapes.branch(1, 40)
                IO.inspect Shapes.count(100_000, 0)
                IO.inspect {Shapes.same(3, 3), Shapes.same(3, 4)}
                IO.inspect Fib.fib(:x)
                """, "Fib.fib/1", "Shapes.classify/1", "Shapes.pick/1", "Shapes.branch/2", "Shapes.count/2", "Shapes.same/2");
        assertTrue(r.out().startsWith("75025\n[-1, 0, 1]\n100,101,109,125,60\n193\n"), r.out());
        assertTrue(r.out().contains("5000050000\n{1, 0}\n"), r.out());
    }

    @Test
    void integersBeyondALongAndErrorsAreTheInterpreters() {
        Scripts.Run r = both("""
                defmodule Big do
                  def fact(0), do: 1
                  def fact(n) when n > 0, do: n * fact(n - 1)
                  def add(a, b), do: a + b
                end
                IO.puts Big.fact(30)
                IO.puts Big.add(9223372036854775807, 1)
                IO.puts Big.add(Big.fact(25), 1)
                Big.fact(-1)
                """, "Big.fact/1", "Big.add/2");
        assertTrue(r.out().startsWith("265252859812191058636308480000000\n9223372036854775808\n15511210043330985984000001\n"), r.out());
        assertTrue(r.err().contains("FunctionClauseError") && r.err().contains("Big.fact/1"), r.err());
        assertEquals(1, r.status());
    }

    @Test
    void recursionDeeperThanTheCompiledStackGoesOnTheHeap() {
        Scripts.Run r = both("""
                defmodule Deep do
                  def sum(0), do: 0
                  def sum(n), do: n + sum(n - 1)
                end
                IO.puts Deep.sum(200_000)
                """, "Deep.sum/1");
        assertEquals("20000100000\n", r.out());
    }

    @Test
    void valuesWaitingOnTheOperandStackSurvivePreemptionAndTheMoveToTheHeap() {
        // plus(n, walk(...)): n waits on the operand stack while walk runs, at every depth; 100,000 deep
        // crosses the compiled depth limit, and 10^5 calls cross the reduction budget many times
        Scripts.Run r = both("""
                defmodule Walk do
                  def walk(0, acc), do: acc
                  def walk(n, acc), do: plus(n, walk(n - 1, plus(acc, 1)))
                  def plus(a, b), do: a + b
                  def sq(x), do: x * x
                  def nest(n), do: sq(sq(n)) + 0
                end
                IO.puts Walk.walk(100_000, 0)
                IO.puts Walk.nest(3)
                IO.puts Walk.nest(100_000)
                """, "Walk.walk/2", "Walk.plus/2", "Walk.nest/1");
        assertEquals("5000150000\n81\n100000000000000000000\n", r.out(), r.err());
    }

    @Test
    void tailCallsBetweenCompiledFunctionsRunInConstantSpace() {
        // each move to the heap leaves out the frames that only wait to return (as a tail call does): were
        // they kept, 20 million calls would hold about 20 million frames, far beyond the test JVM's heap
        Scripts.Run r = both("""
                defmodule PingPong do
                  def ping(0), do: 0
                  def ping(n), do: pong(n - 1)
                  def pong(n), do: ping(n)
                end
                IO.inspect PingPong.ping(20_000_000)
                """, "PingPong.ping/1", "PingPong.pong/1");
        assertEquals("0\n", r.out(), r.err());
    }

    /**
     * Random integer programs (a fixed seed, so a failure is reproducible): arithmetic near the ends of a long,
     * {@code if}/{@code case}/{@code cond} in values and conditions, guards with {@code and}/{@code or},
     * recursion, a value waiting on the stack while a call runs, tail loops past the reduction budget; printed
     * the same with the tier on and off, and every function compiled.
     */
    @Test
    void randomIntegerProgramsPrintTheSameCompiledAndInterpreted() {
        java.util.Random r = new java.util.Random(20261206);
        StringBuilder src = new StringBuilder();
        List<String> compiled = new java.util.ArrayList<>();
        int modules = 25;
        for (int m = 0; m < modules; m++) {
            String mod = "R" + m;
            src.append("defmodule ").append(mod).append(" do\n  @k ").append(r.nextInt(5) + 2).append("\n")
                    .append("  def h(a, b) when ").append(cond(r, 2, "a", "b", true)).append(", do: ").append(expr(r, 3, "a", "b", false)).append("\n")
                    .append("  def h(a, b), do: ").append(expr(r, 3, "b", "a", false)).append("\n")
                    .append("  def g(n) when n <= 0, do: ").append(expr(r, 2, "n", "n", false)).append("\n")
                    .append("  def g(n), do: g(n - 1) + h(n, ").append(expr(r, 2, "n", "n", false)).append(") - g(n - 2)\n")
                    .append("  def s(n), do: h(").append(expr(r, 2, "n", "n", false)).append(", g(n))\n")
                    .append("  def k(0, acc), do: acc\n")
                    .append("  def k(n, acc), do: k(n - 1, acc + ").append(expr(r, 2, "n", "n", false)).append(")\n")
                    .append("end\n")
                    .append("hs = for a <- [-3, 0, 2, 7, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808], b <- [-1, 1, 4_611_686_018_427_387_904], do: ")
                    .append(mod).append(".h(a, b)\n")
                    .append("gs = for n <- 0..14, do: {").append(mod).append(".g(n), ").append(mod).append(".s(n)}\n")
                    .append("ks = for n <- [0, 1, 10, 3000], do: ").append(mod).append(".k(n, 1)\n")
                    .append("IO.inspect({").append(m).append(", hs, gs, ks}, limit: :infinity, charlists: :as_lists)\n");
            for (String f : List.of("h/2", "g/1", "s/1", "k/2")) compiled.add(mod + "." + f);
        }
        Scripts.Run run = both(src.toString(), compiled.toArray(new String[0]));
        assertEquals(0, run.status(), run.err());
        for (int m = 0; m < modules; m++) {
            assertTrue(java.util.regex.Pattern.compile("(?m)^\\{" + m + ",").matcher(run.out()).find(), "module " + m + " printed");
        }
    }

    /** A random integer expression over the variables {@code x} and {@code y} (in a guard: operators only). */
    private static String expr(java.util.Random r, int depth, String x, String y, boolean guard) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(6)) {
                case 0, 1 -> x;
                case 2 -> y;
                case 3 -> Integer.toString(r.nextInt(11) - 5);
                case 4 -> r.nextBoolean() ? "9_223_372_036_854_775_000" : "-9_223_372_036_854_775_000";
                default -> "@k";
            };
        }
        int d = depth - 1;
        return switch (r.nextInt(guard ? 3 : 7)) {
            case 0 -> "(" + expr(r, d, x, y, guard) + " + " + expr(r, d, x, y, guard) + ")";
            case 1 -> "(" + expr(r, d, x, y, guard) + " - " + expr(r, d, x, y, guard) + ")";
            case 2 -> "(" + expr(r, d, x, y, guard) + " * " + expr(r, d, x, y, guard) + ")";
            case 3 -> "(if " + cond(r, d, x, y, false) + ", do: " + expr(r, d, x, y, false) + ", else: " + expr(r, d, x, y, false) + ")";
            case 4 -> "(case " + expr(r, d, x, y, false) + " do\n 0 -> " + expr(r, d, x, y, false) + "\n v when v > " + (r.nextInt(7) - 3)
                    + " -> v - " + expr(r, d, x, y, false) + "\n v -> v\n end)";
            case 5 -> "(cond do\n " + cond(r, d, x, y, false) + " -> " + expr(r, d, x, y, false) + "\n true -> " + expr(r, d, x, y, false) + "\n end)";
            default -> "(z = " + expr(r, d, x, y, false) + "; z + " + expr(r, d, x, y, false) + ")";
        };
    }

    private static String cond(java.util.Random r, int depth, String x, String y, boolean guard) {
        String[] ops = {"<", ">", "<=", ">=", "==", "!=", "===", "!=="};
        int d = Math.max(depth - 1, 0);
        String c = expr(r, d, x, y, guard) + " " + ops[r.nextInt(ops.length)] + " " + expr(r, d, x, y, guard);
        return switch (r.nextInt(4)) {
            case 0 -> "(" + c + " and " + cond(r, 0, x, y, guard) + ")";
            case 1 -> "(" + c + " or " + cond(r, 0, x, y, guard) + ")";
            default -> c;
        };
    }

    @Test
    void aCompiledEndlessLoopIsPreemptedAndKillable() {
        // one scheduler: if compiled code never gave it back, the second process would never print
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(1))) {
            Scripts.Run r = Scripts.run(node, """
                    defmodule Spin do
                      def spin(n), do: spin(n + 1)
                    end
                    looper = spawn(fn -> Spin.spin(0) end)
                    me = self()
                    spawn(fn -> send(me, {:done, 21 * 2}) end)
                    receive do
                      {:done, x} -> IO.puts "other process ran: #{x}"
                    end
                    {:reductions, r1} = Process.info(looper, :reductions)
                    Process.exit(looper, :kill)
                    ref = Process.monitor(looper)
                    receive do
                      {:DOWN, ^ref, :process, _, reason} -> IO.inspect reason
                    end
                    IO.puts r1 > 0
                    """);
            assertEquals("other process ran: 42\n:killed\ntrue\n", r.out(), r.err());
            assertNotNull(compiled(node, "Spin", "spin", 1).jit);
        }
    }
}
