package beamscope.app.observe;

import beamscope.runtime.Atom;
import java.util.List;

/** The catalogue of processes the window can spawn, with the messages each one understands. */
public enum ProcessKind {
    COUNTER("Counter", "Counter.init/1", List.of(
            Suggestion.cast("{:increment, 5}"), Suggestion.call(":value"), Suggestion.send(":increment"),
            Suggestion.send("{:get, self()}"), Suggestion.send(":stop"))),
    STACK("Stack", "Stack.init/1", List.of(
            Suggestion.cast("{:push, 42}"), Suggestion.call(":pop"), Suggestion.call(":peek"),
            Suggestion.call(":size"))),
    KV_STORE("KVStore", "KVStore.init/1", List.of(
            Suggestion.cast("{:put, :color, \"blue\"}"), Suggestion.call("{:get, :color}"),
            Suggestion.call(":keys"), Suggestion.cast("{:delete, :color}"))),
    BANK_ACCOUNT("BankAccount", "BankAccount.init/1", List.of(
            Suggestion.cast("{:deposit, 50}"), Suggestion.call("{:withdraw, 20}"), Suggestion.call(":balance"))),
    ECHO("Echo", "Echo.loop/0", List.of(
            Suggestion.send("{self(), :hello}"), Suggestion.call("{:ping, 1}"))),
    CRASHER("Crasher", "Crasher.loop/1", List.of(
            Suggestion.send(":boom"), Suggestion.send(":harmless"))),
    SPINNER("Spinner", "Spinner.spin/1", List.of()),
    SLEEPER("Sleeper", "Sleeper.loop/1", List.of(
            Suggestion.send(":wake"), Suggestion.call(":naps")));

    /** The message a Crasher dies on unless told otherwise. */
    public static final Object DEFAULT_CRASH = Atom.of("boom");

    private final String label;
    private final String initialCall;
    private final List<Suggestion> suggestions;

    ProcessKind(String label, String initialCall, List<Suggestion> suggestions) {
        this.label = label;
        this.initialCall = initialCall;
        this.suggestions = suggestions;
    }

    public String label() {
        return label;
    }

    public String initialCall() {
        return initialCall;
    }

    /** Example messages, in Elixir syntax, with how to deliver them. */
    public List<Suggestion> suggestions() {
        return suggestions;
    }

    /** The kind whose processes start with this initial call, if any. */
    public static java.util.Optional<ProcessKind> ofInitialCall(String initialCall) {
        for (ProcessKind k : values()) if (k.initialCall.equals(initialCall)) return java.util.Optional.of(k);
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }

    /** How a message is delivered: plain send, {@code GenServer.call}, {@code GenServer.cast}. */
    public enum Delivery { SEND, CALL, CAST }

    /** An example message for a kind. */
    public record Suggestion(String text, Delivery delivery) {
        static Suggestion send(String t) { return new Suggestion(t, Delivery.SEND); }
        static Suggestion call(String t) { return new Suggestion(t, Delivery.CALL); }
        static Suggestion cast(String t) { return new Suggestion(t, Delivery.CAST); }
    }
}
