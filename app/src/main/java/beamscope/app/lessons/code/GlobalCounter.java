package beamscope.app.lessons.code;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.otp.ChildSpec;
import beamscope.runtime.otp.ChildStart;
import beamscope.runtime.otp.GenServer;
import beamscope.runtime.otp.StartOptions;

/** The GlobalCounter of the scheduling lesson (003), registered as {@code :my_counter}: {@code :inc} cast, {@code :get} call. */
public final class GlobalCounter implements GenServer<Long, Long> {
    public static final String NAME = "my_counter";
    static final Atom INC = Atom.of("inc"), GET = Atom.of("get");

    public static ChildSpec childSpec(long initial) {
        return ChildSpec.worker(Atom.of("GlobalCounter"),
                ChildStart.genServer(new GlobalCounter(), initial, StartOptions.named(NAME)));
    }

    public static void increment(Node node) {
        GenServer.cast(node, NAME, INC);
    }

    public static long getValue(Node node) {
        return (Long) GenServer.call(node, NAME, GET);
    }

    @Override
    public Init<Long> init(ProcessContext ctx, Long count) {
        return Init.ok(count);
    }

    @Override
    public Result<Long> handleCast(ProcessContext ctx, Object request, Long count) throws Exception {
        if (request == INC) return Result.noreply(count + 1);
        return GenServer.super.handleCast(ctx, request, count);
    }

    @Override
    public Result<Long> handleCall(ProcessContext ctx, Object request, From from, Long count) throws Exception {
        if (request == GET) return Result.reply(count, count);
        return GenServer.super.handleCall(ctx, request, from, count);
    }
}
