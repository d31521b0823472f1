package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.events.EventLogViewModel;
import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import org.junit.jupiter.api.Test;

/** The event log's send and receive chips in the real window: a message to the bank shows sent, then received. */
class MessagesInTheLogTest extends WindowTest {

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
