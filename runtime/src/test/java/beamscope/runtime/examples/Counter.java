package beamscope.runtime.examples;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import beamscope.runtime.Tuple2;

/** The Counter of the Processes lesson (seed 004), as a runtime process. Shown in the README. */
public final class Counter {
    static final Atom INCREMENT = Atom.of("increment"), GET = Atom.of("get"), COUNT = Atom.of("count"),
            STOP = Atom.of("stop");

    private Counter() {}

    /** {@code spawn(fn -> loop(initial_count) end)} */
    public static Behavior start(long initialCount) {
        return loop(initialCount);
    }

    private static Behavior loop(long count) {
        return Behaviors.receive("Counter.loop/1", (ctx, msg) -> switch (msg) {
            case Tuple2(Atom tag, Long amount) when tag == INCREMENT -> loop(count + amount);
            case Tuple2(Atom tag, Pid caller) when tag == GET -> {
                ctx.send(caller, Tuple.of(COUNT, count));
                yield loop(count);
            }
            case Atom a when a == STOP -> {
                System.getLogger("Counter").log(System.Logger.Level.INFO, "Counter stopped at " + count);
                yield Behaviors.stop();
            }
            default -> Behaviors.unhandled();
        });
    }
}
