package beamscope.app.lessons;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Where lessons come from: the five tutorials in the seeds (by their file's number), and the lesson the issue
 * adds beyond them. The Lessons menu holds one submenu per part, titled with its subject. Tutorial 001 has two
 * parts: its 26 lessons in one submenu would run off a 1024×768 screen in presenter mode.
 */
public enum Tutorial {
    DAY_TWO("000", "Day 2: processes, GenServer, supervisors"),
    PROCESSES("001", "Processes: spawn, messages, links, names"),
    PROCESSES_AT_WORK("001", "Processes at work: Task, Agent, GenServer, exercises"),
    GENSERVER_SUPERVISION("002", "GenServers and supervision trees"),
    SECRET_AGENT("003", "Scheduling and the secret agent"),
    STATEFUL_PROCESSES("004", "Stateful processes, links, ping-pong"),
    BEYOND("beyond", "Beyond the tutorials: restart intensity");

    private final String code, subject;

    Tutorial(String code, String subject) {
        this.code = code;
        this.subject = subject;
    }

    /** What {@link Lesson#tutorial()} holds. */
    public String code() { return code; }

    /** The submenu's title: the tutorial's subject in a few words. */
    public String subject() { return subject; }

    /** "from tutorial 002", or "beyond the tutorials". */
    public String from() {
        return this == BEYOND ? "beyond the tutorials" : "from tutorial " + code;
    }

    /** Tutorial 001's second part: Tasks, Agents, GenServers, and the exercises. */
    private static final Set<String> AT_WORK = Set.of("task-async-await", "task-start", "agent-counter",
            "stack-server", "kvstore-server", "ticker", "url-fetcher", "worker-pool", "pubsub", "rate-limiter");

    /** The part {@code l} is in; a lesson from no tutorial in the seeds goes beyond them. */
    public static Tutorial of(Lesson l) {
        if (PROCESSES.code.equals(l.tutorial()))
            return AT_WORK.contains(l.id()) || l.id().startsWith("exercise-") ? PROCESSES_AT_WORK : PROCESSES;
        return Arrays.stream(values()).filter(t -> t.code.equals(l.tutorial())).findFirst().orElse(BEYOND);
    }

    /** This part's lessons, in teaching order. */
    public List<Lesson> lessons() {
        return Lessons.ALL.stream().filter(l -> of(l) == this).toList();
    }
}
