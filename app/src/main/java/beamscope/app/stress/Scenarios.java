package beamscope.app.stress;

import java.util.List;
import java.util.Optional;

/** Every stress scenario, in menu order. */
public final class Scenarios {
    private Scenarios() {}

    public static final List<Scenario> ALL = List.of(new MillionScenario(), new PriorityScenario(), new FloodScenario(),
            new ChaosScenario(), new SpawnStormScenario());

    public static Optional<Scenario> byId(String id) {
        return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
