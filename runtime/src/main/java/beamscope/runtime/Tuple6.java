package beamscope.runtime;

/** A tuple of 6 elements; see {@link Tuple}. */
public record Tuple6(Object e0, Object e1, Object e2, Object e3, Object e4, Object e5) implements Tuple {

    @Override
    public int size() {
        return 6;
    }

    @Override
    public Object get(int index) {
        return switch (index) {
            case 0 -> e0;
            case 1 -> e1;
            case 2 -> e2;
            case 3 -> e3;
            case 4 -> e4;
            case 5 -> e5;
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
