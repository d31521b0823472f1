package beamscope.app.lessons.code;

import beamscope.runtime.Behavior;
import beamscope.runtime.Behaviors;

/** A worker that only waits: {@code receive do _ -> loop() end}. Lessons kill it to watch what reacts. */
public final class Idle {
    private Idle() {}

    public static Behavior loop() {
        return Behaviors.receive("Worker.loop/0", (ctx, msg) -> Behaviors.same());
    }
}
