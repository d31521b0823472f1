package beamscope.app.remote;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Tuple;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangBitstr;
import com.ericsson.otp.erlang.OtpErlangDouble;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangMap;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangRef;
import com.ericsson.otp.erlang.OtpErlangString;
import com.ericsson.otp.erlang.OtpErlangTuple;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts terms between JInterface and the runtime's term types (see {@link beamscope.runtime.Terms}):
 * atoms, integers, floats, UTF-8 binaries as strings, lists, tuples, maps, pids and references through a
 * {@link PidTable}. What the runtime has no type for (ports, funs, bit strings, binaries that are not UTF-8,
 * improper lists) becomes an {@link Opaque} that prints as Erlang does and converts back unchanged.
 */
public final class TermCodec {

    /** A remote term the runtime has no type for; kept whole, so it can be sent back. */
    public record Opaque(OtpErlangObject term) {
        @Override
        public String toString() {
            return term.toString();
        }
    }

    private final PidTable pids;

    public TermCodec(PidTable pids) {
        this.pids = pids;
    }

    public PidTable pids() {
        return pids;
    }

    /** The runtime form of a remote term. */
    public Object fromOtp(OtpErlangObject o) {
        return switch (o) {
            case null -> null;
            case OtpErlangAtom a -> Atom.of(a.atomValue());
            case OtpErlangLong l -> l.isLong() ? (Object) l.longValue() : l.bigIntegerValue();
            case OtpErlangDouble d -> d.doubleValue();
            case OtpErlangBinary b -> utf8(b.binaryValue(), o);
            case OtpErlangBitstr b -> new Opaque(b);
            case OtpErlangString s -> s.stringValue().codePoints().mapToObj(c -> (Object) (long) c).toList();
            case OtpErlangList l -> {
                if (l.getLastTail() != null) yield new Opaque(l);
                List<Object> out = new ArrayList<>(l.arity());
                for (OtpErlangObject e : l) out.add(fromOtp(e));
                yield Collections.unmodifiableList(out);
            }
            case OtpErlangTuple t -> {
                Object[] es = new Object[t.arity()];
                for (int i = 0; i < es.length; i++) es[i] = fromOtp(t.elementAt(i));
                yield Tuple.of(es);
            }
            case OtpErlangMap m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (OtpErlangObject k : m.keys()) out.put(fromOtp(k), fromOtp(m.get(k)));
                yield Collections.unmodifiableMap(out);
            }
            case OtpErlangPid p -> pids.toPid(p);
            case OtpErlangRef r -> pids.toRef(r);
            default -> new Opaque(o);
        };
    }

    private static Object utf8(byte[] bytes, OtpErlangObject original) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return new Opaque(original);
        }
    }

    /** The remote form of a runtime term; throws for a Java object that is no term. */
    public OtpErlangObject toOtp(Object term) {
        return switch (term) {
            case null -> new OtpErlangAtom("nil");
            case Atom a -> new OtpErlangAtom(a.name());
            case Boolean b -> new OtpErlangAtom(b.toString());
            case Long l -> new OtpErlangLong(l);
            case Integer i -> new OtpErlangLong(i);
            case Short s -> new OtpErlangLong(s);
            case Byte b -> new OtpErlangLong(b);
            case BigInteger b -> new OtpErlangLong(b);
            case Double d -> new OtpErlangDouble(d);
            case Float f -> new OtpErlangDouble(f);
            case String s -> new OtpErlangBinary(s.getBytes(StandardCharsets.UTF_8));
            case Pid p -> pids.toOtp(p);
            case Ref r -> pids.toOtp(r);
            case Opaque op -> op.term();
            case Tuple t -> {
                OtpErlangObject[] es = new OtpErlangObject[t.size()];
                for (int i = 0; i < es.length; i++) es[i] = toOtp(t.get(i));
                yield new OtpErlangTuple(es);
            }
            case List<?> l -> {
                OtpErlangObject[] es = new OtpErlangObject[l.size()];
                for (int i = 0; i < es.length; i++) es[i] = toOtp(l.get(i));
                yield new OtpErlangList(es);
            }
            case Map<?, ?> m -> {
                OtpErlangObject[] ks = new OtpErlangObject[m.size()], vs = new OtpErlangObject[m.size()];
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    ks[i] = toOtp(e.getKey());
                    vs[i++] = toOtp(e.getValue());
                }
                yield new OtpErlangMap(ks, vs);
            }
            case OtpErlangObject o -> o;
            default -> throw new IllegalArgumentException("not an Erlang term: " + term.getClass().getName());
        };
    }
}
