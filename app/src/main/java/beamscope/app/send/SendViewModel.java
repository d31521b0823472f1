package beamscope.app.send;

import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.app.observe.ProcessKind.Delivery;
import beamscope.app.observe.ProcessKind.Suggestion;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The message editor: Elixir-syntax text, how to deliver it (send, call, cast), the target (the selected
 * process), suggestions for the target's kind, and history. A text that does not parse is refused with
 * its error and nothing is sent. Calls wait off the FX thread; their replies show in the shell.
 */
public final class SendViewModel {
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Observed node;
    private final Executor fx;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObjectProperty<Delivery> delivery = new SimpleObjectProperty<>(this, "delivery", Delivery.SEND);
    private final ObjectProperty<Pid> target = new SimpleObjectProperty<>(this, "target");
    private final ObjectProperty<ProcessKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final ObservableList<Suggestion> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Message.SyntaxError> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final List<String> history = new ArrayList<>();
    private int historyAt;

    /** @param fx where call results are reported (the FX thread; the caller's thread in tests) */
    public SendViewModel(Observed node, Executor fx) {
        this.node = node;
        this.fx = fx;
        kind.addListener((o, a, k) -> suggestions.setAll(k == null ? List.of() : k.suggestions()));
        text.addListener((o, a, t) -> {
            if (error.get() != null) error.set(read(t) instanceof Message.SyntaxError e ? e : null);
        });
    }

    private Message read(String t) {
        return Message.read(t, node.shell());
    }

    /**
     * Parses and delivers. Returns false, with {@link #errorProperty()} set and nothing sent, when the text
     * does not parse or there is no target.
     */
    public boolean submit() {
        String t = text.get().strip();
        Pid to = target.get();
        if (t.isEmpty()) return false;
        Message m = read(t);
        if (m instanceof Message.SyntaxError e) {
            error.set(e);
            status.set("");
            return false;
        }
        error.set(null);
        if (to == null) {
            status.set("Select a process to send to.");
            return false;
        }
        Object term = ((Message.Term) m).term();
        String shown = Terms.inspect(term, 200);
        try {
            deliver(to, term, shown);
        } catch (RuntimeException refused) { // a real node: destructive actions off, or the node away
            status.set(refused.getMessage());
            return false;
        }
        remember(t);
        text.set("");
        return true;
    }

    private void deliver(Pid to, Object term, String shown) {
        switch (delivery.get()) {
            case SEND -> {
                node.send(to, term);
                status.set("sent " + shown + " to " + to);
            }
            case CAST -> {
                node.cast(to, term);
                status.set("cast " + shown + " to " + to);
            }
            case CALL -> {
                status.set("calling " + to + " with " + shown + "…");
                node.call(to, term, CALL_TIMEOUT).whenComplete((reply, failure) -> fx.execute(() -> status.set(
                        failure == null ? "call " + shown + " → " + Terms.inspect(reply, 200)
                                : "call " + shown + " to " + to + " failed: no reply within "
                                        + CALL_TIMEOUT.toSeconds() + " s")));
            }
        }
    }

    private void remember(String t) {
        if (history.isEmpty() || !history.get(history.size() - 1).equals(t)) history.add(t);
        historyAt = history.size();
    }

    /** Up arrow: the previous text from history. */
    public void historyBack() {
        if (historyAt > 0) text.set(history.get(--historyAt));
    }

    /** Down arrow: the next text, or empty past the newest. */
    public void historyForward() {
        if (historyAt < history.size() - 1) text.set(history.get(++historyAt));
        else {
            historyAt = history.size();
            text.set("");
        }
    }

    public void use(Suggestion s) {
        text.set(s.text());
        delivery.set(s.delivery());
    }

    public StringProperty textProperty() { return text; }
    public ObjectProperty<Delivery> deliveryProperty() { return delivery; }
    public ObjectProperty<Pid> targetProperty() { return target; }
    public ObjectProperty<ProcessKind> kindProperty() { return kind; }
    public ObservableList<Suggestion> suggestions() { return suggestions; }
    public ReadOnlyObjectProperty<Message.SyntaxError> errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
