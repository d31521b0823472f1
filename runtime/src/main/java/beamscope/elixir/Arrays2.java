package beamscope.elixir;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Unmodifiable lists over arrays the evaluator built and owns. */
final class Arrays2 {
    private Arrays2() {}

    static List<Object> list(Object[] items) {
        return items.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(items));
    }

    static List<Object> list(List<Object> fresh) {
        return Collections.unmodifiableList(fresh);
    }
}
