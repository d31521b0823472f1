package beamscope.app.lessons;

import java.util.List;

/**
 * One run of a lesson: {@link #start} spawns its processes on the stage (under the lesson's own top
 * supervisor), {@link #steps} are what the learner does next, in order. A script is used once.
 */
public interface Script {

    /** Starts the lesson's processes; blocks until they are up (called off the FX thread). */
    void start(Stage stage) throws Exception;

    List<Step> steps();
}
