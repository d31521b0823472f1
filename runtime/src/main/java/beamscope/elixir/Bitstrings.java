package beamscope.elixir;

import beamscope.elixir.Insn.Ev;
import beamscope.elixir.Insn.Pat;
import beamscope.runtime.Atom;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The subset of bitstrings the evaluator runs: {@code <<...>>} built of string segments, {@code x::binary},
 * integers ({@code 97}, {@code n::size(16)}, whole bytes only) and {@code ::utf8}, as values and as patterns
 * ({@code <<first, rest::binary>> = "abc"}). A binary is a Java string (its bytes as UTF-8), so a binary that
 * is not valid UTF-8 and segments that are not whole bytes say "not supported yet". Everything else in
 * {@code <<>>} is a CompileError with line and column.
 */
final class Bitstrings {
    private Bitstrings() {}

    private enum Kind { INTEGER, BINARY, UTF8 }

    /** One segment: its value (or pattern) expression, its type, its size in bits (integers) or bytes (binaries), or null. */
    private record Segment(Object expr, Kind kind, Object size) {}

    private static Segment segment(Compiler c, Object q) {
        if (!Compiler.is(q, "::")) return new Segment(q, q instanceof String ? Kind.BINARY : Kind.INTEGER, null);
        Object expr = Compiler.args(q).get(0);
        List<Object> specs = new ArrayList<>();
        flatten(Compiler.args(q).get(1), specs);
        Kind kind = Kind.INTEGER;
        Object size = null;
        for (Object spec : specs) {
            String name = Compiler.isCall(spec) && Compiler.op(spec) instanceof Atom a ? a.name() : "";
            switch (name) {
                case "binary", "bytes" -> kind = Kind.BINARY;
                case "integer", "big", "unsigned" -> kind = Kind.INTEGER;
                case "utf8" -> kind = Kind.UTF8;
                case "size" -> size = Compiler.args(spec).get(0);
                default -> throw c.unsupported(q, "this binary segment type (only binary, integer, size(n) and utf8)");
            }
        }
        if (kind == Kind.INTEGER && size instanceof Long bits && bits % 8 != 0) {
            throw c.unsupported(q, "integer segments that are not whole bytes");
        }
        return new Segment(expr, kind, size);
    }

    private static void flatten(Object spec, List<Object> out) {
        if (Compiler.is(spec, "-") && Compiler.args(spec).size() == 2) {
            flatten(Compiler.args(spec).get(0), out);
            flatten(Compiler.args(spec).get(1), out);
        } else {
            out.add(spec);
        }
    }

    // ---------------------------------------------------------------- values

    /** {@code <<a, "b", c::binary, n::size(16)>>} as an expression. */
    static Ev value(Compiler c, List<Object> parts) {
        int n = parts.size();
        Kind[] kinds = new Kind[n];
        Ev[] values = new Ev[n];
        Ev[] sizes = new Ev[n];
        for (int i = 0; i < n; i++) {
            Segment seg = segment(c, parts.get(i));
            kinds[i] = seg.kind();
            values[i] = c.ev(seg.expr());
            sizes[i] = seg.size() == null ? null : c.ev(seg.size());
        }
        return (s, m) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                Object v = values[i].ev(s, m);
                Object size = sizes[i] == null ? null : sizes[i].ev(s, m);
                switch (kinds[i]) {
                    case BINARY -> {
                        if (!(v instanceof String str)) throw ElixirError.argument("construction of binary failed: segment " + (i + 1) + " of type 'binary': expected a binary but got: " + Format.inspect(v));
                        byte[] bytes = str.getBytes(StandardCharsets.UTF_8);
                        int len = size == null ? bytes.length : (int) Library.lng(size);
                        if (len > bytes.length) throw ElixirError.argument("construction of binary failed: segment " + (i + 1) + " of type 'binary': the size is larger than the binary");
                        out.write(bytes, 0, len);
                    }
                    case UTF8 -> out.writeBytes(new String(Character.toChars((int) Library.lng(v))).getBytes(StandardCharsets.UTF_8));
                    case INTEGER -> {
                        long bits = size == null ? 8 : Library.lng(size);
                        if (bits % 8 != 0) throw ElixirError.argument("not supported yet: integer segments that are not whole bytes");
                        java.math.BigInteger x = Values.big(v);
                        for (long k = bits / 8 - 1; k >= 0; k--) out.write(x.shiftRight((int) (8 * k)).intValue() & 0xff);
                    }
                }
            }
            return string(out.toByteArray());
        };
    }

    /** Bytes as the binary they are: a string when they are UTF-8, else "not supported yet". */
    static String string(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder("<<");
            for (int i = 0; i < bytes.length; i++) sb.append(i == 0 ? "" : ", ").append(bytes[i] & 0xff);
            throw ElixirError.argument("not supported yet: binaries that are not UTF-8 text: " + sb.append(">>"));
        }
    }

    // ---------------------------------------------------------------- patterns

    /** {@code <<first, rest::binary>>} as a pattern. */
    static Pat pattern(Compiler c, Object q, List<Object> parts, Set<String> bound) {
        int n = parts.size();
        Kind[] kinds = new Kind[n];
        Pat[] pats = new Pat[n];
        Ev[] sizes = new Ev[n];
        for (int i = 0; i < n; i++) {
            Segment seg = segment(c, parts.get(i));
            kinds[i] = seg.kind();
            if (seg.kind() == Kind.BINARY && seg.size() == null && !(seg.expr() instanceof String) && i != n - 1) {
                throw c.error(parts.get(i), "a binary field without size is only allowed at the end of a binary pattern");
            }
            if (seg.expr() instanceof String lit && seg.size() == null) {
                long len = lit.getBytes(StandardCharsets.UTF_8).length;
                sizes[i] = (sl, mm) -> len;
            } else {
                sizes[i] = seg.size() == null ? null : c.ev(seg.size()); // a size may name a variable bound to its left
            }
            pats[i] = c.pattern(seg.expr(), bound);
        }
        return (v, s, m) -> {
            if (!(v instanceof String str)) return false;
            byte[] bytes = str.getBytes(StandardCharsets.UTF_8);
            int at = 0;
            for (int i = 0; i < n; i++) {
                Object part;
                switch (kinds[i]) {
                    case BINARY -> {
                        int len = sizes[i] == null ? bytes.length - at : (int) Library.lng(sizes[i].ev(s, m));
                        if (len < 0 || at + len > bytes.length) return false;
                        part = string(java.util.Arrays.copyOfRange(bytes, at, at + len));
                        at += len;
                    }
                    case UTF8 -> {
                        if (at >= bytes.length) return false;
                        int b0 = bytes[at] & 0xff;
                        int len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
                        if (at + len > bytes.length) return false;
                        part = (long) string(java.util.Arrays.copyOfRange(bytes, at, at + len)).codePointAt(0);
                        at += len;
                    }
                    default -> {
                        long bits = sizes[i] == null ? 8 : Library.lng(sizes[i].ev(s, m));
                        if (bits % 8 != 0) throw ElixirError.argument("not supported yet: integer segments that are not whole bytes");
                        int len = (int) (bits / 8);
                        if (at + len > bytes.length) return false;
                        java.math.BigInteger x = java.math.BigInteger.ZERO;
                        for (int k = 0; k < len; k++) x = x.shiftLeft(8).or(java.math.BigInteger.valueOf(bytes[at + k] & 0xff));
                        part = Values.norm(x);
                        at += len;
                    }
                }
                if (!pats[i].match(part, s, m)) return false;
            }
            return at == bytes.length;
        };
    }
}
