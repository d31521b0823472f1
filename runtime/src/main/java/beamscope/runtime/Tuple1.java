package beamscope.runtime;

/** A tuple of 1 elements; see {@link Tuple}. */
public record Tuple1(Object e0) implements Tuple {

    @Override
    public int size() {
        return 1;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> e0;
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
