package beamscope.app.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceModelTest {
    static final Pid A = Pid.of(80), B = Pid.of(81), C = Pid.of(82), SUP = Pid.of(70), A2 = Pid.of(90);

    static Event.Report progress(Pid sup, Pid child, Object id) {
        return new Event.Report(0, sup, Atom.of("progress_report"), List.of(
                Tuple.of(Atom.of("supervisor"), sup),
                Tuple.of(Atom.of("started"), List.of(Tuple.of(Atom.of("pid"), child), Tuple.of(Atom.of("id"), id))),
                Tuple.of(Atom.of("restart_count"), 0L)));
    }

    @Test
    void lifelinesKeepTheOrderTheyWereAddedIn() {
        SequenceModel m = new SequenceModel();
        assertEquals(0, m.add(B, null, "pong"));
        assertEquals(1, m.add(A, null, null));
        assertEquals(0, m.add(B, null, "again"));   // the same process: the same lifeline
        assertEquals(List.of("pong", A.toString()), m.lanes().stream().map(Lane::label).toList());
    }

    @Test
    void aMessageTakenAtOnceIsOneRowAndOneThatWaitedEndsOnTheRowWhereItWasTaken() {
        SequenceModel m = new SequenceModel();
        m.add(A, null, "a");
        m.add(B, null, "b");
        Object ping = Tuple.of(Atom.of("ping"), A), other = Atom.of("other");
        m.accept(new Event.Send(1, A, B, ping));
        m.accept(new Event.Receive(2, B, ping));
        assertEquals(1, m.size());
        Arrow first = ((Step.Sent) m.step(0)).arrow();
        assertEquals(0, first.waited());
        assertEquals(Arrow.End.RECEIVED, first.end());

        // two messages: the first waits while the second is sent, and is taken after it
        Object hello = Tuple.of(Atom.of("hello"), 1L);
        m.accept(new Event.Send(3, A, B, hello));
        m.accept(new Event.Send(4, B, A, other));
        assertEquals(Arrow.End.WAITING, ((Step.Sent) m.step(1)).arrow().end());
        assertEquals(1, m.waitingFor(0).size());
        m.accept(new Event.Receive(5, B, hello));
        Step taken = m.step(3);
        Arrow waited = assertInstanceOf(Step.Received.class, taken).arrow();
        assertEquals(1, waited.sentAt());
        assertEquals(3, waited.receivedAt());
        assertEquals(2, waited.waited());
        assertEquals("{:hello, 1}", waited.text());
        assertTrue(m.waitingFor(1).isEmpty());
        assertEquals(1, m.waitingFor(0).size());   // `other` still waits at a
    }

    @Test
    void sendsBetweenProcessesNotOnTheDiagramAreLeftOut() {
        SequenceModel m = new SequenceModel();
        m.add(A, null, "a");
        m.accept(new Event.Send(1, A, C, Atom.of("x")));
        m.accept(new Event.Send(1, C, A, Atom.of("y")));
        assertEquals(0, m.size());
    }

    @Test
    void aRestartedChildGoesOnOnTheSameLifeline() {
        SequenceModel m = new SequenceModel();
        m.add(A, new ChildKey(SUP, Atom.of("worker")), "worker");
        m.add(B, null, "client");
        m.accept(new Event.Send(1, B, A, Atom.of("crash")));
        m.accept(new Event.Receive(2, A, Atom.of("crash")));
        m.accept(new Event.Exit(3, A, Atom.of("boom")));
        m.accept(new Event.Spawn(4, A2, SUP, "Worker.init/1"));
        m.accept(progress(SUP, A2, Atom.of("worker")));
        assertEquals(2, m.lanes().size());
        Lane worker = m.lanes().get(0);
        assertEquals(A2, worker.pid());
        assertEquals(1, worker.restarts());
        assertTrue(m.watched().containsAll(List.of(A2, B, SUP)));
        List<Step> steps = m.steps();
        assertInstanceOf(Step.Exited.class, steps.get(1));
        assertEquals(":boom", ((Step.Exited) steps.get(1)).reason());
        assertEquals(new Step.Started(2, 0, A2.toString(), true), steps.get(2));
        // the new process's messages are drawn on the same lifeline
        m.accept(new Event.Send(6, B, A2, Atom.of("again")));
        assertEquals(0, ((Step.Sent) m.step(3)).arrow().to());
    }

    @Test
    void aChildIdLearnedFromAProgressReportMakesTheRestartFollowToo() {
        SequenceModel m = new SequenceModel();
        m.add(A, null, "worker");
        m.accept(progress(SUP, A, Atom.of("w")));
        m.accept(new Event.Exit(3, A, Atom.of("killed")));
        m.accept(progress(SUP, A2, Atom.of("w")));
        assertEquals(1, m.lanes().size());
        assertEquals(A2, m.lanes().get(0).pid());
    }

    @Test
    void exitsSendExitSignalsToLinkedLifelinesAndMonitorsGetDown() {
        SequenceModel m = new SequenceModel();
        m.add(A, null, "a");
        m.add(B, null, "b");
        m.add(C, null, "c");
        m.accept(new Event.Link(1, A, B));
        Ref ref = Ref.of(5);
        m.accept(new Event.Exit(2, A, Atom.of("boom")));
        m.accept(new Event.Down(3, C, A, ref, Atom.of("boom")));
        List<Step> steps = m.steps();
        Arrow exit = ((Step.Sent) steps.get(1)).arrow();
        assertEquals(Arrow.Kind.EXIT, exit.kind());
        assertEquals(1, exit.to());
        Arrow down = ((Step.Sent) steps.get(2)).arrow();
        assertEquals(Arrow.Kind.DOWN, down.kind());
        assertEquals(0, down.from());
        assertEquals(2, down.to());
        // b traps exits: it takes {:EXIT, a, :boom} as a message; c takes the DOWN message
        m.accept(new Event.Receive(4, B, Tuple.of(Atom.of("EXIT"), A, Atom.of("boom"))));
        m.accept(new Event.Receive(5, C, Tuple.of(Atom.DOWN, ref, Atom.PROCESS, A, Atom.of("boom"))));
        assertEquals(Arrow.End.RECEIVED, exit.end());
        assertEquals(Arrow.End.RECEIVED, down.end());
        assertTrue(down.waited() > 0);
    }

    @Test
    void aMessageItsReceiverNeverTookEndsLostWhereTheReceiverExits() {
        SequenceModel m = new SequenceModel();
        m.add(A, null, "a");
        m.add(B, null, "b");
        m.accept(new Event.Send(1, A, B, Atom.of("late")));
        m.accept(new Event.Exit(2, B, Atom.of("normal")));
        Arrow a = ((Step.Sent) m.step(0)).arrow();
        assertEquals(Arrow.End.LOST, a.end());
        assertEquals(1, a.receivedAt());
    }

    @Test
    void theModelKeepsOnlyTheLastStepsItHasRoomFor() {
        SequenceModel m = new SequenceModel(100);
        m.add(A, null, "a");
        m.add(B, null, "b");
        for (int i = 0; i < 10_000; i++) {
            Object msg = (long) i;
            m.accept(new Event.Send(i, A, B, msg));
            m.accept(new Event.Send(i, B, A, msg));
            m.accept(new Event.Receive(i, B, msg));
            m.accept(new Event.Receive(i, A, msg));
        }
        assertEquals(100, m.size());
        assertEquals(m.end() - 100, m.first());
        assertTrue(m.waiting().size() <= 2 * SequenceModel.WAITING_CAP);
        assertNotEquals(0, m.first());
        assertEquals(m.end() - 1, m.steps().get(99).seq());
    }
}
