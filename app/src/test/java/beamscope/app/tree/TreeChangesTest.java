package beamscope.app.tree;

import static beamscope.app.tree.TreeFrameTest.ps;
import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.tree.SupervisorInfo.Child;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import java.util.List;
import java.util.Map;
import beamscope.runtime.otp.Strategy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TreeChangesTest {

    static TreeFrame frame(List<ProcessSummary> ps, Map<Pid, SupervisorInfo> sups, TreeFrame before) {
        return TreeFrame.from("n", ps, sups, TreeShape.INITIAL, before == null ? java.util.Set.of() : before.shownPids());
    }

    static SupervisorInfo sup(Strategy s, Object... idPid) {
        java.util.List<Child> cs = new java.util.ArrayList<>();
        for (int i = 0; i < idPid.length; i += 2) cs.add(new Child(idPid[i], (Pid) idPid[i + 1], false, Restart.PERMANENT, 0));
        return new SupervisorInfo(s, 3, 5, false, cs);
    }

    @Nested
    class ByPosition {
        @Test
        void aKilledWorkerIsMatchedToTheNewPidUnderTheSameParent() {
            TreeFrame a = frame(List.of(ps(1, null, "sup"), ps(2, 1L, "w"), ps(3, 1L, "w")), Map.of(), null);
            TreeFrame b = frame(List.of(ps(1, null, "sup"), ps(3, 1L, "w"), ps(9, 1L, "w")), Map.of(), a);
            TreeChanges ch = TreeChanges.between(a, b);
            assertThat(ch.died()).extracting(TreeItem::pid).containsExactly(Pid.of(2));
            assertThat(ch.restarted()).hasSize(1);
            assertThat(ch.restarted().get(0).after().pid()).isEqualTo(Pid.of(9));
            assertThat(ch.reacted()).containsExactly(Pid.of(1));
        }

        @Test
        void aDeathWithoutReplacementIsOnlyADeath() {
            TreeFrame a = frame(List.of(ps(1, null, "sup"), ps(2, 1L, "w")), Map.of(), null);
            TreeFrame b = frame(List.of(ps(1, null, "sup")), Map.of(), a);
            TreeChanges ch = TreeChanges.between(a, b);
            assertThat(ch.died()).hasSize(1);
            assertThat(ch.restarted()).isEmpty();
        }

        @Test
        void allSiblingsTakenDownArePairedInStartOrder() {
            TreeFrame a = frame(List.of(ps(1, null, "sup"), ps(2, 1L, "a"), ps(3, 1L, "b"), ps(4, 1L, "c")), Map.of(), null);
            TreeFrame b = frame(List.of(ps(1, null, "sup"), ps(10, 1L, "a"), ps(11, 1L, "b"), ps(12, 1L, "c")), Map.of(), a);
            assertThat(TreeChanges.between(a, b).restarted())
                    .extracting(r -> r.before().pid().id() + "->" + r.after().pid().id())
                    .containsExactly("2->10", "3->11", "4->12");
        }
    }

    @Nested
    class ByChildId {
        @Test
        void oneForAll_restartsEverySibling_matchedById() {
            Pid s = Pid.of(1);
            TreeFrame a = frame(List.of(ps(1, null, "sup"), ps(2, 1L, "a"), ps(3, 1L, "b")),
                    Map.of(s, sup(Strategy.ONE_FOR_ALL, "a", Pid.of(2), "b", Pid.of(3))), null);
            TreeFrame b = frame(List.of(ps(1, null, "sup"), ps(7, 1L, "b"), ps(8, 1L, "a")),
                    Map.of(s, sup(Strategy.ONE_FOR_ALL, "a", Pid.of(8), "b", Pid.of(7))), a);
            assertThat(TreeChanges.between(a, b).restarted())
                    .extracting(r -> r.before().childId() + ":" + r.after().pid().id())
                    .containsExactlyInAnyOrder("a:8", "b:7");
        }

        @Test
        void aSupervisorThatGaveUpDies_andItsParentReacts_andItsRestartCarriesTheSubtree() {
            Pid top = Pid.of(1);
            TreeFrame a = frame(List.of(ps(1, null, "top"), ps(2, 1L, "sup"), ps(3, 2L, "w")),
                    Map.of(top, sup(Strategy.ONE_FOR_ONE, "sup", Pid.of(2)), Pid.of(2), sup(Strategy.ONE_FOR_ONE, "w", Pid.of(3))), null);
            TreeFrame b = frame(List.of(ps(1, null, "top"), ps(5, 1L, "sup"), ps(6, 5L, "w")),
                    Map.of(top, sup(Strategy.ONE_FOR_ONE, "sup", Pid.of(5)), Pid.of(5), sup(Strategy.ONE_FOR_ONE, "w", Pid.of(6))), a);
            TreeChanges ch = TreeChanges.between(a, b);
            assertThat(ch.died()).extracting(TreeItem::pid).containsExactly(Pid.of(2), Pid.of(3));
            assertThat(ch.reacted()).containsExactly(top);
            assertThat(ch.restarted()).extracting(r -> r.after().pid()).containsExactly(Pid.of(5), Pid.of(6));
        }
    }

    @Test
    void processesOnlyFoldedAwayAreNotDead() {
        List<ProcessSummary> ps = List.of(ps(1, null, "sup"), ps(2, 1L, "w"));
        TreeFrame a = frame(ps, Map.of(), null);
        TreeFrame b = TreeFrame.from("n", ps, Map.of(), TreeShape.INITIAL.toggle(Pid.of(1), false), a.shownPids());
        assertThat(TreeChanges.between(a, b).isEmpty()).isTrue();
    }
}
