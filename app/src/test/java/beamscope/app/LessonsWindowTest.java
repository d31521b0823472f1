package beamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.LessonsViewModel;
import beamscope.runtime.Pid;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Lessons panel in the real window, driven as a teacher does: the menu, the step buttons, the clicker keys. */
class LessonsWindowTest extends LessonWindowTest {

    @Nested
    class BankSupervised {
        @Test
        void openingALesson_showsItsPanel_theTreeTab_andItsSupervisorInTheTree() throws Exception {
            open("bank-supervised");
            assertThat(lookup("#lessonsPanel").tryQuery()).isPresent();
            TabPane tabs = lookup("#tabs").queryAs(TabPane.class);
            assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Tree");
            Pid sup = app.node().whereis("MyApp.Supervisor").orElseThrow();
            waitUntil(() -> treeShows(sup) && treeShows(app.node().whereis("my_account").orElse(null)));
        }

        @Test
        void theKillStepsButton_killsTheAccount_andTheTreeShowsItsRestartedSuccessor_highlighted() throws Exception {
            open("bank-supervised");
            Pid before = app.node().whereis("my_account").orElseThrow();
            waitUntil(() -> treeShows(before));
            showSteps();
            clickOn("#lessonStep2");
            waitUntil(() -> lessons().steps().get(1).status() == LessonsViewModel.Status.HAPPENED);
            Pid after = app.node().whereis("my_account").orElseThrow();
            assertThat(after).isNotEqualTo(before);
            waitUntil(() -> treeShows(after) && !treeShows(before) || tree().isPhantom(before));
            waitUntil(() -> treeShows(after));
            assertThat(tree().isHighlighted(after)).isTrue();
            assertThat(lookup("#lessonNote2").queryAs(Label.class).getText()).startsWith("Happened:");
            assertThat(lookup("#lessonTranscript").queryTextInputControl().getText())
                    .contains("Account PID before crash: " + before, "Account PID after crash: " + after);
        }

        @Test
        void pageDownRunsTheStepsInOrder_pageUpGoesBack_homeResets() throws Exception {
            open("bank-supervised");
            Pid first = app.node().whereis("my_account").orElseThrow();
            type(KeyCode.PAGE_DOWN);
            waitUntil(() -> lessons().steps().get(0).status() == LessonsViewModel.Status.HAPPENED);
            type(KeyCode.PAGE_DOWN);
            waitUntil(() -> lessons().steps().get(1).status() == LessonsViewModel.Status.HAPPENED);
            assertThat(lessons().currentProperty().get()).isEqualTo(1);
            Pid restarted = app.node().whereis("my_account").orElseThrow();
            assertThat(restarted).isNotEqualTo(first);
            type(KeyCode.PAGE_UP);
            waitUntil(() -> lessons().currentProperty().get() == 0);
            type(KeyCode.HOME);
            waitUntil(() -> !lessons().busyProperty().get() && !lessons().steps().isEmpty()
                    && lessons().steps().get(1).status() == LessonsViewModel.Status.WAITING);
            // a fresh lesson: a new supervisor and a new account, the old ones gone
            Pid fresh = app.node().whereis("my_account").orElseThrow();
            assertThat(fresh).isNotEqualTo(restarted);
            assertThat(app.node().isAlive(restarted)).isFalse();
            assertThat(css.lines()).isEmpty();
        }

        @Test
        void closingThePanel_takesTheLessonsProcessesAway() throws Exception {
            open("bank-supervised");
            Pid sup = app.node().whereis("MyApp.Supervisor").orElseThrow();
            clickOn("#lessonClose");
            waitUntil(() -> !app.node().isAlive(sup) && app.node().whereis("my_account").isEmpty());
            waitUntil(() -> lookup("#lessonsPanel").tryQuery().isEmpty());
        }
    }

    @Test
    void openingALesson_givesItAFreshNode_withOnlyTheLessonsProcesses_andItsPanelOpenOnTheNewWindow() throws Exception {
        beamscope.runtime.Node demoNode = app.node();
        MainWindow demoWindow = app.window();
        Pid bank = demoNode.whereis("bank").orElseThrow();
        int demoProcesses = demoNode.processes().size();
        open("bank-supervised");
        assertThat(app.window()).isNotSameAs(demoWindow);
        assertThat(app.node()).isNotSameAs(demoNode);
        assertThat(demoNode.isClosed()).isTrue();
        assertThat(app.node().registered()).doesNotContain("bank").contains("MyApp.Supervisor", "my_account");
        assertThat(app.node().processes()).hasSizeLessThan(demoProcesses);
        assertThat(lookup("#lessonsPanel").tryQuery()).isPresent();
        assertThat(lookup("#lessonTitle").queryAs(Label.class).getText()).startsWith("bank-supervised");
        Pid sup = app.node().whereis("MyApp.Supervisor").orElseThrow();
        waitUntil(() -> treeShows(sup) && treeShows(app.node().whereis("my_account").orElse(null)));
        assertThat(demoNode.isAlive(bank)).isFalse();
    }

    @Test
    void resettingALesson_startsItAgainOnAnotherFreshNode_theOldProcessesGoneWithTheirNode() throws Exception {
        open("bank-supervised");
        beamscope.runtime.Node first = app.node();
        Pid account = first.whereis("my_account").orElseThrow();
        showSteps();
        clickOn("#lessonStep1");
        waitUntil(() -> lessons().steps().get(0).status() == LessonsViewModel.Status.HAPPENED);
        clickOn("#lessonReset");
        waitUntil(() -> app.node() != first && !lessons().busyProperty().get() && !lessons().steps().isEmpty()
                && lessons().lessonProperty().get() != null);
        assertThat(first.isClosed()).isTrue();
        assertThat(first.isAlive(account)).isFalse();
        assertThat(lessons().steps()).allMatch(r -> r.status() == LessonsViewModel.Status.WAITING);
        Pid fresh = app.node().whereis("my_account").orElseThrow();
        assertThat(app.node().isAlive(fresh)).isTrue();
        assertThat(app.node().registered()).doesNotContain("bank");
        waitUntil(() -> treeShows(fresh));
    }

    @Test
    void strategies_killingBUnderOneForAll_restartsAllThree_inTheTree() throws Exception {
        open("strategies");
        showSteps();
        clickOn("#lessonStep2");
        waitUntil(() -> lessons().steps().get(1).status() == LessonsViewModel.Status.HAPPENED);
        Pid sup = app.node().whereis("one_for_all_sup").orElseThrow();
        var children = beamscope.runtime.otp.Supervisor.whichChildren(app.node(), sup);
        assertThat(children).hasSize(3);
        for (var c : children) {
            Pid p = c.pid().orElseThrow();
            waitUntil(() -> treeShows(p));
            assertThat(tree().isHighlighted(p)).as("child %s highlighted", c.id()).isTrue();
        }
    }

    @Test
    void theMenuHoldsASubmenuPerTutorial_everyLessonOnce_andItsLongestSubmenuFitsA1024x768Screen() throws Exception {
        javafx.scene.control.MenuButton menu = lookup("#lessonsMenu").queryAs(javafx.scene.control.MenuButton.class);
        assertThat(menu.getItems()).allMatch(i -> i instanceof javafx.scene.control.Menu)
                .extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly(java.util.Arrays.stream(beamscope.app.lessons.Tutorial.values())
                        .map(beamscope.app.lessons.Tutorial::subject).toArray(String[]::new));
        java.util.List<String> ids = menu.getItems().stream()
                .flatMap(m -> ((javafx.scene.control.Menu) m).getItems().stream()).map(javafx.scene.control.MenuItem::getId).toList();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(
                beamscope.app.lessons.Lessons.ALL.stream().map(l -> "lesson-" + l.id()).toList());
        interact(() -> {
            javafx.stage.Window w = app.window().scene().getWindow();
            w.setX(0);
            w.setY(0);
            w.setWidth(1024);
            w.setHeight(768);
            app.window().state().presenterProperty().set(true);
        });
        beamscope.app.lessons.Tutorial longest = java.util.Arrays.stream(beamscope.app.lessons.Tutorial.values())
                .max(java.util.Comparator.comparingInt(t -> t.lessons().size())).orElseThrow();
        clickOn("#lessonsMenu");
        clickOn(longest.subject());
        String last = beamscope.app.lessons.LessonsMenu.label(longest.lessons().getLast());
        waitUntil(() -> lookup(last).tryQuery().isPresent());
        javafx.geometry.Bounds item = lookup(last).query().localToScreen(lookup(last).query().getBoundsInLocal());
        assertThat(item.getMaxY()).as("the last item of %s is on the screen", longest.subject()).isLessThanOrEqualTo(768);
        assertThat(item.getMinY()).isGreaterThanOrEqualTo(0);
        type(KeyCode.ESCAPE);
        type(KeyCode.ESCAPE);
    }
}
