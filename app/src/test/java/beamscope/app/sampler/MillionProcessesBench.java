package beamscope.app.sampler;

import beamscope.app.observe.EmbeddedControls;
import beamscope.app.observe.LocalNode;
import beamscope.app.observe.Observed;
import beamscope.app.observe.ProcessKind;
import beamscope.runtime.Node;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("bench")
/**
 * How long one sample takes with a million processes (not a test: prints timings). Run with
 * {@code mvn -pl app -am verify -Dtest=MillionProcessesBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MillionProcessesBench {
    @Test
    void sampleAMillion() {
        try (Node node = Node.start(); LocalNode o = new LocalNode(node, beamscope.app.demo.Examples.CATALOGUE)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) o.spawn(ProcessKind.ECHO, EmbeddedControls.Spawn.defaults());
            System.out.printf("spawn 1M: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Sampler s = new Sampler(o, Runnable::run, f -> { });
            for (int i = 0; i < 6; i++) {
                long a = System.nanoTime();
                Frame f = s.sample();
                System.out.printf("sample: %d ms rows=%d matching=%d%n", (System.nanoTime() - a) / 1_000_000, f.rows().size(), f.matching());
            }
            for (int k = 0; k < 3; k++) {
            s.setQuery(Query.defaults().withFilter("echo"));
            long a = System.nanoTime();
            Frame f = s.sample();
            System.out.printf("filtered sample: %d ms matching=%d%n", (System.nanoTime() - a) / 1_000_000, f.matching());
            s.setQuery(Query.defaults().withFilter("<0.4242"));
            a = System.nanoTime();
            f = s.sample();
            System.out.printf("pid filtered sample: %d ms matching=%d%n", (System.nanoTime() - a) / 1_000_000, f.matching());
            s.setQuery(Query.defaults().withSort(SortKey.NAME, false));
            a = System.nanoTime();
            s.sample();
            System.out.printf("sort by name: %d ms%n", (System.nanoTime() - a) / 1_000_000);
            }
            s.close();
        }
    }
}
