package beamscope.runtime.otp;

/** How a supervisor restarts (D13–D15). */
public enum Strategy {
    /** Only the child that exited is restarted. */
    ONE_FOR_ONE,
    /** All children are terminated (right to left) and all restarted (left to right). */
    ONE_FOR_ALL,
    /** The children started after the failed one are terminated; it and they are restarted. */
    REST_FOR_ONE;

    /** The Erlang atom name, {@code one_for_one}… */
    public String atomName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
