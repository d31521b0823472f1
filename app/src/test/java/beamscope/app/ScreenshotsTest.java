package beamscope.app;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.app.theme.Theme;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Terms;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes docs/screenshot-main.png (1280×800), docs/screenshot-dark.png and docs/screenshot-presenter.png
 * (1024×768) from the real window via Scene.snapshot, and the presenter-mode tree and scheduler tabs to
 * app/target/shots/. Not part of the normal build; run it with
 * {@code mvn -pl app -am verify -Dgroups=screenshots -Dbeamscope.excludedGroups=}.
 */
@Tag("screenshots")
class ScreenshotsTest extends WindowTest {
    private static final Path DOCS = Path.of(System.getProperty("beamscope.docs", "../docs"));
    private static final Path SHOTS = Path.of("target/shots");

    @BeforeEach
    void launch() throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> app.window().state().selected() != null);
    }

    @Test
    void mainWindowAndPresenterMode() throws Exception {
        MainWindow w = app.window();
        stageUp(w);
        var node = new beamscope.app.observe.LocalNode(app.node(), beamscope.app.demo.Examples.CATALOGUE);   // a second shell, for set-up traffic only
        beamscope.runtime.Node rt = app.node();
        rt.exit(rt.whereis("counter2").orElseThrow(), Atom.KILL);          // counter_sup (one_for_all) restarts all three
        Pid crasher = node.spawn(ProcessKind.CRASHER, EmbeddedControls.Spawn.defaults().under(rt.whereis("spawned").orElseThrow()));
        node.send(crasher, Atom.of("boom"));                              // the DynamicSupervisor restarts it
        for (int i = 0; i < 40; i++) node.spawn(ProcessKind.SLEEPER, EmbeddedControls.Spawn.defaults());
        node.spawn(ProcessKind.SPINNER, EmbeddedControls.Spawn.defaults());
        Pid kv = rt.whereis("kv").orElseThrow(), bank = rt.whereis("bank").orElseThrow();
        interact(() -> w.state().select(kv));
        clickOn("#deliver-call");
        clickOn("#messageEditor").write(":keys").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !w.model().shell().lines().isEmpty());
        rt.suspend(bank);                                                  // the deposit below waits in its mailbox
        interact(() -> w.state().select(bank));
        clickOn("#messageEditor").write("{:deposit, 50").type(javafx.scene.input.KeyCode.ENTER);
        settle(w);
        settle(w);
        save(w, DOCS.resolve("screenshot-main.png"));

        interact(() -> w.state().select(rt.whereis("counter_sup").orElseThrow()));
        interact(() -> w.state().themeProperty().set(Theme.DARK));
        settle(w);
        save(w, DOCS.resolve("screenshot-dark.png"));
        interact(() -> w.state().themeProperty().set(Theme.LIGHT));

        interact(() -> {
            Stage s = (Stage) w.scene().getWindow();
            s.setWidth(1024);
            s.setHeight(768);
            w.state().presenterProperty().set(true);
        });
        settle(w);
        save(w, DOCS.resolve("screenshot-presenter.png"));

        // the other tabs in presenter mode, to look at (not in docs/)
        for (String[] tab : new String[][] {{"Message", "presenter-message.png"}, {"Events", "presenter-events.png"},
                {"Inspector", null}, {"Tree", "presenter-tree.png"}, {"Schedulers", "presenter-schedulers.png"}}) {
            clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText(tab[0])).<javafx.scene.Node>query());
            settle(w);
            if (tab[1] != null) save(w, SHOTS.resolve(tab[1]));
        }
    }

    /** docs/charts.png: the Charts tab after 1,000,000 processes came and went under some message traffic. */
    @Test
    void charts() throws Exception {
        MainWindow w = app.window();
        stageUp(w);
        clickOn(lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Charts")).<javafx.scene.Node>query());
        beamscope.runtime.Node rt = app.node();
        long start = w.charts().samples().size();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.charts().samples().size() >= start + 5);
        java.util.List<Pid> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) many.add(rt.spawn(beamscope.runtime.Behaviors.receive((ctx, m) -> beamscope.runtime.Behaviors.same())));
        for (int round = 0; round < 20; round++) for (int i = 0; i < 1_000_000; i += 7) rt.send(many.get(i), Atom.of("tick"));
        long mid = w.charts().samples().size();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.charts().samples().size() >= mid + 8);
        for (Pid p : many) rt.exit(p, Atom.KILL);
        long end = w.charts().samples().size();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.charts().samples().size() >= end + 6);
        settle(w);
        save(w, DOCS.resolve("charts.png"));
    }

    /** docs/flights.png: messages flying to the bank and the stack, a busy pair's stream, an exit signal. */
    @Test
    void flights() throws Exception {
        MainWindow w = app.window();
        stageUp(w);
        beamscope.runtime.Node rt = app.node();
        Pid bank = rt.whereis("bank").orElseThrow(), stack = rt.whereis("stack").orElseThrow(),
                counter2 = rt.whereis("counter2").orElseThrow(), kv = rt.whereis("kv").orElseThrow();
        // a client that calls the bank and pushes onto the stack now and then, and one that floods counter2 with casts
        rt.spawn(beamscope.runtime.Behaviors.setup(ctx -> {
            ctx.send(ctx.self(), Atom.of("go"));
            return beamscope.runtime.Behaviors.receive((c, m) -> {
                c.send(bank, beamscope.runtime.Tuple.of(Atom.of("$gen_cast"), beamscope.runtime.Tuple.of(Atom.of("deposit"), 1L)));
                c.send(stack, beamscope.runtime.Tuple.of(Atom.of("$gen_cast"), beamscope.runtime.Tuple.of(Atom.of("push"), 7L)));
                c.sendAfter(c.self(), Atom.of("go"), java.time.Duration.ofMillis(90));
                return beamscope.runtime.Behaviors.same();
            });
        }));
        rt.spawn(beamscope.runtime.Behaviors.setup(ctx -> {
            ctx.send(ctx.self(), Atom.of("go"));
            return beamscope.runtime.Behaviors.receive((c, m) -> {
                for (int i = 0; i < 50; i++) c.send(kv, beamscope.runtime.Tuple.of(Atom.of("$gen_cast"), Atom.of("noop")));
                c.sendAfter(c.self(), Atom.of("go"), java.time.Duration.ofMillis(20));
                return beamscope.runtime.Behaviors.same();
            });
        }));
        settle(w);
        settle(w);
        rt.exit(counter2, Atom.KILL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.tree().flights().recent().stream()
                .anyMatch(f -> f.kind() == beamscope.app.tree.Flights.Kind.EXIT));
        save(w, DOCS.resolve("flights.png"));
    }

    private void stageUp(MainWindow w) {
        interact(() -> {
            Stage s = (Stage) w.scene().getWindow();
            s.setX(0);
            s.setY(0);
            s.setWidth(1280);
            s.setHeight(800);
        });
    }

    /** A few frames later, so rates and the inspector are filled in. */
    private static void settle(MainWindow w) throws Exception {
        long seq = w.state().frameProperty().get().seq();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.state().frameProperty().get().seq() > seq + 4);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
