package beamscope.record;

/**
 * A term read back from a recording file whose text does not parse as a term (a fun, a Java object):
 * it keeps the text it printed as when recorded.
 */
public record RecordedTerm(String text) {

    /** The term {@code text} prints, or a RecordedTerm keeping the text when it does not parse (cut short, a fun…). */
    public static Object parse(String text) {
        try {
            return beamscope.runtime.Terms.parse(text, beamscope.runtime.ReadLimits.UNTRUSTED);
        } catch (RuntimeException e) {
            return new RecordedTerm(text);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
