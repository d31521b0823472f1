package beamscope.elixir;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A list cell {@code [head | tail]}: prepending is O(1), as on the BEAM, and {@link #tail()} gives the rest
 * without copying. It is a {@code java.util.List} (equal to any list with the same elements), so the runtime
 * prints and compares it like every other list. Iteration walks the cells, never {@code get(i)}.
 */
final class Cons extends AbstractList<Object> {
    final Object head;
    final List<Object> tail;
    private final int size;

    Cons(Object head, List<Object> tail) {
        this.head = head;
        this.tail = tail;
        this.size = 1 + tail.size();
    }

    List<Object> tail() {
        return tail;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException(index);
        List<Object> l = this;
        while (l instanceof Cons c) {
            if (index == 0) return c.head;
            index--;
            l = c.tail;
        }
        return l.get(index);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Iterator<Object> iterator() {
        return new Iterator<>() {
            List<Object> rest = Cons.this;
            Iterator<Object> plain;

            @Override
            public boolean hasNext() {
                if (plain != null) return plain.hasNext();
                if (rest instanceof Cons) return true;
                plain = rest.iterator();
                return plain.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) throw new NoSuchElementException();
                if (plain != null) return plain.next();
                Cons c = (Cons) rest;
                rest = c.tail;
                return c.head;
            }
        };
    }

    @Override
    public List<Object> subList(int from, int to) {
        if (from == 1 && to == size) return tail;
        return super.subList(from, to);
    }
}
