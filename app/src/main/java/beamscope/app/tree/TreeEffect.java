package beamscope.app.tree;

import beamscope.runtime.Pid;

/**
 * A running animation: a process that died (red, fading out), one that replaced it (highlighted,
 * with its new pid), or a supervisor reacting (a flash). {@code item} is where to draw it: a dead
 * item from the frame before, the others from the frame now. {@code other} links a death and its
 * restart: the replacement's pid for {@link Type#DIED}, the dead pid for {@link Type#RESTARTED}.
 */
public record TreeEffect(Type type, TreeItem item, Pid other, long startNanos) {

    public enum Type {
        DIED(1_600_000_000L), RESTARTED(2_400_000_000L), REACTED(1_000_000_000L);

        public final long nanos;

        Type(long nanos) {
            this.nanos = nanos;
        }
    }

    /** 0 at the start, 1 at the end. */
    public double progress(long now) {
        return Math.max(0, Math.min(1, (now - startNanos) / (double) type.nanos));
    }

    public boolean over(long now) {
        return now - startNanos >= type.nanos;
    }
}
