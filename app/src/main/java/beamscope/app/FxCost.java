package beamscope.app;

import java.util.Arrays;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * What the FX thread spends, measured on the FX thread itself: per sampler frame handed over (applying it
 * to every view model) and per pulse (animations, canvas redraws, CSS and layout). For the window-cost
 * benchmark; recording is a few array writes.
 */
public final class FxCost {

    /** A ring of the latest durations, in nanoseconds. FX thread only. */
    public static final class Durations {
        private final long[] ring = new long[4096];
        private long count;

        void record(long nanos) {
            ring[(int) (count++ % ring.length)] = nanos;
        }

        public long count() {
            return count;
        }

        /** The q-quantile (0..1) of the latest durations, in microseconds. */
        public double quantileMicros(double q) {
            int n = (int) Math.min(count, ring.length);
            if (n == 0) return 0;
            long[] a = Arrays.copyOf(ring, n);
            Arrays.sort(a);
            return a[Math.min(n - 1, (int) Math.floor(q * n))] / 1000.0;
        }

        public void reset() {
            count = 0;
        }
    }

    private final Durations frames = new Durations();
    private final Durations pulses = new Durations();
    private long pulseStart;

    /**
     * Starts timing pulses of {@code scene}: from the first animation callback to the end of layout. The
     * timer it installs makes every pulse run, so only a benchmark turns this on.
     */
    public void watch(Scene scene) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart = System.nanoTime();
            }
        }.start();
        scene.addPostLayoutPulseListener(() -> {
            if (pulseStart != 0) pulses.record(System.nanoTime() - pulseStart);
            pulseStart = 0;
        });
    }

    /** Runs {@code apply} (a frame hand-over) and records its time. */
    public void frame(Runnable apply) {
        long t0 = System.nanoTime();
        apply.run();
        frames.record(System.nanoTime() - t0);
    }

    public Durations frames() {
        return frames;
    }

    public Durations pulses() {
        return pulses;
    }
}
