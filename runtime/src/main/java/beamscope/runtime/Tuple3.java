package beamscope.runtime;

/** A tuple of 3 elements; see {@link Tuple}. */
public record Tuple3(Object e0, Object e1, Object e2) implements Tuple {

    @Override
    public int size() {
        return 3;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> e0;
            case 1 -> e1;
            case 2 -> e2;
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
