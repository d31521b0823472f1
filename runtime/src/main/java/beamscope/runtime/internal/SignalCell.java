package beamscope.runtime.internal;

import beamscope.runtime.Atom;
import beamscope.runtime.Behavior;
import beamscope.runtime.ErlangError;
import beamscope.runtime.Event;
import beamscope.runtime.ExitException;
import beamscope.runtime.MaxHeap;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessContext;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A process's identity and the signals it handles: exit signals (trap exits, kill), links, monitors,
 * suspend/resume, priority, and the signal part of its exit. The second link of the process's class
 * chain ({@code Mailbox <- SignalCell <- ProcessCell}, one object per process): {@link ProcessCell}
 * adds the behaviour, the run loop and the rest of the {@link ProcessContext}.
 *
 * <h2>Signal order</h2>
 * Signals travel in the mailbox with the messages ({@link Mailbox}) and take effect when the owner
 * drains them ({@link #handleSignal}), in arrival order: so a signal never overtakes a message sent
 * before it by the same sender, and an exit signal or DOWN this process sends at exit comes after
 * everything it sent earlier (A21, A30). An exit decided while handling signals is kept in
 * {@code pendingExit}; the owner ends the process at its next check. The one exception to "the owner
 * handles it" is an untrappable kill to a parked process: its sender ends PARKED, so it is the owner,
 * and ends the process on the spot ({@link #deliverKill}; while the node is paused it queues it instead).
 * Links, unlinks, monitors and demonitors to a parked process are likewise applied by their sender, who
 * then parks the process again ({@link #deliverInPlace}): they change only the link and monitor sets.
 *
 * <h2>What other threads may read</h2>
 * Everything here belongs to the owner except: {@code pid}, {@code rt}, {@code lineage} and
 * {@code initialCall} (final); {@code status} (the owner writes it opaque, {@link #status()} reads it
 * opaque; a plain read is safe only under the cell's monitor, which {@link NodeRuntime#release} holds
 * while it sets EXITING); {@code priority} and {@code trapExit} (single-byte fields the owner writes
 * plainly: {@link #priorityObserved()} and {@link #trapExitObserved()} read them opaque, a recent value,
 * never a torn one; a new owner, such as a waker pushing the process onto a run queue, reads
 * {@code priority} plainly after the hand-off that made it the owner); {@code extras} (volatile) and in
 * it the name, the dictionary (an immutable map, copy on write) and the links and monitors through
 * {@link OwnedSet#snapshot()} and {@link OwnedSet#sizeObserved()} (weakly consistent views; the owner
 * changes these sets in place).
 */
abstract class SignalCell extends Mailbox implements ProcessContext {

    static final byte S_RUNNABLE = 0, S_RUNNING = 1, S_WAITING = 2, S_EXITING = 3, S_SUSPENDED = 4;

    final NodeRuntime rt;
    final Pid pid;
    final Lineage lineage;
    final String initialCall;
    byte status;
    byte priority;
    boolean trapExit;
    boolean suspended;
    /** Suspends not yet resumed; {@code suspended == suspends > 0}. */
    int suspends;
    volatile Extras extras;
    /** The exit reason decided while handling signals; the process terminates at its next check. */
    Object pendingExit;

    SignalCell(NodeRuntime rt, Pid pid, Lineage lineage, String initialCall, Priority priority) {
        this.rt = rt;
        this.pid = pid;
        this.lineage = lineage;
        this.initialCall = initialCall;
        this.priority = (byte) priority.ordinal();
    }

    /** The caller took the process out of PARKED with a kill: it handles the signals there. */
    abstract void ownedAfterWake();

    /** Counts {@code reds} reductions against the process and the scheduler running it. */
    abstract void charge(int reds);

    /** Ends the process (owner): see {@link ProcessCell#terminate}. */
    abstract void terminate(Object reason, Throwable crash);

    // ---------------------------------------------------------------- delivery (any thread)

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

    /**
     * Delivers a link, unlink, monitor or demonitor signal. To a process parked in receive it is applied
     * in place: these four only change the process's link and monitor sets, never its mailbox or what it
     * runs next, so scheduling the process just to record them (a wake-up and a slice per monitor) is
     * wasted. Exit signals never come here: a process handles its exits itself (a kill excepted, see
     * {@link #deliverKill}).
     *
     * <p>Protocol: the sender whose push replaced PARKED owns the process (see {@link Mailbox}). If its
     * envelope is still the only one stacked, it takes it back (CAS envelope -> null), handles the signal
     * as the owner would ({@link #handleSignal}, same order: nothing arrived before it), and parks the
     * process again (CAS null -> PARKED). If anything else arrived in between, either CAS fails and the
     * sender wakes the process instead, which then handles everything in arrival order itself. The CASes
     * give the happens-before edges: the previous owner's writes (released by its park CAS) are seen
     * here, and these writes are seen by the next owner (released by the re-park CAS). While the node is
     * paused, or for an inbox (driven by its own thread), the process is woken as for any signal.
     * Returns false if the process has exited.
     */
    final boolean deliverInPlace(Signal s) {
        if (limit != null || this instanceof InboxCell) return deliver(s);
        Envelope e = new Envelope(s);
        Envelope h = push(e);
        if (h == DEAD) return false;
        if (h != PARKED) return true;
        if (rt.gate.paused || !casInbound(e, null)) {
            wake();
            return true;
        }
        handleSignal(s);
        if (!casInbound(null, PARKED)) wake(); // something arrived meanwhile: the process handles it
        return true;
    }

    // ---------------------------------------------------------------- handling (owner)

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
                    appendSignalled(Tuple.of(Atom.DOWN, d.ref(), Atom.PROCESS, d.object(), d.reason()));
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
            if (trapExit) appendSignalled(Tuple.of(Atom.EXIT, x.from(), reason));
            else if (!Atom.NORMAL.equals(reason)) pendingExit = reason;
        } else if (Atom.KILL.equals(reason)) {
            pendingExit = Atom.KILLED; // A6: untrappable, becomes killed
        } else if (trapExit) {
            appendSignalled(Tuple.of(Atom.EXIT, x.from(), reason));
        } else if (!Atom.NORMAL.equals(reason)) {
            pendingExit = reason;
        }
    }

    /**
     * The signal part of an exit (A21, A30): closes the mailbox, answers the links and monitors that
     * were still on the way to it (noproc), then sends every link an exit signal and every monitor a
     * DOWN, each after everything this process sent earlier to the same receiver.
     */
    final void exitSignals(Object reason) {
        Envelope h = closeInbound(); // nothing can arrive after this: later senders see DEAD and answer (noproc)
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
            if (x.watches != null) x.watches.forEach(w -> rt.sendInPlace(w.pid(), new Signal.Demonitor(w.ref())));
        }
    }

    // ---------------------------------------------------------------- ProcessContext: signals (owner)

    @Override
    public final Pid self() {
        return pid;
    }

    @Override
    public void link(Pid other) {
        charge(1);
        if (other.equals(pid)) return;
        if (extras != null && extras.links != null && extras.links.contains(other)) return;
        if (!rt.sendInPlace(other, new Signal.Link(pid))) {
            if (trapExit) appendSignalled(Tuple.of(Atom.EXIT, other, Atom.NOPROC));
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
        rt.sendInPlace(other, new Signal.Unlink(pid));
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
        if (target == null || !rt.sendInPlace(target, new Signal.Monitor(ref, pid, object))) {
            appendSignalled(Tuple.of(Atom.DOWN, ref, Atom.PROCESS, object, Atom.NOPROC));
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
        if (w != null) rt.sendInPlace(w.pid(), new Signal.Demonitor(ref));
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
                appendSignalled(Tuple.of(Atom.EXIT, pid, reason));
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
    public Priority priority(Priority p) {
        Priority old = priority();
        priority = (byte) p.ordinal();
        return old;
    }

    @Override
    public Priority priority() {
        return Priority.ofOrdinal(priority);
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

    final Priority priorityObserved() {
        return Priority.ofOrdinal((byte) PRIORITY.getOpaque(this));
    }

    final boolean trapExitObserved() {
        return (boolean) TRAP_EXIT.getOpaque(this);
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

    // ---------------------------------------------------------------- extras (owner, fields as Extras says)

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

    /**
     * Appends a message this process made from a signal (an EXIT, a DOWN). While someone traces it carries the
     * clock now, as a send carries its stamp: the signal's cause was stamped before the signal was sent, so the
     * receive sorts after it even when it is handled in a slice that began before the signal came (that slice's
     * clock is as old as the slice). No clock read when nobody traces.
     */
    private void appendSignalled(Object message) {
        appendLocal(rt.events.tracing() ? new Envelope.Stamped(message, rt.clock.nanoTime()) : new Envelope(message));
    }

    private static final VarHandle STATUS, PRIORITY, TRAP_EXIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(SignalCell.class, "status", byte.class);
            PRIORITY = l.findVarHandle(SignalCell.class, "priority", byte.class);
            TRAP_EXIT = l.findVarHandle(SignalCell.class, "trapExit", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
