package beamscope.app.lessons;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a lesson: the learner's action (a button), then the outcome expected on the live node,
 * checked until a deadline.
 *
 * @param button   what the learner does, as the button says it ("Kill the account — watch its supervisor restart it")
 * @param act      does it: sends, kills, spawns — on the lesson's real processes (may print transcript lines)
 * @param expected the outcome in words, for the note when it does not happen
 * @param check    looks at the node: a transcript line when the outcome happened, empty while it has not (yet)
 * @param deadline how long the outcome may take
 */
public record Step(String button, Act act, String expected, Check check, Duration deadline) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    public Step(String button, Act act, String expected, Check check) {
        this(button, act, expected, check, DEFAULT_DEADLINE);
    }

    @FunctionalInterface
    public interface Act {
        void run(Stage stage) throws Exception;
    }

    /** Polled until it answers or the deadline passes; may wait briefly itself (an inbox receive). */
    @FunctionalInterface
    public interface Check {
        Optional<String> check(Stage stage) throws Exception;
    }
}
