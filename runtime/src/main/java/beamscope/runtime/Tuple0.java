package beamscope.runtime;

/** The empty tuple {@code {}}. */
public record Tuple0() implements Tuple {
    static final Tuple0 INSTANCE = new Tuple0();

    @Override
    public int size() {
        return 0;
    }

    @Override
    public Object get(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public String toString() {
        return "{}";
    }
}
