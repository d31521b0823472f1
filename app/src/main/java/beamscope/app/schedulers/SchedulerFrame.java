package beamscope.app.schedulers;

import beamscope.runtime.NodeSnapshot;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import beamscope.runtime.SchedulerSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One sample for the schedulers view, built off the FX thread: the node snapshot, the memory estimate
 * (sum of the processes' memory) and names for the processes running now
 * (and, while the node is slowed or paused, for those each scheduler ran last).
 */
public record SchedulerFrame(NodeSnapshot snapshot, long memory, Map<Pid, String> names) {

    public SchedulerFrame {
        names = Map.copyOf(names);
    }

    /**
     * Builds a frame from a snapshot and a visit of the processes (e.g. {@code node::forEachProcess}),
     * in one pass that keeps nothing per process.
     */
    public static SchedulerFrame from(NodeSnapshot snapshot, Consumer<Consumer<ProcessSummary>> processes) {
        Set<Pid> running = new HashSet<>();
        for (SchedulerSnapshot s : snapshot.schedulers()) {
            if (s.running() != null) running.add(s.running());
            if (s.lastSlice() != null) running.add(s.lastSlice().pid()); // slowed or paused: what it ran last
        }
        for (SchedulerSnapshot s : snapshot.dirtySchedulers()) if (s.running() != null) running.add(s.running());
        Map<Pid, String> names = new HashMap<>();
        long[] memory = {0};
        processes.accept(p -> {
            memory[0] += p.memory();
            if (running.contains(p.pid())) names.put(p.pid(), nameOf(p.registeredName(), p.initialCall()));
        });
        return new SchedulerFrame(snapshot, memory[0], names);
    }

    /** How a lane names the process it runs: its registered name, else its initial call. */
    public static String nameOf(String registeredName, String initialCall) {
        if (registeredName != null) return registeredName;
        if (initialCall != null && !initialCall.isBlank()) return initialCall;
        return "process";
    }

    /** Slices dispatched by all schedulers so far; -1 when the node does not count them (a real BEAM node). */
    public long contextSwitches() {
        long n = 0;
        for (SchedulerSnapshot s : snapshot.schedulers()) {
            if (s.contextSwitches() < 0) return -1;
            n += s.contextSwitches();
        }
        return n;
    }
}
