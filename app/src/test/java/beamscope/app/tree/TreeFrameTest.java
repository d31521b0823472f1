package beamscope.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.tree.SupervisorInfo.Child;
import beamscope.runtime.otp.Restart;
import beamscope.app.tree.TreeItem.Kind;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.ProcessSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import beamscope.runtime.otp.Strategy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TreeFrameTest {

    static ProcessSummary ps(long id, Long parent, String call) {
        return ps(id, parent, call, ProcessStatus.WAITING, 0);
    }

    static ProcessSummary ps(long id, Long parent, String call, ProcessStatus status, int queue) {
        return new ProcessSummary(Pid.of(id), null, call, status, Priority.NORMAL, 0, queue, 2600, 0,
                parent == null ? null : Pid.of(parent));
    }

    static TreeFrame build(List<ProcessSummary> ps) {
        return TreeFrame.from("demo@host", ps, Map.of(), TreeShape.INITIAL);
    }

    @Nested
    class Layout {
        @Test
        void leavesTakeConsecutiveRows_andParentsSitBetweenTheirFirstAndLastChild() {
            TreeFrame f = build(List.of(ps(1, null, "Sup"), ps(2, 1L, "A"), ps(3, 1L, "B"), ps(4, 1L, "C")));
            assertThat(f.item(Pid.of(2)).row()).isEqualTo(0);
            assertThat(f.item(Pid.of(3)).row()).isEqualTo(1);
            assertThat(f.item(Pid.of(4)).row()).isEqualTo(2);
            assertThat(f.item(Pid.of(1)).row()).isEqualTo(1);
            assertThat(f.item(Pid.of(1)).depth()).isEqualTo(1);
            assertThat(f.item(Pid.of(2)).depth()).isEqualTo(2);
            assertThat(f.items().get(0).kind()).isEqualTo(Kind.NODE);
            assertThat(f.rows()).isEqualTo(3);
            assertThat(f.columns()).isEqualTo(3);
        }

        @Test
        void processesWithoutALiveParent_hangUnderTheNode() {
            TreeFrame f = build(List.of(ps(5, 99L, "Orphan"), ps(6, null, "Root")));
            assertThat(f.item(Pid.of(5)).parent()).isZero();
            assertThat(f.item(Pid.of(6)).parent()).isZero();
        }

        @Test
        void childrenAreInSupervisorStartOrder_whenTheOtpLayerTellsIt() {
            SupervisorInfo info = new SupervisorInfo(Strategy.REST_FOR_ONE, 3, 5, false, List.of(
                    new Child("c", Pid.of(4), false, Restart.PERMANENT, 0),
                    new Child("a", Pid.of(2), false, Restart.PERMANENT, 2)));
            TreeFrame f = TreeFrame.from("n", List.of(ps(1, null, "x"), ps(2, 1L, "A"), ps(4, 1L, "C"), ps(3, 1L, "B")),
                    Map.of(Pid.of(1), info), TreeShape.INITIAL);
            assertThat(f.childrenOf(f.item(Pid.of(1)))).extracting(TreeItem::pid)
                    .containsExactly(Pid.of(4), Pid.of(2), Pid.of(3));
            assertThat(f.item(Pid.of(1)).kind()).isEqualTo(Kind.SUPERVISOR);
            assertThat(f.item(Pid.of(2)).restarts()).isEqualTo(2);
            assertThat(f.item(Pid.of(2)).name()).isEqualTo("a");
            assertThat(f.item(Pid.of(3)).restarts()).isEqualTo(-1);
        }

        @Test
        void aSupervisorsChildHangsUnderIt_evenWhenAnotherProcessSpawnedIt() {
            SupervisorInfo info = new SupervisorInfo(Strategy.ONE_FOR_ONE, 1, 5, false,
                    List.of(new Child("w", Pid.of(3), false, Restart.PERMANENT, 0)));
            TreeFrame f = TreeFrame.from("n", List.of(ps(1, null, "sup"), ps(2, null, "starter"), ps(3, 2L, "W")),
                    Map.of(Pid.of(1), info), TreeShape.INITIAL);
            assertThat(f.parentOf(f.item(Pid.of(3))).pid()).isEqualTo(Pid.of(1));
        }
    }

    @Nested
    class Folding {
        @Test
        void aCollapsedNodeHidesItsChildren_andCountsThem() {
            List<ProcessSummary> ps = List.of(ps(1, null, "Sup"), ps(2, 1L, "A"), ps(3, 1L, "B"));
            TreeFrame f = TreeFrame.from("n", ps, Map.of(), TreeShape.INITIAL.toggle(Pid.of(1), false));
            assertThat(f.item(Pid.of(2))).isNull();
            assertThat(f.item(Pid.of(1)).collapsed()).isTrue();
            assertThat(f.item(Pid.of(1)).children()).isEqualTo(2);
            TreeFrame again = TreeFrame.from("n", ps, Map.of(),
                    TreeShape.INITIAL.toggle(Pid.of(1), false).toggle(Pid.of(1), true));
            assertThat(again.item(Pid.of(2))).isNotNull();
        }

        @Test
        void deepChainsFoldThemselves_pastTheDepthLimit() {
            List<ProcessSummary> ps = new ArrayList<>();
            ps.add(ps(1, null, "p"));
            for (int i = 2; i <= 200; i++) ps.add(ps(i, (long) i - 1, "p"));
            TreeFrame f = build(ps);
            assertThat(f.columns()).isEqualTo(TreeFrame.MAX_DEPTH + 1);
            assertThat(f.item(Pid.of(TreeFrame.MAX_DEPTH)).collapsed()).isTrue();
        }
    }

    @Nested
    class Aggregation {
        List<ProcessSummary> supWith(int children) {
            List<ProcessSummary> ps = new ArrayList<>();
            ps.add(ps(1, null, "Pool"));
            for (int i = 0; i < children; i++)
                ps.add(ps(100 + i, 1L, "W", i % 10 == 0 ? ProcessStatus.RUNNABLE : ProcessStatus.WAITING, i % 3));
            return ps;
        }

        @Test
        void revealingAProcessOpensThePageThatHoldsIt_andUnfoldsItsAncestors() {
            List<ProcessSummary> ps = supWith(5000);
            TreeShape shape = TreeShape.INITIAL.toggle(Pid.of(1), false).reveal(Pid.of(100 + 2345));
            TreeFrame f = TreeFrame.from("n", ps, Map.of(), shape);
            assertThat(f.item(Pid.of(2445))).isNotNull();
            TreeItem agg = f.parentOf(f.item(Pid.of(2445)));
            assertThat(agg.aggregate().page()).isEqualTo(2345 / TreeFrame.PAGE_SIZE);
            assertThat(f.item(Pid.of(1)).collapsed()).isFalse();
        }

        @Test
        void upToTheThreshold_everyChildIsItsOwnItem() {
            TreeFrame f = build(supWith(TreeFrame.AGGREGATE_ABOVE));
            assertThat(f.items()).hasSize(2 + TreeFrame.AGGREGATE_ABOVE);
        }

        @Test
        void aboveTheThreshold_childrenAreOneAggregateWithCountsAndQueue() {
            TreeFrame f = build(supWith(5000));
            assertThat(f.items()).hasSize(3);
            TreeItem agg = f.items().get(2);
            assertThat(agg.kind()).isEqualTo(Kind.AGGREGATE);
            assertThat(agg.aggregate().count()).isEqualTo(5000);
            assertThat(agg.aggregate().statuses().runnable()).isEqualTo(500);
            assertThat(agg.aggregate().statuses().waiting()).isEqualTo(4500);
            assertThat(agg.aggregate().totalQueue()).isEqualTo(4999);
            assertThat(agg.aggregate().pages()).isEqualTo(100);
            assertThat(agg.aggregate().open()).isFalse();
            assertThat(agg.name()).isEqualTo("5,000 processes");
        }

        @Test
        void anOpenAggregateShowsOnePageOfFifty() {
            List<ProcessSummary> ps = supWith(5000);
            TreeFrame f = TreeFrame.from("n", ps, Map.of(), TreeShape.INITIAL.page(Pid.of(1), 2));
            TreeItem agg = f.items().get(2);
            assertThat(agg.aggregate().page()).isEqualTo(2);
            List<TreeItem> page = f.childrenOf(agg);
            assertThat(page).hasSize(TreeFrame.PAGE_SIZE);
            assertThat(page.get(0).pid()).isEqualTo(Pid.of(200));
            assertThat(page.get(49).pid()).isEqualTo(Pid.of(249));
        }

        @Test
        void theLastPageHoldsTheRest_andAskingPastItShowsTheLast() {
            TreeFrame f = TreeFrame.from("n", supWith(120), Map.of(), TreeShape.INITIAL.page(Pid.of(1), 7));
            TreeItem agg = f.items().get(2);
            assertThat(agg.aggregate().page()).isEqualTo(2);
            assertThat(f.childrenOf(agg)).hasSize(20);
        }

        @Test
        void aMillionProcessesBuildAFrameOfAFewItems() {
            List<ProcessSummary> ps = new ArrayList<>(1_000_001);
            ps.add(ps(1, null, "Sup"));
            for (int s = 0; s < 10; s++) ps.add(ps(2 + s, 1L, "PoolSup"));
            for (int i = 0; i < 1_000_000; i++) ps.add(ps(100 + i, 2L + i % 10, "W"));
            TreeFrame f = build(ps);
            for (int i = 0; i < 3; i++) f = build(ps);   // warm up
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                f = TreeFrame.from("n", ps, Map.of(), TreeShape.INITIAL, Set.of(Pid.of(5), Pid.of(7)));
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("TreeFrame.from with %,d processes: best %.1f ms%n", ps.size(), best / 1e6);
            assertThat(f.items()).hasSize(1 + 1 + 10 + 10);
            assertThat(f.processes()).isEqualTo(1_000_011);
        }

        @Test
        void aMillionProcessesWithManyParents_stayWithinTheItemBudget() {
            // 1 root, 333,333 parents under it, each with two children: a third of a million groups
            List<ProcessSummary> ps = new ArrayList<>(1_000_000);
            ps.add(ps(1, null, "Root"));
            for (int i = 0; i < 333_333; i++) ps.add(ps(10 + i, 1L, "Parent"));
            for (int i = 0; i < 666_666; i++) ps.add(ps(1_000_000 + i, 10L + i / 2, "Child"));
            TreeShape open = TreeShape.INITIAL.page(Pid.of(1), 3);
            TreeFrame f = null;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                f = TreeFrame.from("n", ps, Map.of(), open);
                best = Math.min(best, System.nanoTime() - t0);
            }
            System.out.printf("TreeFrame.from, %,d processes in %,d groups: best %.1f ms%n", ps.size(), 333_334, best / 1e6);
            assertThat(f.items().size()).isLessThanOrEqualTo(TreeFrame.MAX_ITEMS + TreeFrame.PAGE_SIZE);
            assertThat(f.items()).hasSize(1 + 1 + 1 + TreeFrame.PAGE_SIZE * 3);
        }
    }

    @Test
    void goneListsTheWatchedPidsThatAreNoLongerAlive() {
        TreeFrame f = TreeFrame.from("n", List.of(ps(1, null, "a"), ps(3, null, "c")), Map.of(), TreeShape.INITIAL,
                Set.of(Pid.of(1), Pid.of(2)));
        assertThat(f.gone()).containsExactly(Pid.of(2));
    }

    /** Issue 12: 100,000 unsupervised processes beside the demo's supervision tree. */
    @Nested
    class ManyUnsupervisedProcesses {
        /** A supervisor (1) with two workers, then {@code sleepers} Sleepers and {@code echoes} Echoes, all roots. */
        List<ProcessSummary> demoAnd(int sleepers, int echoes) {
            List<ProcessSummary> ps = new ArrayList<>();
            ps.add(ps(1, null, "demo_sup"));
            ps.add(ps(2, 1L, "BankAccount"));
            ps.add(ps(3, 1L, "Stack"));
            for (int i = 0; i < sleepers; i++) ps.add(ps(1000 + i, null, "Sleeper.loop/1"));
            for (int i = 0; i < echoes; i++) ps.add(ps(500_000 + i, null, "Echo.loop/1"));
            return ps;
        }

        @Test
        void theSupervisorsStayInView_andTheOthersFoldByInitialCall() {
            TreeFrame f = build(demoAnd(100_000, 300));
            assertThat(f.item(Pid.of(1))).isNotNull();
            assertThat(f.item(Pid.of(2))).isNotNull();
            List<TreeItem> folds = f.items().stream().filter(i -> i.kind() == Kind.AGGREGATE).toList();
            assertThat(folds).extracting(TreeItem::name).containsExactly("100,000 × Sleeper.loop/1", "300 × Echo.loop/1");
            assertThat(folds).allMatch(a -> a.parent() == 0);
        }

        @Test
        void eachFoldPagesOnItsOwn() {
            TreeShape shape = TreeShape.INITIAL.page(TreeShape.NODE, "Echo.loop/1", 1);
            TreeFrame f = TreeFrame.from("n", demoAnd(100_000, 300), Map.of(), shape);
            TreeItem echoes = f.items().stream().filter(i -> "Echo.loop/1".equals(
                    i.aggregate() == null ? null : i.aggregate().group())).findFirst().orElseThrow();
            assertThat(echoes.aggregate().page()).isEqualTo(1);
            assertThat(f.childrenOf(echoes)).hasSize(TreeFrame.PAGE_SIZE);
            assertThat(f.childrenOf(echoes).get(0).pid()).isEqualTo(Pid.of(500_050));
            TreeItem sleepers = f.items().stream().filter(i -> "Sleeper.loop/1".equals(
                    i.aggregate() == null ? null : i.aggregate().group())).findFirst().orElseThrow();
            assertThat(sleepers.aggregate().open()).isFalse();
        }

        @Test
        void revealingAFoldedProcessOpensItsFoldAtItsPage() {
            TreeShape shape = TreeShape.INITIAL.reveal(Pid.of(1000 + 12_345));
            TreeFrame f = TreeFrame.from("n", demoAnd(100_000, 300), Map.of(), shape);
            TreeItem it = f.item(Pid.of(1000 + 12_345));
            assertThat(it).isNotNull();
            assertThat(f.parentOf(it).aggregate().page()).isEqualTo(12_345 / TreeFrame.PAGE_SIZE);
        }

        @Test
        void manyInitialCalls_shareTheLastFold() {
            List<ProcessSummary> ps = demoAnd(0, 0);
            for (int i = 0; i < 200; i++) ps.add(ps(10_000 + i, null, "Kind" + i + ".loop/0"));
            TreeFrame f = build(ps);
            List<TreeItem> folds = f.items().stream().filter(i -> i.kind() == Kind.AGGREGATE).toList();
            assertThat(folds).hasSize(TreeFrame.MAX_GROUPS);
            assertThat(folds.getLast().aggregate().group()).isEqualTo(TreeFrame.OTHER_GROUP);
            assertThat(folds.stream().mapToInt(a -> a.aggregate().count()).sum()).isEqualTo(200);
        }
    }
}
