package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.ErlangError;
import beamscope.runtime.Event;
import beamscope.runtime.ExitException;
import beamscope.runtime.MaxHeap;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessStatus;
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
 * A process: a behaviour, a mailbox ({@link Mailbox}), its links and monitors.
 *
 * <p>Everything in this class belongs to the owner (see {@link Mailbox} for who the owner is). Observers
 * on other threads read only the fields published with opaque/release writes ({@code status},
 * {@code reductions}, the mailbox as {@link Mailbox} says), and in {@link Extras} the name, the
 * dictionary (an immutable map) and the links and monitors through {@link OwnedSet#snapshot()} and
 * {@link OwnedSet#sizeObserved()} (weakly consistent views; the owner changes these sets in place).
 */
public class ProcessCell extends Mailbox implements ProcessContext {

    static final byte S_RUNNABLE = 0, S_RUNNING = 1, S_WAITING = 2, S_EXITING = 3, S_SUSPENDED = 4;

    final NodeRuntime rt;
    final Pid pid;
    Behavior behavior;
    byte status;
    byte priority;
    /** For the shared normal/low queue: turns left before a low process may run (RESCHEDULE_LOW). */
    byte scheduleCount;
    boolean trapExit;
    boolean suspended;
    /** Suspends not yet resumed; {@code suspended == suspends > 0}. */
    int suspends;
    int schedulerIndex;
    long reductions;

    /** When the current receive gives up (clock nanos), or {@link Long#MAX_VALUE} for no timeout. */
    long receiveDeadline = Long.MAX_VALUE;
    TimerService.Timer receiveTimer;

    final Lineage lineage;
    final String initialCall;
    volatile Extras extras;
    /** The exit reason decided while handling signals; the process terminates at its next check. */
    Object pendingExit;
    Scheduler runningOn;

    ProcessCell(NodeRuntime rt, Pid pid, Behavior behavior, Lineage lineage, String initialCall, Priority priority) {
        this.rt = rt;
        this.pid = pid;
        this.behavior = behavior;
        this.lineage = lineage;
        this.initialCall = initialCall;
        this.priority = (byte) priority.ordinal();
    }

    // ---------------------------------------------------------------- signals (any thread)

    /**
     * The mailbox passed its limit: the one caller that trips it reports ({@code error_logger}) and kills
     * ({@code kill}), as OTP does when a process reaches its {@code max_heap_size}.
     */
    @Override
    final void exceeded(MailboxLimit l, long queued, long bytes) {
        if (!l.trip()) return;
        MaxHeap max = l.max;
        if (max.report()) {
            rt.events.systemMonitor(pid, Event.MAX_HEAP_SIZE, List.of(
                    Tuple.of(Atom.of("message_queue_len"), queued), Tuple.of(Atom.of("messages_limit"), max.messages()),
                    Tuple.of(Atom.of("bytes"), bytes), Tuple.of(Atom.of("bytes_limit"), max.bytes()),
                    Tuple.of(Atom.of("kill"), max.kill())));
            if (NodeRuntime.LOG.isLoggable(System.Logger.Level.ERROR)) {
                NodeRuntime.LOG.log(System.Logger.Level.ERROR, "Process " + pid + " (" + initialCall
                        + ") reached its maximum mailbox size: " + queued + " messages queued"
                        + (max.messages() > 0 ? " (limit " + max.messages() + ")" : "")
                        + (max.bytes() > 0 ? ", " + bytes + " estimated bytes (limit " + max.bytes() + ")" : "")
                        + (max.kill() ? "; killed" : "; not killed"));
            }
        }
        if (max.kill()) deliverKill(new Signal.Exit(pid, Atom.KILL, false));
    }

    /**
     * Delivers an untrappable {@code kill}. If the process was parked, the caller now owns it and ends
     * it on the spot, instead of queueing it on a scheduler only for it to die: the process handles its
     * signals in arrival order, exactly as it would on its scheduler, and exits {@code killed}.
     */
    final void deliverKill(Signal.Exit kill) {
        if (push(new Envelope(kill)) == PARKED) {
            if (rt.gate.paused) wake(); // paused: it dies when its scheduler lets it run
            else ownedAfterWake();
        }
    }

    /** In a receive with no message left to look at (after draining the inbound stack): it can only wait. */
    private boolean waitsWithNothingToRead() {
        return behavior instanceof Behavior.Receive && !suspended && (scanPrev == null ? first : scanPrev.next) == null
                && receiveDeadline == Long.MAX_VALUE;
    }

    /** The caller took the process out of PARKED with a kill: handle the signals here. */
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


    @Override
    final void handleSignal(Signal s) {
        switch (s) {
            case Signal.Exit x -> onExitSignal(x);
            case Signal.Link l -> {
                if (!l.from().equals(pid)) extras().links().add(l.from());
            }
            case Signal.Unlink u -> {
                if (extras != null && extras.links != null) extras.links.remove(u.from());
            }
            case Signal.Monitor m -> extras().watchers().add(new Watch(m.ref(), m.watcher(), m.object()));
            case Signal.Demonitor d -> {
                if (extras != null && extras.watchers != null) extras.watchers.remove(d.ref());
            }
            case Signal.Down d -> {
                if (extras != null && extras.watches != null && extras.watches.remove(d.ref()) != null) {
                    appendLocal(Tuple.of(Atom.DOWN, d.ref(), Atom.PROCESS, d.object(), d.reason()));
                    rt.events.down(this, d);
                }
            }
            case Signal.Wake w -> { }
            case Signal.Suspend x -> suspended = ++suspends > 0; // counted, as erlang:suspend_process/1
            case Signal.Resume x -> {
                if (suspends > 0) suspended = --suspends > 0; // a resume with no suspend left is ignored
            }
            case Signal.SetPriority p -> priority = (byte) p.priority().ordinal();
            case Signal.SetTrapExit t -> trapExit = t.on();
            case Signal.LinkRequest l -> {
                try {
                    if (l.on()) link(l.other());
                    else unlink(l.other());
                } catch (ErlangError e) { // link/1 to a dead pid without trapping exits: noproc (A18)
                    if (pendingExit == null) pendingExit = Tuple.of(e.reason(), List.of());
                }
            }
            case Signal.MonitorRequest m -> monitor(m.target());
        }
    }

    private void onExitSignal(Signal.Exit x) {
        if (pendingExit != null) return;
        Object reason = x.reason();
        if (x.viaLink()) {
            // A16: a link that was removed before delivery drops the signal.
            if (extras == null || extras.links == null || extras.links.remove(x.from()) == null) return;
            if (trapExit) appendLocal(Tuple.of(Atom.EXIT, x.from(), reason));
            else if (!Atom.NORMAL.equals(reason)) pendingExit = reason;
        } else if (Atom.KILL.equals(reason)) {
            pendingExit = Atom.KILLED; // A6: untrappable, becomes killed
        } else if (trapExit) {
            appendLocal(Tuple.of(Atom.EXIT, x.from(), reason));
        } else if (!Atom.NORMAL.equals(reason)) {
            pendingExit = reason;
        }
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
                            Behavior next = r.handler().apply(this, e.payload);
                            if (next instanceof Behavior.Unhandled) {
                                if (e.depth >= 0) scanPrev = e;
                                continue;
                            }
                            removeLocal(prev, e);
                            rt.events.received(this, e.payload);
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
    final void terminate(Object reason, Throwable crash) {
        setStatus(S_EXITING);
        clearReceiveTimer();
        boolean counted = rt.release(this, reason);
        // Nothing can arrive after this: later senders see DEAD and answer for us (noproc).
        Envelope h = closeInbound();
        Extras x = extras;
        if (h != null && h != PARKED) {
            for (Envelope e = h; e != null; e = e.next) {
                if (e.payload instanceof Signal.Unlink u && x != null && x.links != null) x.links.remove(u.from());
            }
            for (Envelope e = h; e != null; e = e.next) {
                switch (e.payload) {
                    case Signal.Link l -> rt.answerDeadLink(pid, l.from());
                    case Signal.Monitor m -> rt.answerDeadMonitor(pid, m);
                    case Signal.Demonitor d -> { if (x != null && x.watchers != null) x.watchers.remove(d.ref()); }
                    default -> { }
                }
            }
        }
        if (x != null) {
            if (x.links != null) x.links.forEach(linked -> rt.sendSignal(linked, new Signal.Exit(pid, reason, true)));
            if (x.watchers != null) x.watchers.forEach(w -> rt.sendSignal(w.pid(), new Signal.Down(w.ref(), w.object(), reason)));
            if (x.watches != null) x.watches.forEach(w -> rt.sendSignal(w.pid(), new Signal.Demonitor(w.ref())));
        }
        clearLocal();
        rt.exited(this, reason, crash, counted);
    }

    // ---------------------------------------------------------------- ProcessContext (owner)

    @Override
    public final Pid self() {
        return pid;
    }

    @Override
    public final Node node() {
        return rt.node;
    }

    private void charge(int reds) {
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
        return new Spawned(child.pid, ref);
    }

    @Override
    public void link(Pid other) {
        charge(1);
        if (other.equals(pid)) return;
        if (extras != null && extras.links != null && extras.links.contains(other)) return;
        if (!rt.sendSignal(other, new Signal.Link(pid))) {
            if (trapExit) appendLocal(Tuple.of(Atom.EXIT, other, Atom.NOPROC));
            else throw new ErlangError(Atom.NOPROC, "link to " + other + ", which is not alive");
            return;
        }
        extras().links().add(other);
        rt.events.linked(this, other, true);
    }

    @Override
    public void unlink(Pid other) {
        charge(1);
        if (extras == null || extras.links == null || extras.links.remove(other) == null) return;
        rt.sendSignal(other, new Signal.Unlink(pid));
        rt.events.linked(this, other, false);
    }

    @Override
    public Ref monitor(Pid target) {
        return monitorObject(target, target);
    }

    @Override
    public Ref monitor(String name) {
        ProcessCell t = rt.whereisCell(name);
        Object object = Tuple.of(Atom.of(name), Atom.of(rt.config.name()));
        return monitorObject(t == null ? null : t.pid, object);
    }

    final Ref monitorObject(Pid target, Object object) {
        charge(1);
        Ref ref = rt.makeRef();
        if (target == null || !rt.sendSignal(target, new Signal.Monitor(ref, pid, object))) {
            appendLocal(Tuple.of(Atom.DOWN, ref, Atom.PROCESS, object, Atom.NOPROC));
            return ref;
        }
        extras().watches().add(new Watch(ref, target, object));
        rt.events.monitored(this, target, ref);
        return ref;
    }

    @Override
    public boolean demonitor(Ref ref) {
        demonitor(ref, false);
        return true;
    }

    @Override
    public boolean demonitor(Ref ref, boolean flush) {
        Extras x = extras;
        Watch w = x == null || x.watches == null ? null : x.watches.remove(ref);
        if (w == null && x != null && x.watchers != null && x.watchers.contains(ref))
            throw ErlangError.badarg("monitor " + ref + " is owned by another process");
        if (w != null) rt.sendSignal(w.pid(), new Signal.Demonitor(ref));
        if (flush) {
            Envelope prev = null;
            for (Envelope e = first; e != null; prev = e, e = e.next) {
                if (e.payload instanceof Tuple t && t.size() == 5 && Atom.DOWN.equals(t.get(0)) && ref.equals(t.get(1))) {
                    removeLocal(prev, e);
                    break;
                }
            }
        }
        return w != null;
    }

    @Override
    public void exit(Pid target, Object reason) {
        charge(1);
        if (target.equals(pid)) {
            // A9/A10: a self-directed exit/2 that kills the caller does so before returning.
            if (Atom.KILL.equals(reason)) throw new ExitException(Atom.KILLED);
            if (trapExit) {
                appendLocal(Tuple.of(Atom.EXIT, pid, reason));
                return;
            }
            throw new ExitException(reason);
        }
        rt.sendExit(pid, target, reason);
    }

    @Override
    public boolean trapExit(boolean on) {
        boolean old = trapExit;
        trapExit = on;
        return old;
    }

    @Override
    public boolean trapExit() {
        return trapExit;
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
    public Priority priority(Priority p) {
        Priority old = priority();
        priority = (byte) p.ordinal();
        return old;
    }

    @Override
    public Priority priority() {
        return Priority.ofOrdinal(priority);
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

    final ProcessStatus status() {
        byte s = (byte) STATUS.getOpaque(this);
        return switch (s) {
            case S_RUNNING -> ProcessStatus.RUNNING;
            case S_WAITING -> ProcessStatus.WAITING;
            case S_EXITING -> ProcessStatus.EXITING;
            case S_SUSPENDED -> ProcessStatus.SUSPENDED;
            default -> ProcessStatus.RUNNABLE;
        };
    }

    final void setStatus(byte s) {
        STATUS.setOpaque(this, s);
    }

    final long reductionsObserved() {
        return (long) REDUCTIONS.getOpaque(this);
    }

    /** A rough heap footprint: the cell, its pid and behaviour, queued messages, links and monitors. */
    final long memoryEstimate() {
        long m = 160 + 48L * messageQueueLen();
        Extras x = extras;
        if (x != null) m += 64 + 8L * (sizeOf(x.links) + sizeOf(x.watches) + sizeOf(x.watchers));
        return m;
    }

    private static int sizeOf(OwnedSet<?> set) {
        return set == null ? 0 : set.sizeObserved();
    }

    /** The lineage this process's children get; shared by all of them. */
    final Lineage childLineage() {
        Extras x = extras();
        String name = x.name;
        Lineage l = x.childLineage;
        if (l == null || !java.util.Objects.equals(l.name(), name)) x.childLineage = l = new Lineage(pid, name, lineage);
        return l;
    }

    final Extras extras() {
        Extras x = extras;
        if (x == null) extras = x = new Extras();
        return x;
    }

    /**
     * Rarely used per-process state, allocated on first use to keep idle processes small.
     *
     * <p>Links and monitors are {@link OwnedSet}s, created on first use: the process changes them (O(1)
     * per link, unlink, monitor, demonitor, DOWN), observers read them with {@link OwnedSet#snapshot()}
     * after a volatile read of the field (null means none). The dictionary is copy-on-write: observers read
     * a complete, unchanging map.
     */
    static final class Extras {
        volatile String name;
        /** The pids this process is linked to. */
        volatile OwnedSet<Pid> links;
        /** Monitors this process holds on others, by ref. */
        volatile OwnedSet<Watch> watches;
        /** Monitors others hold on this process, by ref. */
        volatile OwnedSet<Watch> watchers;
        Lineage childLineage;
        volatile java.util.Map<Object, Object> dictionary = java.util.Map.of();

        /** Owner only: the links, created on first use. */
        OwnedSet<Pid> links() {
            OwnedSet<Pid> s = links;
            if (s == null) links = s = new OwnedSet<>();
            return s;
        }

        OwnedSet<Watch> watches() {
            OwnedSet<Watch> s = watches;
            if (s == null) watches = s = new OwnedSet<>();
            return s;
        }

        OwnedSet<Watch> watchers() {
            OwnedSet<Watch> s = watchers;
            if (s == null) watchers = s = new OwnedSet<>();
            return s;
        }

        // blocking work (owner only; the dirty scheduler owns the process while it runs the work)
        /** What {@code same()} returns to after the work: the behaviour that started it. */
        Behavior blockingBack;
        boolean blockingDone;
        Object blockingValue;
        Throwable blockingError;
    }

    private static final VarHandle STATUS, REDUCTIONS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(ProcessCell.class, "status", byte.class);
            REDUCTIONS = l.findVarHandle(ProcessCell.class, "reductions", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
