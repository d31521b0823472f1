package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.ErlangError;
import beamscope.runtime.ExitException;
import beamscope.runtime.MaxHeap;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.Ref;
import beamscope.runtime.SpawnOptions;
import beamscope.runtime.TimerRef;
import beamscope.runtime.Tuple;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scheduled process: its behaviour, the run loop a scheduler calls ({@link #runSlice}), blocking work,
 * crash survival, and the {@link ProcessContext} its handlers see. The last link of the process's class
 * chain ({@code Mailbox <- SignalCell <- ProcessCell}, one object per process, no interface on the hot
 * calls): {@link Mailbox} queues, {@link SignalCell} handles signals, links, monitors and the exit's
 * signals, this class decides what runs. {@link InboxCell} is the one subclass: a process driven by an
 * outside thread instead of a scheduler.
 *
 * <h2>Run loop</h2>
 * <pre>
 * runSlice(s): drain the inbound stack; exit if an exit is pending; handle one message the current
 *              receive accepts (or one compute/setup step) per reduction until the mailbox has nothing
 *              the receive accepts (park: {@link #tryPark}), the budget is spent (REQUEUE: to the back
 *              of the queue), the process exits (EXITED), or its behaviour is blocking work (DIRTY).
 * tryPark():   status WAITING/SUSPENDED, then CAS null -> PARKED; after success the cell is not ours.
 * </pre>
 * Invariant: only the owner (see {@link Mailbox}) runs the loop or touches the fields below; a handler
 * that throws, anything including Errors, ends only its own process.
 *
 * <h2>What other threads may read</h2>
 * {@code reductions} (the owner publishes it opaque at the end of a slice and before parking;
 * {@link #reductionsObserved()}); {@code behavior}, {@code runningOn} and {@code schedulerIndex}, which
 * the owner writes plainly (one reference or int, never torn): observers read them opaque through
 * {@link #behaviorObserved()}, {@link #runningOnObserved()} and {@link #schedulerIndexObserved()}, a
 * recent value and not necessarily the current one, which is all a sample promises. The fields of
 * {@link SignalCell} and {@link Mailbox} as they say.
 */
class ProcessCell extends SignalCell {

    Behavior behavior;
    /** For the shared normal/low queue: turns left before a low process may run (RESCHEDULE_LOW). */
    byte scheduleCount;
    int schedulerIndex;
    long reductions;

    /** When the current receive gives up (clock nanos), or {@link Long#MAX_VALUE} for no timeout. */
    long receiveDeadline = Long.MAX_VALUE;
    TimerService.Timer receiveTimer;

    Scheduler runningOn;

    ProcessCell(NodeRuntime rt, Pid pid, Behavior behavior, Lineage lineage, String initialCall, Priority priority) {
        super(rt, pid, lineage, initialCall, priority);
        this.behavior = behavior;
    }

    /** In a receive with no message left to look at (after draining the inbound stack): it can only wait. */
    private boolean waitsWithNothingToRead() {
        return behavior instanceof Behavior.Receive && !suspended && (scanPrev == null ? first : scanPrev.next) == null
                && receiveDeadline == Long.MAX_VALUE;
    }

    @Override
    void ownedAfterWake() {
        drainInbound();
        if (pendingExit != null) terminate(pendingExit, null);
        else wake();
    }

    @Override
    void wake() {
        rt.makeRunnable(this);
    }

    /** Owner only: CAS {@code null -> PARKED}. After success the owner must not touch the cell. */
    final boolean tryPark() {
        setStatus(suspended ? S_SUSPENDED : S_WAITING);
        runningOn = null;
        if (casInbound(null, PARKED)) return true;
        setStatus(S_RUNNING);
        return false;
    }


    // ---------------------------------------------------------------- the run loop (owner)

    static final int PARKED_RESULT = 0, REQUEUE = 1, EXITED = 2, DIRTY = 3;

    /**
     * Runs one time slice on {@code s}. Handles messages until the mailbox has nothing the current
     * receive accepts (then parks), the scheduler's reduction budget is spent (then the scheduler puts
     * the process at the back of its queue), the process exits, or its behaviour is blocking work
     * ({@code DIRTY}: the scheduler hands it to a dirty scheduler, its last touch). If the node has
     * closed, the slice ends at the next step (the process is already gone): one volatile read of
     * {@code rt.stopping} a step.
     */
    int runSlice(Scheduler s) {
        runningOn = s;
        setStatus(S_RUNNING);
        boolean handedOff = false;
        try {
            for (;;) {
                // The node closed (a halt): the process is already gone (NodeRuntime.close); a slice that
                // was under way, even one stuck in a handler that has just returned, ends here.
                if (rt.stopping) return EXITED;
                if (hasInbound()) drainInbound();
                if (pendingExit != null) {
                    terminate(pendingExit, null);
                    return EXITED;
                }
                // Out of budget with nothing to do but wait: wait (park) rather than go to the back of the
                // queue as runnable, where a thief could take it away from the partner it just woke.
                if (s.budget <= 0 && !s.graceSpent() && !waitsWithNothingToRead()) {
                    setStatus(S_RUNNABLE);
                    runningOn = null;
                    return REQUEUE;
                }
                if (suspended) {
                    s.budget--; // a flood of arrivals must not keep a suspended process on its scheduler
                    if (tryPark()) return PARKED_RESULT;
                    continue;
                }
                Behavior b = behavior;
                switch (b) {
                    case Behavior.Receive r -> {
                        Envelope prev = scanPrev;
                        Envelope e = prev == null ? first : prev.next;
                        if (e != null) {
                            s.budget--;
                            reductions++;
                            long taken = rt.events.receiving(s, this, e);   // 0 unless someone follows receives
                            takeInHand(); // not counted as queued while its handler runs, as in OTP
                            Behavior next;
                            try {
                                next = r.handler().apply(this, e.payload);
                            } catch (Throwable t) {
                                putBack(); // the process exits; its count stays right for whoever reads it till then
                                throw t;
                            }
                            if (next instanceof Behavior.Unhandled) {
                                putBack();
                                if (e.depth >= 0) scanPrev = e;
                                continue;
                            }
                            handled(prev, e);
                            rt.events.received(s, this, e.payload, taken);
                            become(next, r);
                            continue;
                        }
                        if (receiveDeadline != Long.MAX_VALUE) {
                            long now = rt.clock.nanoTime();
                            if (now >= receiveDeadline) {
                                clearReceiveTimer();
                                s.budget--;
                                reductions++;
                                become(r.onTimeout().apply(this), null);
                                continue;
                            }
                            if (receiveTimer == null) receiveTimer = rt.timers.schedule(receiveDeadline, this, Signal.Wake.INSTANCE);
                        }
                        publishReductions();
                        if (tryPark()) return PARKED_RESULT;
                    }
                    case Behavior.Compute c -> {
                        s.budget--;
                        reductions++;
                        become(c.step().apply(this), c);
                    }
                    case Behavior.Blocking bl -> {
                        s.budget--;
                        reductions++;
                        Extras x = extras();
                        if (!x.blockingDone) { // the scheduler hands it to a dirty one; still RUNNING, there
                            publishReductions();
                            runningOn = null;
                            handedOff = true;
                            return DIRTY;
                        }
                        Behavior back = x.blockingBack;
                        Object value = x.blockingValue;
                        Throwable error = x.blockingError;
                        x.blockingDone = false;
                        x.blockingBack = null;
                        x.blockingValue = null;
                        x.blockingError = null;
                        if (error != null) throw error; // as if the handler had thrown it
                        Behavior next = bl.then().apply(value);
                        if (next instanceof Behavior.Same) {
                            if (!(back instanceof Behavior.Receive || back instanceof Behavior.Compute))
                                throw new ErlangError(Atom.of("bad_behavior"), "same() after blocking work started by " + back);
                            behavior = back;
                            scanPrev = null;
                            enterReceive(back instanceof Behavior.Receive r ? r : null);
                        } else {
                            become(next, back); // more blocking work returns to the same place
                        }
                    }
                    case Behavior.Setup su -> {
                        s.budget--;
                        reductions++;
                        Behavior next = su.step().apply(this);
                        if (next instanceof Behavior.Same || next instanceof Behavior.Unhandled)
                            throw new ErlangError(Atom.of("bad_behavior"), "setup must return a new behaviour, not " + next);
                        become(next, su);
                    }
                    default -> throw new ErlangError(Atom.of("bad_behavior"), String.valueOf(b));
                }
            }
        } catch (Throwable t) { // anything, Errors included (StackOverflowError, OutOfMemoryError): only this process ends
            if (t instanceof OutOfMemoryError) dropState(); // free its heap first, so its exit has memory to run in
            if (!rt.stopping) terminate(exitReasonOf(t), t instanceof ExitException ? null : t); // closed: already gone
            return EXITED;
        } finally {
            if (!handedOff) publishReductions();
        }
    }

    /** The dirty scheduler's last touch before giving the process back: the outcome of its work. */
    final void blockingDone(Object value, Throwable error) {
        Extras x = extras();
        x.blockingValue = value;
        x.blockingError = error;
        x.blockingDone = true;
    }

    private void publishReductions() {
        REDUCTIONS.setOpaque(this, reductions);
    }

    /** Installs what a handler returned; {@code current} is the behaviour that produced it. */
    private void become(Behavior next, Behavior current) {
        switch (next) {
            case null -> throw new ErlangError(Atom.of("bad_behavior"), "a handler returned null");
            case Behavior.Same x -> {
                if (current instanceof Behavior.Receive r) enterReceive(r);
                else if (current == null) enterReceive(behavior instanceof Behavior.Receive r2 ? r2 : null);
            }
            case Behavior.Unhandled x ->
                    throw new ErlangError(Atom.of("bad_behavior"), "unhandled() is only valid from a receive handler");
            case Behavior.Stop st -> pendingExit = st.reason();
            default -> {
                if (next instanceof Behavior.Blocking) extras().blockingBack = current != null ? current : behavior;
                behavior = next;
                scanPrev = null;
                enterReceive(next instanceof Behavior.Receive r ? r : null);
            }
        }
    }

    /** A receive is (re)entered: its {@code after} timer starts now (B4). */
    final void enterReceive(Behavior.Receive r) {
        clearReceiveTimer();
        if (r == null || r.timeout() == null) {
            receiveDeadline = Long.MAX_VALUE;
        } else {
            // saturates: after(INFINITY) is a receive without a timeout (B3's :infinity)
            receiveDeadline = Deadlines.after(rt.clock.nanoTime(), Deadlines.nanos(r.timeout()));
        }
    }

    private void clearReceiveTimer() {
        if (receiveTimer != null) {
            rt.timers.cancel(receiveTimer);
            receiveTimer = null;
        }
    }

    /**
     * The exit reason for what a handler threw (A2): {@code exit/1}'s reason exactly; {@code {reason,
     * stacktrace}} for an {@link ErlangError}; {@code {throwable, stacktrace}} for anything else, Errors
     * included. Never throws: a reason or stack trace that cannot be read (an overridden accessor that
     * throws) falls back to the throwable and an empty stack.
     */
    static Object exitReasonOf(Throwable t) {
        try {
            if (t instanceof ExitException x) return x.reason();
            if (t instanceof ErlangError x) return Tuple.of(x.reason(), stacktrace(t));
        } catch (Throwable unreadable) {
            // fall through: the throwable itself is the reason
        }
        return Tuple.of(t, stacktrace(t));
    }

    /** The handler's frames (up to 12, above the runtime's); empty when the trace cannot be read. */
    static List<String> stacktrace(Throwable t) {
        try {
            StackTraceElement[] st = t.getStackTrace();
            List<String> out = new ArrayList<>(Math.min(st.length, 12));
            for (int i = 0; i < st.length && out.size() < 12; i++) {
                String cls = st[i].getClassName();
                if (cls.startsWith("beamscope.runtime.internal.")) break;
                out.add(st[i].toString());
            }
            return List.copyOf(out);
        } catch (Throwable unreadable) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- exit (owner)

    /**
     * Drops what the process holds (its behaviour, which holds its state, and its local mailbox) before
     * it exits out of memory: as the BEAM frees a dying process's heap, this lets the exit signals and
     * the rest of the node allocate again. Signals still on the inbound stack are kept for the exit.
     */
    private void dropState() {
        behavior = null;
        clearLocal();
    }

    /**
     * Its scheduler's loop failed during this process's slice, outside its handler (see
     * {@link Scheduler#run}): the process ends with {@code {error, stacktrace}}. Returns false when its
     * exit had already begun; it then stays as far as it got.
     */
    final boolean abandon(Throwable t) {
        if (t instanceof OutOfMemoryError) dropState();
        if (status == S_EXITING) return false;
        terminate(exitReasonOf(t), t);
        return true;
    }

    /**
     * Ends the process. Order (A21, A30): the name is released and the pid stops being alive first;
     * then every link gets an exit signal and every monitor a DOWN, each after everything this process
     * sent earlier to the same receiver.
     */
    @Override
    final void terminate(Object reason, Throwable crash) {
        setStatus(S_EXITING);
        clearReceiveTimer();
        boolean counted = rt.release(this, reason);
        exitSignals(reason);
        clearLocal();
        rt.exited(this, reason, crash, counted);
    }

    // ---------------------------------------------------------------- ProcessContext (owner)

    @Override
    public final Node node() {
        return rt.node;
    }

    @Override
    final void charge(int reds) {
        Scheduler s = runningOn;
        if (s != null) s.budget -= reds;
        reductions += reds;
    }

    @Override
    public void send(Pid to, Object message) {
        charge(4);
        rt.send(this, to, message);
    }

    @Override
    public void send(String name, Object message) {
        charge(4);
        ProcessCell t = rt.whereisCell(name);
        if (t == null) throw ErlangError.badarg("no process is registered as " + name);
        rt.send(this, t, message);
    }

    @Override
    public Pid spawn(Behavior behavior) {
        return spawn(behavior, SpawnOptions.defaults());
    }

    @Override
    public Pid spawn(Behavior behavior, SpawnOptions options) {
        charge(10);
        return rt.spawn(behavior, options, this, false, null).pid;
    }

    @Override
    public Pid spawnLink(Behavior behavior) {
        return spawnLink(behavior, SpawnOptions.defaults());
    }

    @Override
    public Pid spawnLink(Behavior behavior, SpawnOptions options) {
        charge(10);
        ProcessCell child = rt.spawn(behavior, options, this, true, null);
        extras().links().add(child.pid);
        rt.events.linked(this, child.pid, true); // as a trace of spawn_link shows: spawn, then link
        return child.pid;
    }

    @Override
    public Spawned spawnMonitor(Behavior behavior) {
        return spawnMonitor(behavior, SpawnOptions.defaults());
    }

    @Override
    public Spawned spawnMonitor(Behavior behavior, SpawnOptions options) {
        charge(10);
        Ref ref = rt.makeRef();
        ProcessCell child = rt.spawn(behavior, options, this, false, ref);
        extras().watches().add(new Watch(ref, child.pid, child.pid));
        rt.events.monitored(this, child.pid, ref);
        return new Spawned(child.pid, ref);
    }

    @Override
    public MaxHeap maxHeap(MaxHeap max) {
        return setLimit(max);
    }

    @Override
    public MaxHeap maxHeap() {
        return limitObserved();
    }

    @Override
    public void register(String name) {
        rt.register(name, this);
    }

    @Override
    public void unregister(String name) {
        rt.unregister(name);
    }

    @Override
    public Optional<Pid> whereis(String name) {
        return rt.whereis(name);
    }

    @Override
    public boolean isAlive(Pid p) {
        return rt.lookup(p) != null;
    }

    @Override
    public TimerRef sendAfter(Pid to, Object message, Duration delay) {
        return rt.sendAfter(to, message, delay);
    }

    @Override
    public TimerRef sendAfter(String name, Object message, Duration delay) {
        return rt.sendAfter(name, message, delay);
    }

    @Override
    public Optional<Duration> cancelTimer(TimerRef timer) {
        return rt.timers.cancelUser(timer.id());
    }

    @Override
    public void work(int reds) {
        if (reds < 0) throw new IllegalArgumentException("negative work");
        charge(reds);
    }

    @Override
    public Object put(Object key, Object value) {
        return updateDictionary(key, value, false);
    }

    @Override
    public Object get(Object key) {
        Extras x = extras;
        return x == null ? null : x.dictionary.get(key);
    }

    @Override
    public Object erase(Object key) {
        Extras x = extras;
        return x == null || !x.dictionary.containsKey(key) ? null : updateDictionary(key, null, true);
    }

    /** Copy on write: observers always read a complete, unchanging map. */
    private Object updateDictionary(Object key, Object value, boolean remove) {
        Extras x = extras();
        java.util.LinkedHashMap<Object, Object> m = new java.util.LinkedHashMap<>(x.dictionary);
        Object old = remove ? m.remove(key) : m.put(key, value);
        x.dictionary = java.util.Collections.unmodifiableMap(m);
        return old;
    }

    @Override
    public Ref makeRef() {
        return rt.makeRef();
    }

    @Override
    public long nanoTime() {
        return rt.clock.nanoTime();
    }

    // ---------------------------------------------------------------- observation (any thread)

    final long reductionsObserved() {
        return (long) REDUCTIONS.getOpaque(this);
    }

    final Behavior behaviorObserved() {
        return (Behavior) BEHAVIOR.getOpaque(this);
    }

    final Scheduler runningOnObserved() {
        return (Scheduler) RUNNING_ON.getOpaque(this);
    }

    final int schedulerIndexObserved() {
        return (int) SCHEDULER_INDEX.getOpaque(this);
    }

    private static final VarHandle REDUCTIONS, BEHAVIOR, RUNNING_ON, SCHEDULER_INDEX;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REDUCTIONS = l.findVarHandle(ProcessCell.class, "reductions", long.class);
            BEHAVIOR = l.findVarHandle(ProcessCell.class, "behavior", Behavior.class);
            RUNNING_ON = l.findVarHandle(ProcessCell.class, "runningOn", Scheduler.class);
            SCHEDULER_INDEX = l.findVarHandle(ProcessCell.class, "schedulerIndex", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
