package beamscope.runtime;

/** A tuple of seven or more elements; see {@link Tuple}. Equal by content. */
public record TupleN(Object[] items) implements Tuple {

    public TupleN {
        items = items.clone();
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public Object[] items() {
        return items.clone();
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
