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
 * instead of queueing it on a scheduler.
 *
 * <p>Locks: {@code owner} makes the calling thread the owner of the mailbox for one operation; a
 * receive releases it while parked, so sends, links and monitors from other threads never wait for a
 * receive to time out. {@code receiving} lets one thread receive at a time.
 */
final class InboxCell extends ProcessCell implements Inbox {

    private volatile Thread waiter;
    private Object exitReason;
    private final java.util.concurrent.locks.ReentrantLock owner = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.ReentrantLock receiving = new java.util.concurrent.locks.ReentrantLock();

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
    public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        long deadline = Deadlines.after(System.nanoTime(), Deadlines.nanos(timeout));
        receiving.lock();
        try {
            for (;;) {
                long left;
                owner.lock();
                try {
                    checkAlive();
                    Envelope prev = null;
                    for (Envelope e = first; e != null; prev = e, e = e.next) {
                        if (matcher.test(e.payload)) {
                            removeLocal(prev, e);
                            rt.events.received(this, e);
                            return Optional.of(e.payload);
                        }
                    }
                    left = Deadlines.left(deadline, System.nanoTime());
                    if (left <= 0) return Optional.empty();
                    waiter = Thread.currentThread();
                    if (!tryPark()) continue;
                } finally {
                    owner.unlock();
                }
                try {
                    // Read after publishing waiter (both volatile): close() either sees waiter and unparks
                    // it, or we see stopping here and go round to throw "node closed".
                    if (!rt.stopping) LockSupport.parkNanos(this, left);
                } finally {
                    waiter = null;
                    // Leave PARKED ourselves if nobody woke us; a sender that did replaced it already.
                    casInbound(PARKED, null);
                    setStatus(S_WAITING);
                }
            }
        } finally {
            receiving.unlock();
        }
    }

    /** The node closed: wake a thread waiting in receive (it then throws "node closed"). */
    void nodeClosed() {
        Thread t = waiter;
        if (t != null) LockSupport.unpark(t);
    }

    /** Drains signals and messages; throws if the inbox has exited or its node is closed. */
    private void checkAlive() {
        if (rt.stopping) throw rt.closed();
        if (exitReason == null) {
            drainInbound();
            if (pendingExit != null) {
                exitReason = pendingExit;
                terminate(pendingExit, null);
            }
        }
        if (exitReason != null) throw new ExitException(exitReason);
    }

    /** Runs {@code op} as the mailbox's owner. */
    private <T> T owned(java.util.function.Supplier<T> op) {
        owner.lock();
        try {
            return op.get();
        } finally {
            owner.unlock();
        }
    }

    @Override
    public void send(Pid to, Object message) {
        rt.ensureOpen();
        rt.send(this, to, message); // touches nothing of the inbox
    }

    @Override
    public void send(String name, Object message) {
        rt.ensureOpen();
        ProcessCell t = rt.whereisCell(name);
        if (t == null) throw beamscope.runtime.ErlangError.badarg("no process is registered as " + name);
        rt.send(this, t, message);
    }

    @Override
    public void link(Pid other) {
        owned(() -> {
            checkAlive();
            super.link(other);
            return null;
        });
    }

    @Override
    public void unlink(Pid other) {
        owned(() -> {
            if (rt.stopping) throw rt.closed();
            super.unlink(other);
            return null;
        });
    }

    @Override
    public Ref monitor(Pid target) {
        return owned(() -> {
            checkAlive();
            return super.monitor(target);
        });
    }

    @Override
    public boolean demonitor(Ref ref, boolean flush) {
        return owned(() -> {
            if (rt.stopping) throw rt.closed();
            if (flush) drainInbound();
            return super.demonitor(ref, flush);
        });
    }

    @Override
    public void exit(Pid target, Object reason) {
        owned(() -> {
            if (rt.stopping) throw rt.closed();
            try {
                super.exit(target, reason);
            } catch (ExitException self) { // exit(self(), …) that ends the caller: the inbox exits now
                if (exitReason == null) {
                    exitReason = self.reason();
                    terminate(self.reason(), null);
                }
                throw self;
            }
            return null;
        });
    }

    @Override
    public boolean trapExit(boolean on) {
        return owned(() -> {
            if (rt.stopping) throw rt.closed();
            return super.trapExit(on);
        });
    }

    @Override
    public List<Object> peek(int limit) {
        return owned(() -> {
            if (rt.stopping) throw rt.closed();
            if (exitReason == null) drainInbound();
            return peekMessages(limit);
        });
    }

    @Override
    public boolean isAlive() {
        return rt.lookup(pid) != null;
    }

    @Override
    public void close() {
        if (rt.stopping) return; // the node's close ended it already
        owned(() -> {
            if (exitReason == null) {
                exitReason = Atom.NORMAL;
                terminate(Atom.NORMAL, null);
            }
            return null;
        });
        Thread t = waiter;
        if (t != null) LockSupport.unpark(t);
    }

    @Override
    public String toString() {
        return "Inbox" + pid;
    }
}
