package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.ExitException;
import beamscope.runtime.Inbox;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.Ref;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A process without a behaviour, driven by an outside thread. It uses the same mailbox protocol as a
 * scheduled process, except that the sender who takes it out of PARKED unparks the waiting thread
 * instead of queueing it on a scheduler. All operations hold the inbox's monitor, which makes the
 * calling thread the owner for their duration.
 */
final class InboxCell extends ProcessCell implements Inbox {

    private volatile Thread waiter;
    private Object exitReason;

    InboxCell(NodeRuntime rt, Pid pid, String label) {
        super(rt, pid, null, null, label, Priority.NORMAL);
        setStatus(S_WAITING);
    }

    @Override
    void wake() {
        Thread t = waiter;
        if (t != null) LockSupport.unpark(t);
    }

    /** A thread waiting in receive owns the inbox: let it handle the kill. */
    @Override
    void ownedAfterWake() {
        wake();
    }

    @Override
    public Pid pid() {
        return pid;
    }

    @Override
    public Optional<Object> receive(Duration timeout) {
        return receive(m -> true, timeout);
    }

    @Override
    public synchronized Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        for (;;) {
            checkAlive();
            Envelope prev = null;
            for (Envelope e = first; e != null; prev = e, e = e.next) {
                if (matcher.test(e.payload)) {
                    removeLocal(prev, e);
                    rt.events.received(this, e.payload);
                    return Optional.of(e.payload);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return Optional.empty();
            waiter = Thread.currentThread();
            try {
                if (tryPark()) {
                    LockSupport.parkNanos(this, left);
                    // Leave PARKED ourselves if nobody woke us; a sender that did replaced it already.
                    casInbound(PARKED, null);
                }
            } finally {
                waiter = null;
                setStatus(S_WAITING);
            }
        }
    }

    /** Drains signals and messages; throws if the inbox has exited. */
    private void checkAlive() {
        if (exitReason == null) {
            drainInbound();
            if (pendingExit != null) {
                exitReason = pendingExit;
                terminate(pendingExit, null);
            }
        }
        if (exitReason != null) throw new ExitException(exitReason);
    }

    @Override
    public synchronized void send(Pid to, Object message) {
        super.send(to, message);
    }

    @Override
    public synchronized void send(String name, Object message) {
        super.send(name, message);
    }

    @Override
    public synchronized void link(Pid other) {
        checkAlive();
        super.link(other);
    }

    @Override
    public synchronized void unlink(Pid other) {
        super.unlink(other);
    }

    @Override
    public synchronized Ref monitor(Pid target) {
        checkAlive();
        return super.monitor(target);
    }

    @Override
    public synchronized boolean demonitor(Ref ref, boolean flush) {
        if (flush) drainInbound();
        return super.demonitor(ref, flush);
    }

    @Override
    public synchronized void exit(Pid target, Object reason) {
        super.exit(target, reason);
    }

    @Override
    public synchronized boolean trapExit(boolean on) {
        return super.trapExit(on);
    }

    @Override
    public synchronized List<Object> peek(int limit) {
        if (exitReason == null) drainInbound();
        return peekMessages(limit);
    }

    @Override
    public boolean isAlive() {
        return rt.lookup(pid) != null;
    }

    @Override
    public synchronized void close() {
        if (exitReason != null) return;
        exitReason = Atom.NORMAL;
        terminate(Atom.NORMAL, null);
    }

    @Override
    public String toString() {
        return "Inbox" + pid;
    }
}
