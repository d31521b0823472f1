package beamscope.record;

/**
 * A term read back from a recording file whose text does not parse as a term (a fun, a Java object):
 * it keeps the text it printed as when recorded.
 */
public record RecordedTerm(String text) {
    @Override
    public String toString() {
        return text;
    }
}
