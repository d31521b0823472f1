package beamscope.app;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;
import java.time.Duration;

/** The built-in demo: a few counters and a ticker that keeps messages flowing. */
final class Demo {
    static final Atom INCREMENT = Atom.of("increment"), TICK = Atom.of("tick");

    private final Node node;
    private final Pid ticker;

    private Demo(Node node, Pid ticker) {
        this.node = node;
        this.ticker = ticker;
    }

    static Demo start(Node node) {
        Pid[] counters = new Pid[5];
        for (int i = 0; i < counters.length; i++) counters[i] = node.spawn(counter(0).named("Counter"));
        Pid ticker = node.spawn(Behaviors.setup(ctx -> {
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(counters, 0);
        }).named("Ticker"));
        return new Demo(node, ticker);
    }

    private static Behavior ticking(Pid[] counters, int n) {
        return Behaviors.receive((ctx, msg) -> {
            if (msg != TICK) return Behaviors.unhandled();
            ctx.send(counters[n % counters.length], Tuple.of(INCREMENT, 1L));
            ctx.sendAfter(ctx.self(), TICK, Duration.ofMillis(100));
            return ticking(counters, n + 1);
        }).named("Ticker");
    }

    static Behavior counter(long n) {
        return Behaviors.receive((ctx, msg) -> switch (msg) {
            case Tuple2(Atom tag, Long by) when tag == INCREMENT -> counter(n + by);
            default -> Behaviors.unhandled();
        }).named("Counter");
    }

    void stop() {
        node.exit(ticker, Atom.KILL);
    }
}
