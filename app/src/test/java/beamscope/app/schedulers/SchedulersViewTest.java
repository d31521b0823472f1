package beamscope.app.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.theme.Stylesheets;
import beamscope.app.theme.Theme;
import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.SchedulerSnapshot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class SchedulersViewTest extends FxRobot {

    Node node;
    SchedulerSource source;
    SchedulerViewModel vm;

    @BeforeEach
    void mount() throws Exception {
        node = Node.start(NodeConfig.defaults().withSchedulers(2));
        for (int i = 0; i < 3; i++) node.spawn(Behaviors.compute(ctx -> { ctx.work(500); return Behaviors.same(); }).named("Busy"));
        vm = new SchedulerViewModel(SchedulerSource.controls(node), new SimpleObjectProperty<Pid>());
        FxToolkit.registerPrimaryStage();
        source = new SchedulerSource(node, vm, Duration.ofMillis(100));
        FxToolkit.setupStage(stage -> {
            Scene scene = new Scene(new StackPane(SchedulersView.load(vm)), 1280, 800);
            scene.getStylesheets().setAll(Stylesheets.sheets(Theme.LIGHT, false));
            stage.setScene(scene);
            stage.setWidth(1280);     // the primary stage is shared: an earlier test may have resized it
            stage.setHeight(800);
            stage.show();
        });
    }

    @AfterEach
    void unmount() throws Exception {
        node.resumeSchedulers();
        source.close();
        FxToolkit.cleanupStages();
        node.close();
    }

    static long slices(Node node) {
        long n = 0;
        for (SchedulerSnapshot s : node.snapshot().schedulers()) n += s.contextSwitches();
        return n;
    }

    static boolean idle(Node node) {
        return node.snapshot().schedulers().stream().allMatch(s -> s.running() == null);
    }

    void waitFor(Supplier<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c::get);
    }

    @Test
    void oneLanePerScheduler_andTotalsFromTheNode() throws Exception {
        waitFor(() -> vm.lanes().size() == 2);
        waitFor(() -> !lookup("#totalProcesses").queryAs(Label.class).getText().equals("0"));
        assertThat(lookup("#totalProcesses").queryAs(Label.class).getText()).isEqualTo("3");
    }

    @Test
    void blockingWorkShowsOnADirtyLaneBelowTheSchedulers() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            beamscope.runtime.otp.Task task = beamscope.runtime.otp.Task.async(node, () -> {
                release.await();
                return 1;
            });
            waitFor(() -> vm.lanes().stream().anyMatch(l -> l.dirty() && task.pid().equals(l.running())));
            assertThat(vm.lanes()).extracting(SchedulerViewModel.Lane::title).containsExactly("1", "2", "D1");
            assertThat(vm.lanes().get(2).runningName()).isEqualTo("Task.async/1");
        } finally {
            release.countDown();
        }
        waitFor(() -> vm.lanes().stream().filter(SchedulerViewModel.Lane::dirty).allMatch(l -> l.running() == null));
    }

    @Test
    void theViewCarriesItsOwnStylesheet_andLeavesTheScenesListAlone() {
        javafx.scene.Parent view = lookup(".schedulers").query();
        assertThat(view.getStylesheets()).containsExactly(beamscope.app.Views.css("schedulers"));
        assertThat(view.getScene().getStylesheets()).containsExactlyElementsOf(Stylesheets.sheets(Theme.LIGHT, false));
    }

    @Test
    void stepRunsExactlyOneSlice() throws Exception {
        clickOn("#schedPause");
        waitFor(() -> node.schedulersPaused() && idle(node));
        waitFor(() -> lookup("#pausedBadge").queryAs(Label.class).isVisible());
        long before = slices(node);
        clickOn("#schedStep");
        waitFor(() -> slices(node) == before + 1);
        waitFor(() -> lookup("#totalSlices").queryAs(Label.class).getText().equals(String.format(java.util.Locale.ROOT, "%,d", before + 1)));
        waitFor(() -> !lookup("#schedStep").queryButton().isDisabled());
        assertThat(slices(node)).isEqualTo(before + 1);
        clickOn("#schedResume");
        waitFor(() -> !node.schedulersPaused());
        assertThat(lookup("#pausedBadge").queryAs(Label.class).isVisible()).isFalse();
    }
}
