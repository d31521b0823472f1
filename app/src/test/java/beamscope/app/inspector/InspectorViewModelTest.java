package beamscope.app.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.app.sampler.Frame;
import beamscope.runtime.Pid;
import beamscope.runtime.Priority;
import beamscope.runtime.ProcessInfo;
import beamscope.runtime.ProcessStatus;
import beamscope.runtime.otp.ChildType;
import beamscope.runtime.otp.ChildView;
import beamscope.runtime.otp.Restart;
import beamscope.runtime.otp.Strategy;
import beamscope.runtime.otp.SupervisorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The inspector's view model, without the toolkit. */
class InspectorViewModelTest {

    static final int CHILDREN = 100_000;

    /** A DynamicSupervisor of {@code n} children: it links to each of them, as OTP's does. */
    static Frame.Selected supervisorOf(int n) {
        Pid sup = Pid.of(1);
        List<Pid> links = new ArrayList<>(n);
        List<ChildView> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Pid c = Pid.of(100 + i);
            links.add(c);
            children.add(new ChildView(Atom("undefined"), Optional.of(c), ChildView.Status.RUNNING, ChildType.WORKER,
                    Restart.PERMANENT, 0));
        }
        ProcessInfo info = new ProcessInfo(sup, ProcessStatus.WAITING, 0, List.of(), 0, Priority.NORMAL, true, links,
                List.of(), List.of(), Optional.empty(), "DynamicSupervisor.init/1", null, Optional.empty(), List.of(), 0, 0,
                Map.of());
        SupervisorView view = new SupervisorView(sup, Optional.empty(), "sup", Strategy.ONE_FOR_ONE, 3, 5, true, -1,
                children);
        return new Frame.Selected(sup, Optional.of(info), Optional.empty(), Optional.empty(), Optional.of(view));
    }

    private static Object Atom(String name) {
        return beamscope.runtime.Atom.of(name);
    }

    @Nested
    class ARecordedProcess {
        private String field(InspectorViewModel vm, String name) {
            return vm.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
        }

        @Test
        void showsWhatTheRecordingDoesNotHoldAsUnknown_notAsDefaults() {
            Frame.Selected live = supervisorOf(3);
            ProcessInfo i = live.info().orElseThrow();
            ProcessInfo unknownFlags = new ProcessInfo(i.pid(), null, i.messageQueueLen(), i.messages(), -1, null, false, null, null, null,
                    i.registeredName(), i.initialCall(), null, i.parent(), i.ancestors(), -1, -1, Map.of());
            Frame.Selected past = new Frame.Selected(live.pid(), Optional.of(unknownFlags), live.exitReason(), live.state(), live.supervisor(), true);
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(live);
            assertThat(field(vm, "priority")).isEqualTo("normal");
            assertThat(field(vm, "trap exit")).isEqualTo("true");
            vm.show(past);
            assertThat(field(vm, "priority")).isEqualTo(InspectorViewModel.UNKNOWN);
            assertThat(field(vm, "trap exit")).isEqualTo(InspectorViewModel.UNKNOWN);
            assertThat(field(vm, "current behaviour")).isEqualTo("—");
            assertThat(field(vm, "status")).isEqualTo("—");
            assertThat(field(vm, "reductions")).isEqualTo("—");
        }

        @Test
        void showsPriorityAndTrapExitAsTheLastSnapshotReadThem_andSaysSo() {
            Frame.Selected live = supervisorOf(3);
            Frame.Selected past = new Frame.Selected(live.pid(), live.info(), live.exitReason(), live.state(), live.supervisor(), true);
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(past);
            assertThat(field(vm, "priority")).isEqualTo("normal" + InspectorViewModel.AS_OF_SNAPSHOT);
            assertThat(field(vm, "trap exit")).isEqualTo("true" + InspectorViewModel.AS_OF_SNAPSHOT);
            assertThat(field(vm, "status")).isEqualTo("waiting");
        }
    }

    @Nested
    class ASupervisorOfManyChildren {
        @Test
        void showsAPageOfLinks_theFirstHundredChildren_andCountsTheRest() {
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(supervisorOf(CHILDREN));
            assertThat(vm.linksProperty().get().page()).hasSize(PidLinks.PAGE).startsWith(Pid.of(100));
            assertThat(vm.children()).hasSize(InspectorViewModel.SHOWN);
            assertThat(vm.linksProperty().get().more("links")).isEqualTo("first 20 of 100,000 links");
            assertThat(vm.childrenMoreProperty().get()).startsWith("first 100 of 100,000 children");
        }

        @Test
        void showsEveryLink_whenThereAreFew() {
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(supervisorOf(3));
            assertThat(vm.linksProperty().get().page()).hasSize(3);
            assertThat(vm.children()).hasSize(3);
            assertThat(vm.linksProperty().get().more("links")).isEmpty();
            assertThat(vm.childrenMoreProperty().get()).isEmpty();
        }

        @Test
        void forgetsTheCount_whenNothingIsSelected() {
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(supervisorOf(CHILDREN));
            vm.show(null);
            assertThat(vm.linksProperty().get().page()).isEmpty();
            assertThat(vm.linksProperty().get().more("links")).isEmpty();
        }

        @Test
        void handsTheViewNoNewPage_whenTheNextFrameHasTheSameLinks() {
            InspectorViewModel vm = new InspectorViewModel();
            vm.show(supervisorOf(CHILDREN));
            int[] pages = new int[1];
            vm.linksProperty().addListener((o, was, now) -> pages[0]++);
            vm.show(supervisorOf(CHILDREN));     // the next frame: equal, not the same objects
            assertThat(pages[0]).isZero();
            vm.show(supervisorOf(CHILDREN + 1)); // one child more: the count changes
            assertThat(pages[0]).isEqualTo(1);
            assertThat(vm.linksProperty().get().more("links")).isEqualTo("first 20 of 100,001 links");
        }

        @Test
        void countsEveryLink_whenTheNodeReadOnlyAPage() {
            List<Pid> page = new ArrayList<>();
            for (int i = 0; i < PidLinks.PAGE; i++) page.add(Pid.of(100 + i));
            assertThat(PidLinks.of(page, CHILDREN).more("links")).isEqualTo("first 20 of 100,000 links");
            assertThat(PidLinks.of(page, CHILDREN).page()).isEqualTo(page);
        }

        @Test
        void saysLinksAreUnknown_whenTheRecordingDoesNotHaveThem() {
            assertThat(PidLinks.of(null).more("links")).isEqualTo("— (not in the recording)");
            assertThat(PidLinks.of(null).page()).isEmpty();
        }
    }
}
