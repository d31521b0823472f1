package beamscope.app.charts;

import java.util.ArrayList;
import java.util.List;

/** The load charts, as Erlang's observer draws them: what each plots, series by series. */
public enum LoadChart {
    PROCESSES("Processes", "processes"),
    MEMORY("Memory", "bytes"),
    MESSAGES("Messages sent", "per second"),
    REDUCTIONS("Reductions", "per second"),
    RUN_QUEUES("Run queue per scheduler", "processes waiting"),
    UTILISATION("Scheduler utilisation", "% busy");

    private final String title, unit;

    LoadChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public String title() { return title; }

    public String unit() { return unit; }

    /** The file name stem exports suggest ({@code run-queues}). */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The series this chart draws for a node with {@code schedulers} schedulers. */
    public List<String> series(int schedulers) {
        return switch (this) {
            case PROCESSES -> List.of("processes");
            case MEMORY -> List.of("JVM heap used", "JVM heap committed", "processes (runtime's estimate)");
            case MESSAGES -> List.of("messages/s");
            case REDUCTIONS -> List.of("reductions/s");
            case RUN_QUEUES, UTILISATION -> {
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= schedulers; i++) names.add("scheduler " + i);
                yield names;
            }
        };
    }

    /** Series {@code i}'s value in {@code s}, or NaN where the sample has none. */
    public double value(LoadSample s, int i) {
        return switch (this) {
            case PROCESSES -> s.processes();
            case MEMORY -> switch (i) {
                case 0 -> s.heapUsed();
                case 1 -> s.heapCommitted();
                default -> s.processMemory() < 0 ? Double.NaN : s.processMemory();
            };
            case MESSAGES -> s.messagesPerSecond();
            case REDUCTIONS -> s.reductionsPerSecond();
            case RUN_QUEUES -> i < s.runQueues().size() ? s.runQueues().get(i) : Double.NaN;
            case UTILISATION -> i < s.utilisation().size() ? 100 * s.utilisation().get(i) : Double.NaN;
        };
    }
}
