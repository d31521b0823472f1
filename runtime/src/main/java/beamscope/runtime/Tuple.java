package beamscope.runtime;

import java.util.List;

/**
 * An Erlang tuple. {@link #of(Object...)} returns a record per arity up to six ({@link Tuple2},
 * {@link Tuple3}…), so messages can be matched with record patterns:
 *
 * <pre>{@code
 * case Tuple2(Atom tag, Long by) when tag == INCREMENT -> counter(n + by);
 * }</pre>
 *
 * Larger tuples are {@link TupleN}. Tuples are equal by content whatever their arity class, because
 * {@code of} always picks the same class for the same size.
 */
public sealed interface Tuple permits Tuple0, Tuple1, Tuple2, Tuple3, Tuple4, Tuple5, Tuple6, TupleN {

    int size();

    Object get(int index);

    /** The elements, as an unmodifiable list. */
    default List<Object> elements() {
        Object[] a = new Object[size()];
        for (int i = 0; i < a.length; i++) a[i] = get(i);
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(a));
    }

    static Tuple of(Object... elements) {
        return switch (elements.length) {
            case 0 -> Tuple0.INSTANCE;
            case 1 -> new Tuple1(elements[0]);
            case 2 -> new Tuple2(elements[0], elements[1]);
            case 3 -> new Tuple3(elements[0], elements[1], elements[2]);
            case 4 -> new Tuple4(elements[0], elements[1], elements[2], elements[3]);
            case 5 -> new Tuple5(elements[0], elements[1], elements[2], elements[3], elements[4]);
            case 6 -> new Tuple6(elements[0], elements[1], elements[2], elements[3], elements[4], elements[5]);
            default -> new TupleN(elements.clone());
        };
    }

    static Tuple of(List<?> elements) {
        return of(elements.toArray());
    }

    /** True when {@code term} is a tuple whose first element is {@code tag}. */
    static boolean isTagged(Object term, Atom tag) {
        return term instanceof Tuple t && t.size() > 0 && tag.equals(t.get(0));
    }
}
