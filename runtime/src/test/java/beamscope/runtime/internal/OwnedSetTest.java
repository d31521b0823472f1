package beamscope.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The per-process set of links and monitors: a hash set with one writer and lock-free readers. */
class OwnedSetTest {

    @Nested
    class AsASet {
        @Test
        void agreesWithAHashMap_overRandomAddsAndRemoves() {
            OwnedSet<Watch> set = new OwnedSet<>();
            Map<Ref, Watch> model = new HashMap<>();
            SplittableRandom rnd = new SplittableRandom(42);
            for (int step = 0; step < 200_000; step++) {
                // Grow to thousands, churn, then remove only: rebuilds both ways, tombstones in between.
                Ref ref = Ref.of(rnd.nextInt(5_000));
                if (rnd.nextInt(3) > 0 && step < 150_000) {
                    Watch w = new Watch(ref, Pid.of(ref.id()), ref.id());
                    assertThat(set.add(w)).isEqualTo(model.putIfAbsent(ref, w) == null);
                } else {
                    assertThat(set.remove(ref)).isEqualTo(model.remove(ref));
                }
                assertThat(set.size()).isEqualTo(model.size());
            }
            for (Ref r : model.keySet()) assertThat(set.find(r)).isEqualTo(model.get(r));
            assertThat(set.snapshot()).containsExactlyInAnyOrderElementsOf(model.values());
            List<Watch> visited = new ArrayList<>();
            set.forEach(visited::add);
            assertThat(visited).containsExactlyInAnyOrderElementsOf(model.values());
        }

        @Test
        void aPidIsItsOwnKey_andIsAddedOnce() {
            OwnedSet<Pid> links = new OwnedSet<>();
            assertThat(links.add(Pid.of(7))).isTrue();
            assertThat(links.add(Pid.of(7))).isFalse();
            assertThat(links.contains(Pid.of(7))).isTrue();
            assertThat(links.remove(Pid.of(7))).isEqualTo(Pid.of(7));
            assertThat(links.remove(Pid.of(7))).isNull();
            assertThat(links.isEmpty()).isTrue();
            assertThat(links.snapshot()).isEmpty();
        }
    }

    @Nested
    class Observers {
        /**
         * Elements that stay in the set the whole time are in every snapshot, while the owner adds and
         * removes others (growing, shrinking and purging the table) on another thread.
         */
        @Test
        void alwaysSeeTheElementsThatStay_whileTheOwnerChurns() throws Exception {
            OwnedSet<Pid> set = new OwnedSet<>();
            List<Pid> stay = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                stay.add(Pid.of(i));
                set.add(Pid.of(i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread owner = new Thread(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 1_000; i < 3_000; i++) set.add(Pid.of(i));
                        for (int i = 1_000; i < 3_000; i++) set.remove(Pid.of(i));
                    }
                } catch (Throwable t) {
                    failed.set(t);
                } finally {
                    stop.set(true);
                }
            });
            owner.start();
            int snapshots = 0;
            while (!stop.get() || snapshots == 0) {
                List<Pid> seen = set.snapshot();
                assertThat(seen).containsAll(stay).doesNotHaveDuplicates();
                snapshots++;
            }
            owner.join();
            assertThat(failed.get()).isNull();
            assertThat(set.snapshot()).containsExactlyInAnyOrderElementsOf(stay);
        }
    }
}
