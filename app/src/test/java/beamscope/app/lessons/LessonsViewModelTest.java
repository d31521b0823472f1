package beamscope.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.lessons.LessonsViewModel.Status;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The panel's state without the toolkit: every action runs on the calling thread. */
class LessonsViewModelTest {
    private final Executor same = Runnable::run;
    private Node node;
    private LessonsViewModel vm;

    @BeforeEach
    void start() {
        node = Node.start();
        vm = new LessonsViewModel(node, same, same);
        vm.open(Lessons.find("bank-supervised").orElseThrow());
    }

    @AfterEach
    void stop() {
        vm.leave();
        node.close();
    }

    private Status status(int i) {
        return vm.steps().get(i).status();
    }

    @Nested
    class Opening {
        @Test
        void listsEveryStep_noneRunYet_onTheFirst() {
            assertThat(vm.steps()).hasSize(3).allMatch(r -> r.status() == Status.WAITING);
            assertThat(vm.currentProperty().get()).isZero();
            assertThat(vm.transcriptProperty().get()).contains("iex> MyApp.Supervisor.start_link([])");
            assertThat(node.whereis("my_account")).isPresent();
        }

        @Test
        void anotherLesson_takesTheFirstOnesProcessesAway() {
            Pid account = node.whereis("my_account").orElseThrow();
            vm.open(Lessons.find("counter-genserver").orElseThrow());
            assertThat(node.isAlive(account)).isFalse();
            assertThat(node.whereis("Counter")).isPresent();
        }
    }

    @Nested
    class OnAFreshNode {
        @Test
        void openingAndResetting_handTheLessonToTheWindow_andStartNothingHere() {
            java.util.List<Lesson> asked = new java.util.ArrayList<>();
            vm.setOnFreshNode(asked::add);
            Pid account = node.whereis("my_account").orElseThrow();
            Lesson counter = Lessons.find("counter-genserver").orElseThrow();
            vm.open(counter);
            assertThat(asked).containsExactly(counter);
            assertThat(node.whereis("Counter")).isEmpty();
            assertThat(node.isAlive(account)).isTrue();   // this node goes as a whole, with the window
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(vm.statusProperty().get()).contains("fresh node");
        }

        @Test
        void theNewWindowsStart_runsTheLessonOnItsNode() {
            vm.setOnFreshNode(l -> {});
            Node fresh = Node.start();
            try {
                LessonsViewModel next = new LessonsViewModel(fresh, same, same);
                next.setOnFreshNode(l -> { throw new AssertionError("start does not reset again"); });
                next.start(Lessons.find("counter-genserver").orElseThrow());
                assertThat(fresh.whereis("Counter")).isPresent();
                assertThat(next.steps()).isNotEmpty().allMatch(r -> r.status() == Status.WAITING);
                next.leave();
            } finally {
                fresh.close();
            }
        }
    }

    @Nested
    class Clicker {
        @Test
        void nextRunsEachStepInTurn_withATickAndTheStepsProcessesHighlighted() {
            vm.next();
            assertThat(status(0)).isEqualTo(Status.HAPPENED);
            Pid before = node.whereis("my_account").orElseThrow();
            vm.next();
            assertThat(status(1)).isEqualTo(Status.HAPPENED);
            Pid after = node.whereis("my_account").orElseThrow();
            assertThat(after).isNotEqualTo(before);
            assertThat(vm.highlightedProperty().get()).contains(after);
            vm.next();
            assertThat(status(2)).isEqualTo(Status.HAPPENED);
            assertThat(vm.currentProperty().get()).isEqualTo(2);
            vm.next();   // past the last step: stays there
            assertThat(vm.currentProperty().get()).isEqualTo(2);
            assertThat(vm.statusProperty().get()).contains("last step");
        }

        @Test
        void previousMovesBackWithoutRunning_runStepRunsItAgain() {
            vm.next();
            vm.next();
            vm.previous();
            assertThat(vm.currentProperty().get()).isZero();
            assertThat(vm.transcriptProperty().get().split("iex> BankAccount.deposit\\(50\\)", -1)).hasSize(2);
            vm.runStep();   // the restarted account, back at 1000, takes the deposit again
            assertThat(status(0)).isEqualTo(Status.HAPPENED);
            assertThat(vm.currentProperty().get()).isZero();
            assertThat(vm.transcriptProperty().get().split("iex> BankAccount.deposit\\(50\\)", -1)).hasSize(3);
        }

        @Test
        void resetStartsAfresh() {
            vm.next();
            vm.next();
            Pid restarted = node.whereis("my_account").orElseThrow();
            vm.reset();
            assertThat(vm.steps()).allMatch(r -> r.status() == Status.WAITING);
            assertThat(node.isAlive(restarted)).isFalse();
            vm.next();
            assertThat(status(0)).isEqualTo(Status.HAPPENED);
        }
    }
}
