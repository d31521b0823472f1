package beamscope.runtime;

/**
 * Run in a JVM of its own by {@code TermsTest.Atoms} with a small {@code beamscope.atoms.limit}: fills the
 * atom table and prints what happens, one {@code key: value} a line. (The test JVM's own table must not fill.)
 */
public final class AtomTableFill {
    public static void main(String[] args) {
        System.out.println("limit: " + Atom.tableLimit());
        int made = 0;
        try {
            while (true) {
                Atom.of("fill_" + made);
                made++;
            }
        } catch (ErlangError e) {
            System.out.println("count when full: " + Atom.count());
            System.out.println("reason is the atom system_limit: " + (e.reason() == Atom.SYSTEM_LIMIT));
            System.out.println("message: " + e.getMessage());
        }
        System.out.println("an existing atom still works: " + (Atom.of("fill_0") == Atom.of("fill_0")));
        try {
            Terms.parse("{:ok, :not_there_yet}");
            System.out.println("parse: no error");
        } catch (TermSyntaxException e) {
            System.out.println("parse fails at: " + e.position() + ", expected " + e.expected());
        }
        System.out.println("parse of existing atoms: " + Terms.inspect(Terms.parse("{:ok, :fill_1}")));
        System.out.println("count at the end: " + Atom.count());
    }
}
