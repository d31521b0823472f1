package beamscope.app.tree;

import java.util.Locale;

/** A supervisor's restart strategy, as the tree prints it. */
public enum Strategy {
    ONE_FOR_ONE, ONE_FOR_ALL, REST_FOR_ONE, SIMPLE_ONE_FOR_ONE;

    /** {@code one_for_one}, as Erlang writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
