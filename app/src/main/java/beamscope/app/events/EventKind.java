package beamscope.app.events;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;

/** The kinds the event log can be filtered by. */
public enum EventKind {
    SPAWN("spawn"), EXIT("exit"), CRASH("crash"), KILL("kill"), LINK("link"), MONITOR("monitor"),
    NAME("name"), RESTART("restart"), REPORT("report"), ALARM("alarm"), SEND("send"), RECEIVE("receive");

    private final String label;

    EventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A supervisor's progress report for a child started again ({@code restart_count} above zero). */
    static boolean isRestart(Event.Report r) {
        if (!r.kind().name().equals("progress_report") || !(r.details() instanceof java.util.List<?> items)) return false;
        for (Object i : items)
            if (i instanceof beamscope.runtime.Tuple2(Atom k, Number n) && k.name().equals("restart_count")) return n.longValue() > 0;
        return false;
    }

    /** A normal or shutdown exit is an exit, {@code :killed} a kill, anything else a crash. */
    public static EventKind of(Event e) {
        return switch (e) {
            case Event.Spawn s -> SPAWN;
            case Event.Exit x when x.reason() == Atom.KILLED -> KILL;
            case Event.Exit x when x.reason() == Atom.NORMAL || x.reason() == Atom.SHUTDOWN
                    || beamscope.runtime.Tuple.isTagged(x.reason(), Atom.SHUTDOWN) -> EXIT;
            case Event.Exit x -> CRASH;
            case Event.Link l -> LINK;
            case Event.Unlink u -> LINK;
            case Event.Monitor m -> MONITOR;
            case Event.Down d -> MONITOR;
            case Event.Register r -> NAME;
            case Event.Unregister u -> NAME;
            case Event.Report r when isRestart(r) -> RESTART;
            case Event.Report r -> REPORT;
            case Event.SystemMonitor m -> ALARM;
            case Event.Send s -> SEND;
            case Event.Receive r -> RECEIVE;
            default -> REPORT;
        };
    }
}
