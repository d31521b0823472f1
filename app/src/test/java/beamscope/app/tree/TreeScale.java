package beamscope.app.tree;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Behaviors;
import beamscope.runtime.Node;
import beamscope.runtime.NodeConfig;
import beamscope.runtime.Pid;
import beamscope.runtime.ProcessSummary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sampler's cost on a real node with a million processes (on demand:
 * {@code -Dtest=TreeScale -Dbeamscope.scale=true}): reading the processes, asking the OTP probe, and
 * building the frame.
 */
@EnabledIfSystemProperty(named = "beamscope.scale", matches = "true")
class TreeScale {

    /** Spawns {@code n} idle children, a thousand per message so it does not hog its scheduler. */
    static beamscope.runtime.Behavior spawner(int n) {
        return Behaviors.setup(ctx -> {
            ctx.send(ctx.self(), n);
            return Behaviors.receive((c, m) -> {
                int left = (Integer) m;
                for (int i = 0; i < Math.min(1000, left); i++) c.spawn(TreeDemo.worker("Conn.loop/1"));
                if (left > 1000) c.send(c.self(), left - 1000);
                return Behaviors.same();
            });
        });
    }

    @Test
    void aMillionProcesses() throws Exception {
        try (Node node = Node.start(NodeConfig.defaults().withSchedulers(2))) {
            TreeDemo.start(node);
            Pid[] parents = new Pid[10];
            long t = System.nanoTime();
            for (int i = 0; i < parents.length; i++) parents[i] = node.spawn(spawner(100_000));
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> node.processCount() >= 1_000_010);
            System.out.printf("%,d processes after %d s%n", node.processCount(), (System.nanoTime() - t) / 1_000_000_000L);
            SupervisorProbe probe = new OtpProbe(node);
            TreeFrame f = null;
            long bestRead = Long.MAX_VALUE, bestProbe = Long.MAX_VALUE, bestBuild = Long.MAX_VALUE;
            for (int i = 0; i < 8; i++) {
                long t0 = System.nanoTime();
                List<ProcessSummary> ps = node.processes();
                long t1 = System.nanoTime();
                Map<Pid, SupervisorInfo> sups = probe.supervisors(ps);
                long t2 = System.nanoTime();
                f = TreeFrame.from("n", ps, sups, TreeShape.INITIAL, f == null ? java.util.Set.of() : f.shownPids());
                long t3 = System.nanoTime();
                bestRead = Math.min(bestRead, t1 - t0);
                bestProbe = Math.min(bestProbe, t2 - t1);
                bestBuild = Math.min(bestBuild, t3 - t2);
            }
            System.out.printf("real node, %,d processes: node.processes() %.1f ms, OtpProbe %.1f ms, TreeFrame.from %.1f ms (best of 8)%n",
                    f.processes(), bestRead / 1e6, bestProbe / 1e6, bestBuild / 1e6);
            assertThat(f.items().size()).isLessThan(100);
        }
    }
}
