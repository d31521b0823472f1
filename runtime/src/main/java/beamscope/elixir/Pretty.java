package beamscope.elixir;

import beamscope.runtime.Atom;
import beamscope.runtime.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@code IO.inspect}'s pretty printing (Elixir's {@code pretty: true, width: 80}): a value becomes a document
 * as Elixir's Inspect protocol builds it (Inspect.Algebra's container_doc: lists of simple elements and
 * tuples fill lines with flex breaks, other lists, keyword lists and maps break all their elements), and the
 * document is laid out as Inspect.Algebra.format does. Leaves (numbers, atoms, strings, pids, ...) are printed
 * by {@link Format}.
 */
final class Pretty {
    private Pretty() {}

    static final int WIDTH = 80;

    private sealed interface Doc {}

    private record Text(String s) implements Doc {}

    private record Break(String s, boolean flex) implements Doc {}

    private record Nest(Doc doc, int indent) implements Doc {}

    private record Group(Doc doc) implements Doc {}

    private record Concat(List<Doc> docs) implements Doc {}

    private static Doc concat(Doc... docs) {
        return new Concat(List.of(docs));
    }

    /** {@code v} laid out in {@link #WIDTH} columns, the first line starting at column {@code start}. */
    static String format(Object v, int start, boolean asLists) {
        String flat = Format.inspect(v, asLists);
        if (start + flat.length() <= WIDTH) return flat;
        StringBuilder out = new StringBuilder();
        layout(doc(v, asLists), start, out);
        return out.toString();
    }

    // ---------------------------------------------------------------- values as documents

    private static Doc doc(Object v, boolean asLists) {
        return switch (v) {
            case Tuple t when t.size() > 0 -> {
                List<Doc> docs = new ArrayList<>();
                for (Object o : t.elements()) docs.add(doc(o, asLists));
                yield container("{", docs, "}", true);
            }
            case List<?> l when !l.isEmpty() && (asLists || !Format.isPrintableCharlist(l)) -> {
                List<Doc> docs = new ArrayList<>();
                boolean keywords = Format.isKeywordList(l);
                boolean simple = !keywords;
                for (Object o : l) {
                    Doc d = keywords ? concat(new Text(keyword((Atom) ((Tuple) o).get(0))), doc(((Tuple) o).get(1), asLists)) : doc(o, asLists);
                    simple &= d instanceof Text;
                    docs.add(d);
                }
                yield container("[", docs, "]", simple);
            }
            case Map<?, ?> m when isPlainMap(m) && !m.isEmpty() -> {
                List<Object> keys = Values.sortedKeys(castMap(m));
                boolean allAtoms = keys.stream().allMatch(k -> k instanceof Atom);
                List<Doc> docs = new ArrayList<>();
                for (Object k : keys) {
                    docs.add(allAtoms ? concat(new Text(keyword((Atom) k)), doc(m.get(k), asLists))
                            : concat(doc(k, asLists), new Text(" => "), doc(m.get(k), asLists)));
                }
                yield container("%{", docs, "}", false);
            }
            default -> new Text(Format.inspect(v, asLists));
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> castMap(Map<?, ?> m) {
        return (Map<Object, Object>) m;
    }

    private static boolean isPlainMap(Map<?, ?> m) {
        return m.get(Values.STRUCT) == null;
    }

    private static String keyword(Atom key) {
        String s = Format.inspect(List.of(Tuple.of(key, 0L)));   // "[key: 0]"
        return s.substring(1, s.length() - 2);
    }

    /** Inspect.Algebra.container_doc: flex breaks for simple elements (and tuples), else strict ones. */
    private static Doc container(String left, List<Doc> docs, String right, boolean flex) {
        Doc joined = docs.get(docs.size() - 1);
        for (int i = docs.size() - 2; i >= 0; i--) {
            joined = concat(docs.get(i), new Text(","), new Break(" ", flex), joined);
        }
        if (flex) return new Group(concat(new Text(left), new Nest(joined, 1), new Text(right)));
        return new Group(concat(new Nest(concat(new Text(left), new Break("", false), joined), 2), new Break("", false), new Text(right)));
    }

    // ---------------------------------------------------------------- Inspect.Algebra.format

    private record Entry(int indent, boolean flat, Doc doc) {}

    private static void layout(Doc doc, int start, StringBuilder out) {
        Deque<Entry> stack = new ArrayDeque<>();
        stack.push(new Entry(0, false, doc));
        int k = start;
        while (!stack.isEmpty()) {
            Entry e = stack.pop();
            switch (e.doc()) {
                case Text t -> {
                    out.append(t.s());
                    k += t.s().length();
                }
                case Concat c -> {
                    for (int i = c.docs().size() - 1; i >= 0; i--) stack.push(new Entry(e.indent(), e.flat(), c.docs().get(i)));
                }
                case Nest n -> stack.push(new Entry(e.indent() + n.indent(), e.flat(), n.doc()));
                case Group g -> {
                    boolean flat = e.flat() || fits(WIDTH - k, List.of(new Entry(e.indent(), true, g.doc())));
                    stack.push(new Entry(e.indent(), flat, g.doc()));
                }
                case Break b -> {
                    boolean space;
                    if (e.flat()) space = true;
                    else if (b.flex()) space = fits(WIDTH - k - b.s().length(), new ArrayList<>(stack));
                    else space = false;
                    if (space) {
                        out.append(b.s());
                        k += b.s().length();
                    } else {
                        out.append('\n').append(" ".repeat(e.indent()));
                        k = e.indent();
                    }
                }
            }
        }
    }

    /** Whether the entries fit in {@code room} columns up to their first break in break mode. */
    private static boolean fits(int room, List<Entry> entries) {
        Deque<Entry> stack = new ArrayDeque<>(entries); // the first entry is laid out first
        while (room >= 0) {
            if (stack.isEmpty()) return true;
            Entry e = stack.pop();
            switch (e.doc()) {
                case Text t -> room -= t.s().length();
                case Concat c -> {
                    for (int i = c.docs().size() - 1; i >= 0; i--) stack.push(new Entry(e.indent(), e.flat(), c.docs().get(i)));
                }
                case Nest n -> stack.push(new Entry(e.indent() + n.indent(), e.flat(), n.doc()));
                case Group g -> stack.push(new Entry(e.indent(), true, g.doc()));
                case Break b -> {
                    if (!e.flat()) return true;
                    room -= b.s().length();
                }
            }
        }
        return false;
    }
}
