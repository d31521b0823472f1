package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A first-time user (issue 10, section 1): the window opens on the supervision tree with a short card that
 * says what the picture shows, and "Got it" puts it away, giving the tree its room.
 */
class FirstRunTest extends WindowTest {

    private static String before;

    @BeforeAll
    static void introOn() {
        before = System.getProperty("beamscope.intro");
        System.setProperty("beamscope.intro", "on"); // the test suite opens windows without it
    }

    @AfterAll
    static void introAsBefore() {
        if (before == null) System.clearProperty("beamscope.intro");
        else System.setProperty("beamscope.intro", before);
    }

    @Test
    void theWindowOpensOnTheTreeWithACardSayingWhatItShows_andGotItPutsItAway() throws Exception {
        TabPane tabs = lookup("#tabs").queryAs(TabPane.class);
        Tab open = tabs.getSelectionModel().getSelectedItem();
        assertThat(open.getContent()).isSameAs(app.window().view().treePane());
        javafx.scene.Node card = lookup("#treeIntro").query();
        waitUntil(card::isVisible);
        assertThat(lookup("#treeIntroText").queryAs(Label.class).getText())
                .startsWith("What am I looking at?").contains("supervisor").contains("mailbox");
        javafx.scene.Node canvas = lookup("#treeCanvas").query();
        double heightWithCard = canvas.getLayoutBounds().getHeight();
        clickOn("#treeIntroDismiss");
        waitUntil(() -> !card.isVisible() && canvas.getLayoutBounds().getHeight() > heightWithCard);
        assertThat(card.isManaged()).as("a dismissed card takes no room").isFalse();
    }
}
