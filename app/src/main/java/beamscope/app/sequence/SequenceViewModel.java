package beamscope.app.sequence;

import beamscope.app.observe.Observed;
import beamscope.runtime.Event;
import beamscope.runtime.EventFilter;
import beamscope.runtime.EventSubscription;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.Terms;
import beamscope.runtime.otp.ChildView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The Sequence tab's state: the processes chosen ({@link #add}, {@link #show}), the {@link SequenceModel}
 * fed from a node subscription limited to them and the supervisors that restart them (with
 * {@code set_on_spawn}, so a restarted child is followed from its spawn, before the diagram moves its
 * lifeline to it and subscribes again), and the
 * "follow newest" switch. Lives on the FX thread: {@link #poll()} moves at most {@link #PER_POLL} events
 * a pulse into the model without waiting; reading who a process is (its child id, its links) happens on
 * the background executor, and so does (re)subscribing.
 */
public final class SequenceViewModel {
    /** Events taken per pulse: the FX work per pulse has a ceiling, whatever the message rate. */
    public static final int PER_POLL = 4_000;
    static final int BUFFER = 50_000;
    @SuppressWarnings("unchecked")
    static final EventFilter KINDS = EventFilter.kinds(Event.Spawn.class, Event.Exit.class, Event.Link.class,
            Event.Unlink.class, Event.Down.class, Event.Send.class, Event.Receive.class, Event.Report.class);

    private final Observed node;
    private final Executor background, fx;
    private final SequenceModel model;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final List<Event> batch = new ArrayList<>(), held = new ArrayList<>();
    /** How long the newest events wait for a receive stamped before them. */
    static final long HOLD_NANOS = 3_000_000;
    private EventSubscription subscription;
    private Set<Pid> subscribedFor = Set.of();
    private boolean subscribing;
    /** Events the previous subscription already gave, which the next one may give again. */
    private Set<Event> overlap = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Event> drainedWhileSubscribing = new ArrayList<>();
    private long dropped;
    private int pendingLookups;
    /** The next subscription starts with the events the node already kept (a recording's past up to the moment shown). */
    private boolean fromStart = true;
    /** {@link Observed#rewinds()} when last drawn: a recording moved back is drawn again up to its new moment. */
    private long rewinds;

    public SequenceViewModel(Observed node, Executor background, Executor fx) {
        this(node, background, fx, new SequenceModel());
    }

    SequenceViewModel(Observed node, Executor background, Executor fx, SequenceModel model) {
        this.node = node;
        this.background = background;
        this.fx = fx;
        this.model = model;
        this.rewinds = node.rewinds();
    }

    public SequenceModel model() { return model; }

    /** Keep the newest step in view while the view is at the bottom. */
    public BooleanProperty followProperty() { return follow; }

    /** What the tab says under its toolbar: how many lifelines and steps, and events lost to a full buffer. */
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Draws these processes from now on, instead of those before. */
    public void show(List<Pid> pids) {
        clear();
        add(pids);
    }

    /** Adds lifelines for these processes (the ones already on the diagram stay). */
    public void add(List<Pid> pids) {
        List<Pid> todo = pids.stream().filter(p -> p != null).distinct().toList();
        if (todo.isEmpty()) return;
        pendingLookups++;
        background.execute(() -> {
            List<Who> found = new ArrayList<>();
            for (Pid p : todo) found.add(who(p));
            fx.execute(() -> {
                pendingLookups--;
                for (Who w : found) {
                    model.add(w.pid, w.key, w.label);
                    for (Pid l : w.links) model.linked(w.pid, l);
                }
                resubscribe();
                describe();
            });
        });
    }

    /**
     * Draws these lifelines (another window's, or this one's before the moment shown moved back): a lifeline that
     * follows a supervised child follows the child running under that id at the node's moment, or the same pid.
     */
    public void follow(List<Lane> lanes) {
        if (lanes.isEmpty()) return;
        List<Lane> todo = List.copyOf(lanes);
        pendingLookups++;
        background.execute(() -> {
            List<Who> found = new ArrayList<>();
            for (Lane l : todo) {
                Pid pid = l.key() == null ? l.pid() : childUnder(l.key()).orElse(l.pid());
                Who w = who(pid);
                found.add(new Who(pid, l.key() != null ? l.key() : w.key, l.label(), w.links));
            }
            fx.execute(() -> {
                pendingLookups--;
                for (Who w : found) {
                    model.add(w.pid, w.key, w.label);
                    for (Pid l : w.links) model.linked(w.pid, l);
                }
                resubscribe();
                describe();
            });
        });
    }

    private Optional<Pid> childUnder(ChildKey key) {
        try {
            return node.supervisor(key.supervisor()).flatMap(v -> v.children().stream()
                    .filter(c -> java.util.Objects.equals(c.id(), key.id())).findFirst()).flatMap(ChildView::pid);
        } catch (RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Whether lookups for processes just added are still under way. */
    public boolean busy() {
        return pendingLookups > 0 || subscribing;
    }

    /** Forgets every lifeline and stops listening. */
    public void clear() {
        model.clear();
        fromStart = true;
        overlap.clear();
        drainedWhileSubscribing.clear();
        held.clear();
        if (subscription != null) subscription.close();
        subscription = null;
        subscribedFor = Set.of();
        describe();
    }

    /** Who a process is on the diagram: its label, the child id it restarts under, its links. */
    private record Who(Pid pid, ChildKey key, String label, List<Pid> links) {}

    private Who who(Pid pid) {
        try {
            Optional<ProcessInfo> info = node.info(pid, 0);
            if (info.isEmpty()) return new Who(pid, null, null, List.of());
            ProcessInfo i = info.get();
            ChildKey key = null;
            String label = i.registeredName().orElse(null);
            if (i.parent().isPresent()) {
                Pid parent = i.parent().get();
                var sup = node.supervisor(parent);
                if (sup.isPresent()) {
                    for (ChildView c : sup.get().children()) {
                        if (c.pid().filter(pid::equals).isPresent()) {
                            key = new ChildKey(parent, c.id());
                            if (label == null) label = Terms.inspect(c.id(), 40);
                        }
                    }
                }
            }
            return new Who(pid, key, label, i.links() == null ? List.of() : i.links());
        } catch (RuntimeException e) {   // a node that went away: the pid alone still makes a lifeline
            return new Who(pid, null, null, List.of());
        }
    }

    /** Moves what arrived into the model; true when the diagram changed. FX thread, never waits. */
    public boolean poll() {
        long r = node.rewinds();
        if (r != rewinds && !busy()) { // the recording shown moved back: the diagram again, up to the new moment
            rewinds = r;
            List<Lane> kept = List.copyOf(model.lanes());
            clear();
            follow(kept);
            return true;
        }
        long before = model.changes();
        if (subscription != null) {
            batch.clear();
            int n = subscription.drainTo(batch, PER_POLL);
            if (subscribing) drainedWhileSubscribing.addAll(batch);   // the next subscription may have them too
            if (!overlap.isEmpty()) batch.removeIf(overlap::remove);
            if (n < PER_POLL) overlap.clear();
            feed(n == 0);
            if (subscription.dropped() != dropped) {
                dropped = subscription.dropped();
                describe();
            }
        }
        if (!model.watched().equals(subscribedFor)) resubscribe();   // a restart brought a new pid
        boolean changed = model.changes() != before;
        if (changed) describe();
        return changed;
    }

    /**
     * Passes the events drained so far to the model in the order they happened ({@link Event#nanos()}):
     * a receive is offered after what its handler sent, but stamped before. The newest few milliseconds wait
     * for the next pulse, in case a receive stamped earlier is still on its way; all go when nothing new came.
     */
    private void feed(boolean all) {
        held.addAll(batch);
        if (held.isEmpty()) return;
        held.sort(java.util.Comparator.comparingLong(Event::nanos));
        long upTo = all ? Long.MAX_VALUE : held.get(held.size() - 1).nanos() - HOLD_NANOS;
        int i = 0;
        while (i < held.size() && held.get(i).nanos() <= upTo) model.accept(held.get(i++));
        held.subList(0, i).clear();
    }

    private void resubscribe() {
        Set<Pid> want = model.watched();
        if (subscribing || want.equals(subscribedFor)) return;
        subscribing = true;
        boolean history = fromStart && !want.isEmpty();
        if (history) fromStart = false;
        background.execute(() -> {
            EventFilter filter = KINDS.withPids(want).withSetOnSpawn();
            EventSubscription s = want.isEmpty() ? null : history ? node.subscribeFromStart(filter, BUFFER) : node.subscribe(filter, BUFFER);
            fx.execute(() -> {
                subscribing = false;
                EventSubscription old = subscription;
                if (old != null) {
                    old.close();
                    List<Event> rest = new ArrayList<>();
                    old.drainTo(rest, Integer.MAX_VALUE);
                    batch.clear();
                    batch.addAll(rest);
                    feed(true);
                    overlap = Collections.newSetFromMap(new IdentityHashMap<>());
                    overlap.addAll(drainedWhileSubscribing);
                    overlap.addAll(rest);
                }
                drainedWhileSubscribing.clear();
                subscription = s;
                subscribedFor = want;
                dropped = 0;
                if (!model.watched().equals(subscribedFor)) resubscribe();
            });
        });
    }

    private void describe() {
        int lanes = model.lanes().size();
        status.set(lanes == 0
                ? "Choose processes: \"Add to sequence diagram\" in the menu of a box in the tree or a row in the table."
                : String.format(java.util.Locale.ROOT, "%d lifelines · %,d steps (the last %,d kept)%s", lanes,
                        model.end(), model.capacity(),
                        dropped == 0 ? "" : String.format(java.util.Locale.ROOT, " · %,d events missed (buffer full)", dropped)));
    }

    /** Closes the subscription. */
    public void close() {
        if (subscription != null) subscription.close();
        subscription = null;
    }
}
