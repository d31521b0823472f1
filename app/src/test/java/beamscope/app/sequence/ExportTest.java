package beamscope.app.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import beamscope.runtime.Atom;
import beamscope.runtime.Event;
import beamscope.runtime.Pid;
import beamscope.runtime.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ExportTest {
    static final Pid PING = Pid.of(80), PONG = Pid.of(81), SUP = Pid.of(70), PONG2 = Pid.of(95);

    /** ping asks twice, pong answers the first at once and the second after a while, then crashes and comes back. */
    static SequenceModel scripted() {
        SequenceModel m = new SequenceModel();
        m.add(PING, null, "ping");
        m.add(PONG, new ChildKey(SUP, Atom.of("pong")), "pong");
        Object p1 = Tuple.of(Atom.of("ping"), PING), p2 = Tuple.of(Atom.of("ping"), PING), pong = Tuple.of(Atom.of("pong"), PONG);
        m.accept(new Event.Send(1, PING, PONG, p1));
        m.accept(new Event.Receive(2, PONG, p1));
        m.accept(new Event.Send(3, PONG, PING, pong));
        m.accept(new Event.Receive(4, PING, pong));
        m.accept(new Event.Send(5, PING, PONG, p2));
        m.accept(new Event.Spawn(6, Pid.of(99), PING, "Task.run/1"));
        m.accept(new Event.Receive(7, PONG, p2));
        m.accept(new Event.Exit(8, PONG, Atom.of("boom")));
        m.accept(SequenceModelTest.progress(SUP, PONG2, Atom.of("pong")));
        return m;
    }

    @Test
    void mermaidTextOfAScriptedExchange() {
        assertEquals("""
                sequenceDiagram
                    participant L0 as ping #35;PID#lt;0.80.0#gt;
                    participant L1 as pong #35;PID#lt;0.95.0#gt;
                    L0->>L1: {:ping, #35;PID#lt;0.80.0#gt;}
                    L1->>L0: {:pong, #35;PID#lt;0.81.0#gt;}
                    L0-)L1: {:ping, #35;PID#lt;0.80.0#gt;}
                    Note over L0: spawns #35;PID#lt;0.99.0#gt;
                    Note over L1: takes {:ping, #35;PID#lt;0.80.0#gt;} (waited 2 steps)
                    Note over L1: exits: :boom
                    Note over L1: restarted as #35;PID#lt;0.95.0#gt;
                """, Mermaid.of(scripted()));
    }

    @Test
    void svgIsWellFormedXmlWithALifelinePerLaneAndAnArrowPerMessage() throws Exception {
        String svg = Svg.of(scripted(), new Svg.Palette("#fff", "#111", "#666", "#999", "#63a", "#a50", "#c7a", "#c00", "#07b"), 14);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        var lines = doc.getElementsByTagName("line");
        int lifelines = 0, messages = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            String cls = lines.item(i).getAttributes().getNamedItem("class").getNodeValue();
            if (cls.equals("lifeline")) lifelines++;
            if (cls.equals("MESSAGE")) messages++;
        }
        assertEquals(2, lifelines);
        assertEquals(3, messages);
        assertTrue(svg.contains("{:pong, #PID&lt;0.81.0&gt;}"), svg);
    }
}
