package beamscope.runtime;

/** A tuple of 2 elements; see {@link Tuple}. */
public record Tuple2(Object e0, Object e1) implements Tuple {

    @Override
    public int size() {
        return 2;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> e0;
            case 1 -> e1;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Tuple && TermEquality.equal(this, o);
    }

    @Override
    public int hashCode() {
        return TermEquality.hash(this);
    }

    @Override
    public String toString() {
        return Terms.inspect(this);
    }
}
