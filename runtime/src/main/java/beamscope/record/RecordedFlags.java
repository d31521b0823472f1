package beamscope.record;

/** A supervisor's flags as a snapshot saw them: its restart strategy ("one_for_one"…), intensity and period (seconds). */
public record RecordedFlags(String strategy, int intensity, int period) {}
