package beamscope.app.lessons;

/**
 * What came of one step: {@code happened} when its expected outcome was seen on the node before the
 * deadline ({@code line} then says what was seen), else {@code note} says what did not happen.
 */
public record StepResult(int index, boolean happened, String line, String note) {

    static StepResult happened(int index, String line) {
        return new StepResult(index, true, line, "");
    }

    static StepResult missed(int index, String note) {
        return new StepResult(index, false, "", note);
    }
}
