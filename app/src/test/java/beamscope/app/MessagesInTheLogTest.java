package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.events.EventLogViewModel;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The event log's send and receive chips in the real window: a message to the bank shows sent, then received. */
class MessagesInTheLogTest extends FxRobot {
    private BeamscopeApp app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (BeamscopeApp) FxToolkit.setupApplication(BeamscopeApp.class);
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        assertThat(app.awaitDemo(java.time.Duration.ofSeconds(15))).isTrue();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }

    <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(15, TimeUnit.SECONDS);
    }

    @Test
    void turningOnTheSendAndReceiveChips_showsAMessageGoingToTheBankAndBeingTakenOut() throws Exception {
        EventLogViewModel log = app.window().model().events();
        clickOn("#eventKind-send");
        clickOn("#eventKind-receive");
        waitUntil(() -> onFx(log::wantsMessages));
        Pid bank = app.node().whereis("bank").orElseThrow();
        // sent until one shows: the chips ask the sampler for traffic, which starts with its next frame
        waitUntil(() -> {
            app.node().send(bank, Tuple.of(Atom.of("gift"), 7L));
            return onFx(() -> log.shown().stream().anyMatch(e -> e.text().equals("sent {:gift, 7} to " + bank)));
        });
        waitUntil(() -> onFx(() -> log.shown().stream().anyMatch(e -> bank.equals(e.pid()) && e.text().equals("received {:gift, 7}"))));
        clickOn("#eventKind-send");
        clickOn("#eventKind-receive");
        waitUntil(() -> onFx(() -> log.shown().stream().noneMatch(e -> e.text().contains("{:gift, 7}"))));
        assertThat(onFx(log::wantsMessages)).isFalse();
    }
}
