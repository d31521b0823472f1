package beamscope.runtime;

/**
 * Bounds for {@link Terms#parse(String, ReadLimits)} when the text comes from someone else, such as text
 * pasted into the window. Atoms are never collected, so a text full of new atom names would otherwise fill
 * the atom table for good; as {@code binary_to_term/2}'s {@code safe} option protects the BEAM from a peer,
 * these bound what one text can take.
 *
 * <p>With a bound on new atoms, reading makes no atom until the whole text has read without error (a
 * first pass holds new names aside and counts them); a text with an error, or with more new atoms than
 * allowed, leaves the atom table as it was.
 *
 * @param maxChars    the longest text read; a longer one fails at that position, before anything is read
 * @param maxNewAtoms how many atoms not yet in the table one text may create; an atom beyond that fails at
 *                    its position, asking for an existing atom
 */
public record ReadLimits(int maxChars, int maxNewAtoms) {

    /** No bounds but the atom table's own ({@link Atom#tableLimit()}): for text the program itself wrote. */
    public static final ReadLimits NONE = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * For text a person typed or pasted: at most 1 MiB characters and 100 new atoms. A text that reads
     * within these takes at most a few tens of megabytes while it is read, and at most 100 · 255 characters
     * of atom names for good.
     */
    public static final ReadLimits UNTRUSTED = new ReadLimits(1 << 20, 100);

    public ReadLimits {
        if (maxChars < 0 || maxNewAtoms < 0) throw new IllegalArgumentException("limits must not be negative");
    }

    /** These limits with another bound on new atoms; 0 accepts only atoms that already exist. */
    public ReadLimits withMaxNewAtoms(int n) {
        return new ReadLimits(maxChars, n);
    }

    /** These limits with another bound on the text's length. */
    public ReadLimits withMaxChars(int n) {
        return new ReadLimits(n, maxNewAtoms);
    }
}
