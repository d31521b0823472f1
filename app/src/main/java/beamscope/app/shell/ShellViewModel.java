package beamscope.app.shell;

import beamscope.app.observe.Observed.ShellMessage;
import beamscope.app.sampler.Frame;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The shell's inbox as the window shows it: what it received, call replies marked, newest last. */
public final class ShellViewModel {
    public static final int CAP = 500;

    /** One received message; {@code reply} when it answered one of our calls. */
    public record Line(String text, boolean reply) {}

    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title;

    public ShellViewModel(Pid shell) {
        title = new ReadOnlyStringWrapper(this, "title", "shell " + shell);
    }

    public void show(Frame f) {
        if (f.shell().isEmpty()) return;
        for (ShellMessage m : f.shell())
            lines.add(m.reply()
                    ? new Line("reply to " + m.request() + ": " + Terms.inspect(m.message(), 500), true)
                    : new Line(Terms.inspect(m.message(), 500), false));
        if (lines.size() > CAP) lines.remove(0, lines.size() - CAP);
    }

    public ObservableList<Line> lines() { return lines; }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
}
