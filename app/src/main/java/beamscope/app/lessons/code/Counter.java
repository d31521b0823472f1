package beamscope.app.lessons.code;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;

/**
 * The Counter GenServer of the processes lesson (000), registered under its module name: {@code :increment}
 * and {@code :decrement} are casts, {@code :value} a call ({@code :get} too, as the processes tutorial's exercise
 * (001) names it).
 */
public final class Counter implements GenServer<Long, Long> {
    public static final String NAME = "Counter";
    static final Atom INCREMENT = Atom.of("increment"), DECREMENT = Atom.of("decrement"), VALUE = Atom.of("value"),
            GET = Atom.of("get");

    public static ChildSpec childSpec(long initial) {
        return ChildSpec.worker(Atom.of("Counter"), ChildStart.genServer(new Counter(), initial, StartOptions.named(NAME)));
    }

    public static void increment(Node node) {
        GenServer.cast(node, NAME, INCREMENT);
    }

    public static void decrement(Node node) {
        GenServer.cast(node, NAME, DECREMENT);
    }

    public static long value(Node node) {
        return (Long) GenServer.call(node, NAME, VALUE);
    }

    /** {@code Counter.get()}: the same read as {@link #value}, under the exercise's name. */
    public static long get(Node node) {
        return (Long) GenServer.call(node, NAME, GET);
    }

    @Override
    public Init<Long> init(ProcessContext ctx, Long count) {
        return Init.ok(count);
    }

    @Override
    public Result<Long> handleCall(ProcessContext ctx, Object request, From from, Long count) throws Exception {
        if (request == VALUE || request == GET) return Result.reply(count, count);
        return GenServer.super.handleCall(ctx, request, from, count);
    }

    @Override
    public Result<Long> handleCast(ProcessContext ctx, Object request, Long count) throws Exception {
        if (request == INCREMENT) return Result.noreply(count + 1);
        if (request == DECREMENT) return Result.noreply(count - 1);
        return GenServer.super.handleCast(ctx, request, count);
    }
}
