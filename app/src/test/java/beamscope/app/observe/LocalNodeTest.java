package beamscope.app.observe;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Atom;
import beamscope.runtime.Node;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell behaves like IEx's: it traps exits, and a kill ends it and a new shell starts. */
class LocalNodeTest {

    @Test
    void killingTheShellStartsANewOneWithANewPid() {
        try (Node node = Node.start(); LocalNode observed = new LocalNode(node)) {
            Pid first = observed.shell();
            observed.exit(first, Atom.of("oops")); // trapped: a message, the shell lives
            List<Observed.ShellMessage> got = new ArrayList<>();
            drainUntil(observed, got, 1);
            assertThat(got.get(0).message()).isEqualTo(Tuple.of(Atom.EXIT, Node.SYSTEM, Atom.of("oops")));
            assertThat(observed.shell()).isEqualTo(first);

            observed.exit(first, Atom.KILL);
            drainUntil(observed, got, 2);
            assertThat((String) got.get(1).message()).contains("shell process exited with reason: :killed");
            Pid second = observed.shell();
            assertThat(second).isNotEqualTo(first);
            assertThat(node.isAlive(first)).isFalse();
            assertThat(node.isAlive(second)).isTrue();
        }
    }

    private static void drainUntil(LocalNode observed, List<Observed.ShellMessage> into, int count) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (into.size() < count) {
            observed.drainShell(into, 10);
            if (System.nanoTime() > end) throw new AssertionError("no shell message");
            Thread.onSpinWait();
        }
    }
}
