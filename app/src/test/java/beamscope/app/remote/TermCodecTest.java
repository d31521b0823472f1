package beamscope.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beamscope.runtime.Atom;
import beamscope.runtime.Pid;
import beamscope.runtime.Ref;
import beamscope.runtime.Terms;
import beamscope.runtime.Tuple;
import com.ericsson.otp.erlang.OtpErlangAtom;
import com.ericsson.otp.erlang.OtpErlangBinary;
import com.ericsson.otp.erlang.OtpErlangList;
import com.ericsson.otp.erlang.OtpErlangLong;
import com.ericsson.otp.erlang.OtpErlangObject;
import com.ericsson.otp.erlang.OtpErlangPid;
import com.ericsson.otp.erlang.OtpErlangRef;
import com.ericsson.otp.erlang.OtpErlangString;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Terms and pids of real nodes in the runtime's types, without a node. */
class TermCodecTest {

    final PidTable table = new PidTable();
    final TermCodec codec = new TermCodec(table);

    @Nested
    class Pids {
        @Test
        void theFirstNodeSeenIsIndex0_soItsPidsPrintAsInItsOwnShell() {
            Pid p = table.toPid(new OtpErlangPid("a@host", 42, 0, 7));
            assertThat(p).isEqualTo(new Pid(0, 42));
            assertThat(Terms.inspect(p)).isEqualTo("#PID<0.42.0>");
        }

        @Test
        void anotherNode_andARestartedIncarnation_getTheirOwnIndex() {
            Pid a = table.toPid(new OtpErlangPid("a@host", 1, 0, 7));
            Pid b = table.toPid(new OtpErlangPid("b@host", 1, 0, 9));
            Pid aAgain = table.toPid(new OtpErlangPid("a@host", 1, 0, 8));
            assertThat(List.of(a.node(), b.node(), aAgain.node())).containsExactly(0, 1, 2);
            assertThat(table.toOtp(aAgain).creation()).isEqualTo(8);
        }

        @Test
        void idSerialAndCreation_surviveTheRoundTrip() {
            OtpErlangPid remote = new OtpErlangPid("a@host", 0x7fff_fff0, 5, 1_796_402_630);
            assertThat(table.toOtp(table.toPid(remote))).isEqualTo(remote);
        }

        @Test
        void aPidOfNoAttachedNode_isRefused() {
            assertThatThrownBy(() -> table.toOtp(new Pid(3, 1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a pid of a node Beamscope is attached to");
        }

        @Test
        void references_areNumberedAndMapBack() {
            OtpErlangRef r = new OtpErlangRef("a@host", new int[] {1, 2, 3}, 7);
            Ref ref = table.toRef(r);
            assertThat(table.toRef(new OtpErlangRef("a@host", new int[] {1, 2, 3}, 7))).isEqualTo(ref);
            assertThat(table.toOtp(ref)).isEqualTo(r);
        }
    }

    @Nested
    class Terms_ {
        @Test
        void containers_atomsNumbersAndUtf8Binaries_becomeRuntimeTerms() {
            Object t = codec.fromOtp(codec.toOtp(Tuple.of(Atom.OK, List.of(1L, 2.5, "héllo"), Map.of(Atom.of("k"), BigInteger.TEN.pow(30)))));
            assertThat(t).isEqualTo(Tuple.of(Atom.OK, List.of(1L, 2.5, "héllo"), Map.of(Atom.of("k"), BigInteger.TEN.pow(30))));
        }

        @Test
        void aCharlist_arrivingAsAString_isAListOfCodePoints() {
            assertThat(codec.fromOtp(new OtpErlangString("ab"))).isEqualTo(List.of(97L, 98L));
            assertThat(BeamNode.list(new OtpErlangString("ab")).elementAt(1)).isEqualTo(new OtpErlangLong(98));
        }

        @Test
        void whatTheRuntimeCannotHold_staysOpaque_andGoesBackUnchanged() throws Exception {
            OtpErlangBinary notText = new OtpErlangBinary(new byte[] {(byte) 0xff, 0});
            OtpErlangList improper = new OtpErlangList(new OtpErlangObject[] {new OtpErlangAtom("a")}, new OtpErlangAtom("b"));
            for (OtpErlangObject o : List.of(notText, improper)) {
                Object held = codec.fromOtp(o);
                assertThat(held).isInstanceOf(TermCodec.Opaque.class);
                assertThat(codec.toOtp(held)).isEqualTo(o);
            }
        }

        @Test
        void initialCalls_printAsElixirDoes() {
            assertThat(BeamNode.mfa(codec.toOtp(Tuple.of(Atom.of("gen_server"), Atom.of("init_it"), 6L)))).isEqualTo(":gen_server.init_it/6");
            assertThat(BeamNode.mfa(codec.toOtp(Tuple.of(Atom.of("Elixir.My.Worker"), Atom.of("init"), List.of(Atom.of("x"))))))
                    .isEqualTo("My.Worker.init/1");
        }
    }
}
