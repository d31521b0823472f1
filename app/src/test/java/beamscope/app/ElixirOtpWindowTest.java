package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.console.ConsoleViewModel.Kind;
import beamscope.app.console.ConsoleViewModel.Line;
import beamscope.app.tree.TreeFrame;
import beamscope.app.tree.TreeItem;
import beamscope.runtime.Pid;
import beamscope.runtime.otp.ChildView;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * A Supervisor with two GenServers, pasted into the Console, shows in the supervision tree and the inspector
 * as a Java one does: the supervisor with its children under it, its strategy and children, a server's state
 * after a cast, the restarted children with their restart counts.
 */
class ElixirOtpWindowTest extends ConsoleTabTest {

    static final String CODE = """
            defmodule Till do
              use GenServer
              def start_link({name, cash}), do: GenServer.start_link(__MODULE__, cash, name: name)
              def init(cash), do: {:ok, %{cash: cash}}
              def handle_cast({:take, n}, s), do: {:noreply, %{s | cash: s.cash + n}}
              def handle_call(:cash, _from, s), do: {:reply, s.cash, s}
            end
            {:ok, sup} = Supervisor.start_link([
              Supervisor.child_spec({Till, {:till_a, 10}}, id: :till_a),
              Supervisor.child_spec({Till, {:till_b, 20}}, id: :till_b)
            ], strategy: :one_for_all, max_restarts: 6, name: :tills)""";

    void run(String code) throws Exception {
        interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(code);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        type(KeyCode.ENTER);
        waitUntil(() -> !console().busyProperty().get() && last() != null
                && (last().kind() == Kind.RESULT || last().kind() == Kind.ERROR));
        Line l = last();
        assertThat(l.kind()).as("last line: %s", l).isEqualTo(Kind.RESULT);
    }

    Optional<TreeItem> inTree(Pid pid) {
        TreeFrame f = app.window().tree().frame();
        if (f == null) return Optional.empty();
        Integer i = f.indexByPid().get(pid);
        return i == null ? Optional.empty() : Optional.of(f.items().get(i));
    }

    @Test
    void anElixirSupervisorDrawsWithItsGenServersUnderIt_andTheInspectorShowsItsFlagsAndAServersStateAfterACast() throws Exception {
        run(CODE);
        Pid sup = app.node().whereis("tills").orElseThrow();
        Pid a = app.node().whereis("till_a").orElseThrow(), b = app.node().whereis("till_b").orElseThrow();

        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Tree")).<Node>query());
        waitUntil(() -> inTree(sup).isPresent() && inTree(a).isPresent() && inTree(b).isPresent());
        assertThat(inTree(sup).orElseThrow().kind()).isEqualTo(TreeItem.Kind.SUPERVISOR);
        int supIndex = inTree(sup).orElseThrow().index();
        assertThat(inTree(a).orElseThrow().parent()).isEqualTo(supIndex);
        assertThat(inTree(b).orElseThrow().parent()).isEqualTo(supIndex);

        interact(() -> app.window().state().select(sup));
        Label flags = lookup("#supervisorFlags").queryAs(Label.class);
        @SuppressWarnings("unchecked")
        ListView<ChildView> children = lookup("#supervisorChildren").queryAs(ListView.class);
        waitUntil(() -> flags.getText().equals("one_for_all · at most 6 restarts in 5 s")
                && children.getItems().stream().map(c -> c.pid().orElse(null)).toList().equals(List.of(a, b)));
        if (Boolean.getBoolean("beamscope.elixirOtpPng"))   // to look at: mvn ... -Dbeamscope.elixirOtpPng=true
            interact(() -> beamscope.app.tree.Png.write(app.window().scene(), java.nio.file.Path.of("target", "elixir-otp.png")));

        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Console")).<Node>query());
        clickOn("#consoleInput");
        run("GenServer.cast(:till_a, {:take, 5})\nGenServer.call(:till_a, :cash)");
        assertThat(last()).isEqualTo(new Line("15", Kind.RESULT));
        interact(() -> app.window().state().select(a));
        Label state = lookup("#serverState").queryAs(Label.class);
        waitUntil(() -> state.getText().equals("%{cash: 15}"));

        // one_for_all: killing one till restarts both under the same supervisor, each drawn with one restart
        clickOn("#consoleInput");
        run("Process.exit(Process.whereis(:till_a), :kill)");
        clickOn(lookup(".tab-label").match(LabeledMatchers.hasText("Tree")).<Node>query());
        waitUntil(() -> {
            for (String n : List.of("till_a", "till_b")) {
                Pid now = app.node().whereis(n).orElse(null);
                if (now == null || now.equals(a) || now.equals(b)) return false;
                Optional<TreeItem> item = inTree(now);
                if (item.isEmpty() || item.get().restarts() != 1) return false;
                if (item.get().parent() != inTree(sup).map(TreeItem::index).orElse(-2)) return false;
            }
            return true;
        });
    }
}
