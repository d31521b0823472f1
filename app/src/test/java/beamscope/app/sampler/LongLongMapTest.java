package beamscope.app.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongLongMapTest {
    @Test
    void remembersGrowsAndClears() {
        LongLongMap m = new LongLongMap(4);
        for (long k = 0; k < 10_000; k++) m.put(k * 7, k);
        assertThat(m.size()).isEqualTo(10_000);
        assertThat(m.get(7 * 9_999, -1)).isEqualTo(9_999);
        assertThat(m.get(3, -1)).isEqualTo(-1);
        m.clear(10);
        assertThat(m.size()).isZero();
        assertThat(m.get(7, -1)).isEqualTo(-1);
    }
}
