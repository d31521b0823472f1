package beamscope.app.tree;

import static beamscope.app.tree.TreeFrameTest.ps;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.tree.TreeGeometry.Hit;
import beamscope.app.tree.TreeGeometry.Zone;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class TreeViewModelTest {

    final AtomicLong clock = new AtomicLong();
    final SimpleObjectProperty<Pid> selection = new SimpleObjectProperty<>();
    final TreeViewModel vm = new TreeViewModel(selection, clock::get);
    final TreeGeometry g = new TreeGeometry(10);

    TreeFrame build(List<ProcessSummary> ps) {
        return TreeFrame.from("n", ps, Map.of(), vm.shape(), vm.watched(), vm.phantoms());
    }

    @Test
    void clickingABoxSelectsItsProcess() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        TreeItem w = vm.frame().item(Pid.of(2));
        Hit hit = g.hit(vm.frame(), g.left(w) + 5, g.top(w) + 5);
        assertThat(hit.item().pid()).isEqualTo(Pid.of(2));
        vm.click(hit);
        assertThat(selection.get()).isEqualTo(Pid.of(2));
        assertThat(g.hit(vm.frame(), g.left(w) - 5, g.top(w) - 5)).isNull();
    }

    /**
     * Every frame applied reaches the frame's listeners, one equal in value to the last too: frames compare by
     * identity, so a new frame costs the FX thread no item-by-item comparison (a supervisor's children included).
     */
    @Test
    void everyFrameAppliedReachesTheListeners_evenOneEqualInValue() {
        List<ProcessSummary> ps = List.of(ps(1, null, "sup"), ps(2, 1L, "w"));
        List<TreeFrame> heard = new ArrayList<>();
        vm.frameProperty().addListener((o, a, f) -> heard.add(f));
        TreeFrame first = build(ps), second = build(ps);
        vm.apply(first);
        vm.apply(second);
        assertThat(heard).containsExactly(first, second);
        assertThat(second.items()).isEqualTo(first.items());   // the same layout, in two frames
    }

    @Test
    void clickingTheToggleFoldsAndAsksForANewFrame() {
        int[] asked = {0};
        vm.setOnShapeChange(() -> asked[0]++);
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        TreeItem sup = vm.frame().item(Pid.of(1));
        Hit hit = g.hit(vm.frame(), g.toggleX(sup), g.centreY(sup));
        assertThat(hit.zone()).isEqualTo(Zone.TOGGLE);
        vm.click(hit);
        assertThat(asked[0]).isEqualTo(1);
        assertThat(vm.shape().collapsed()).containsExactly(Pid.of(1));
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        assertThat(vm.frame().item(Pid.of(2))).isNull();
    }

    @Test
    void anAggregateOpensAtItsFirstPage_andPagesWrapAround() {
        List<ProcessSummary> ps = new ArrayList<>();
        ps.add(ps(1, null, "pool"));
        for (int i = 0; i < 130; i++) ps.add(ps(10 + i, 1L, "w"));
        vm.apply(build(ps));
        TreeItem agg = vm.frame().items().get(2);
        vm.click(new Hit(agg, Zone.BODY));
        assertThat(vm.shape().pages()).containsEntry(Pid.of(1), 0);
        vm.apply(build(ps));
        agg = vm.frame().items().get(2);
        vm.click(g.hit(vm.frame(), g.left(agg) + 1, g.top(agg) + g.boxHeight() - 1));
        assertThat(vm.shape().pages()).containsEntry(Pid.of(1), 2);
        vm.apply(build(ps));
        agg = vm.frame().items().get(2);
        vm.click(g.hit(vm.frame(), g.left(agg) + g.boxWidth() - 1, g.top(agg) + g.boxHeight() - 1));
        assertThat(vm.shape().pages()).containsEntry(Pid.of(1), 0);
    }

    @Test
    void aRestartStartsAnimations_andTheViewCountsTheRestart() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        clock.set(1_000);
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "w"))));
        assertThat(vm.effects()).extracting(TreeEffect::type)
                .containsExactlyInAnyOrder(TreeEffect.Type.RESTARTED, TreeEffect.Type.DIED, TreeEffect.Type.REACTED);
        assertThat(vm.restarts(vm.frame().item(Pid.of(3)))).isEqualTo(1);
        clock.set(10_000_000_000L);
        assertThat(vm.effects()).isEmpty();
        vm.apply(build(List.of(ps(1, null, "sup"), ps(4, 1L, "w"))));
        assertThat(vm.restarts(vm.frame().item(Pid.of(4)))).isEqualTo(2);
    }

    @Test
    void aRestartSeenAFrameAfterTheDeath_isStillMatched() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        vm.apply(build(List.of(ps(1, null, "sup"))));                      // between death and restart
        assertThat(vm.effects()).extracting(TreeEffect::type).contains(TreeEffect.Type.DIED);
        clock.set(500_000_000L);
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "w"))));
        assertThat(vm.effects()).extracting(TreeEffect::type).contains(TreeEffect.Type.RESTARTED);
        assertThat(vm.restarts(vm.frame().item(Pid.of(3)))).isEqualTo(1);
    }

    @Test
    void aDeathWaitsForItsRestartOnlyAFewSeconds() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "w"))));
        vm.apply(build(List.of(ps(1, null, "sup"))));
        clock.set(10_000_000_000L);
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "w"))));
        assertThat(vm.effects()).isEmpty();
        assertThat(vm.restarts(vm.frame().item(Pid.of(3)))).isZero();
    }

    @Test
    void aDeathWithoutRestart_keepsItsPlaceWhileItFades_thenLeavesOnce() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "a"), ps(3, 1L, "b"))));
        double rowOfB = vm.frame().item(Pid.of(3)).row();
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "b"))));      // a died, nobody restarts it
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "b"))));      // the next frame keeps its slot
        assertThat(vm.isPhantom(Pid.of(2))).isTrue();
        assertThat(vm.frame().item(Pid.of(2))).isNotNull();
        assertThat(vm.frame().item(Pid.of(3)).row()).isEqualTo(rowOfB);
        clock.set(2_000_000_000L);
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "b"))));
        vm.apply(build(List.of(ps(1, null, "sup"), ps(3, 1L, "b"))));
        assertThat(vm.frame().item(Pid.of(2))).isNull();
        assertThat(vm.effects()).isEmpty();
    }

    @Test
    void theHoverTextSpellsOutWhatTheBoxAbbreviates() {
        vm.apply(build(List.of(ps(1, null, "sup"), ps(2, 1L, "a.very.long.initial.call/3", beamscope.runtime.ProcessStatus.RUNNABLE, 7))));
        assertThat(vm.describe(vm.frame().item(Pid.of(2))))
                .contains("a.very.long.initial.call/3", "#PID<0.2.0>", "status: runnable", "mailbox: 7");
        assertThat(vm.describe(vm.frame().item(Pid.of(1)))).contains("1 processes under it");
    }

    @Test
    void selectingAFoldedAwayProcessElsewhere_bringsItIntoView() {
        int[] asked = {0};
        vm.setOnShapeChange(() -> asked[0]++);
        List<ProcessSummary> ps = List.of(ps(1, null, "sup"), ps(2, 1L, "w"));
        vm.apply(build(ps));
        vm.toggle(vm.frame().item(Pid.of(1)));
        vm.apply(build(ps));
        assertThat(vm.frame().item(Pid.of(2))).isNull();
        selection.set(Pid.of(2));
        assertThat(asked[0]).isEqualTo(2);
        vm.apply(build(ps));
        assertThat(vm.frame().item(Pid.of(2))).isNotNull();
        selection.set(Pid.of(1));                                   // shown already: nothing to do
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void contextMenuRequestsReachTheHookWithThePid() {
        vm.apply(build(List.of(ps(1, null, "sup"))));
        Pid[] got = new Pid[1];
        vm.setOnNodeContextMenu((pid, x, y) -> got[0] = pid);
        vm.contextMenu(new Hit(vm.frame().item(Pid.of(1)), Zone.BODY), 10, 20);
        assertThat(got[0]).isEqualTo(Pid.of(1));
    }

    @Test
    void zoomKeepsThePointUnderTheCursorStill() {
        vm.pan(30, 40);
        double cx = vm.contentX(200), cy = vm.contentY(100);
        vm.zoom(2, 200, 100);
        assertThat(vm.contentX(200)).isCloseTo(cx, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(vm.contentY(100)).isCloseTo(cy, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fitShowsTheWholeTree() {
        List<ProcessSummary> ps = new ArrayList<>();
        ps.add(ps(1, null, "sup"));
        for (int i = 0; i < 60; i++) ps.add(ps(10 + i, 1L, "w"));
        vm.apply(build(ps));
        vm.fit(800, 600, g);
        double s = vm.scaleProperty().get();
        assertThat(g.height(vm.frame()) * s).isLessThanOrEqualTo(600.0001);
        assertThat(g.width(vm.frame()) * s).isLessThanOrEqualTo(800.0001);
    }
}
