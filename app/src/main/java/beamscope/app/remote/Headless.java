package beamscope.app.remote;

import beamscope.runtime.ProcessSummary;
import beamscope.runtime.Terms;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The headless printer: attaches to a node, prints its supervision trees ({@code tree}) or its process table
 * ({@code processes}) as text, detaches. {@code mvn -q compile exec:exec -Dattach=NODE -Dcookie=COOKIE
 * -Dprint=tree} runs it through the app's launcher.
 */
public final class Headless {
    private Headless() {}

    /** Children printed per supervisor; the rest are counted. */
    static final int CHILDREN_SHOWN = 50;

    /** Returns the process exit status: 0 when printed, 1 (with the reason on {@code err}) when not. */
    public static int run(String node, String cookie, String print, PrintStream out, PrintStream err) {
        String what = print == null || print.isBlank() ? "tree" : print.strip().toLowerCase(Locale.ROOT);
        if (!what.equals("tree") && !what.equals("processes")) {
            err.println("beamscope: -Dprint must be tree or processes, not '" + print + "'");
            return 1;
        }
        try (Connection c = Connection.attach(node, cookie)) {
            BeamNode n = c.node();
            out.println("node " + n.name() + " (OTP " + n.otpRelease() + "), cluster: " + String.join(", ", c.cluster()));
            if (what.equals("tree")) printTree(n, out);
            else printProcesses(n, out);
            out.flush();
            return 0;
        } catch (RemoteError e) {
            err.println("beamscope: cannot attach to " + node + ": " + e.getMessage());
            return 1;
        }
    }

    static void printTree(BeamNode n, PrintStream out) {
        for (Supervision.Application app : n.applications()) {
            out.println(app.name().name() + " " + app.version() + " (" + app.description() + ")"
                    + (app.tree().isEmpty() ? "  no processes" : ""));
            app.tree().ifPresent(s -> printSupervisor(s, "  ", out));
        }
    }

    private static void printSupervisor(Supervision.Supervisor s, String indent, PrintStream out) {
        out.println(indent + s.pid() + " " + s.name().orElse(s.module()) + "  supervisor " + s.strategy()
                + (s.intensity() >= 0 ? " " + s.intensity() + "/" + s.period() + "s" : "")
                + (s.dynamic() ? " dynamic" : "") + ", " + s.children().size() + " children");
        List<Supervision.Child> shown = s.children().subList(0, Math.min(CHILDREN_SHOWN, s.children().size()));
        for (Supervision.Child c : shown) {
            if (c.subtree().isPresent()) {
                printSupervisor(c.subtree().get(), indent + "  ", out);
            } else {
                out.println(indent + "  " + c.pid().map(Object::toString).orElse(c.state().name()) + " "
                        + Terms.inspect(c.id()) + "  " + c.type().atomName());
            }
        }
        if (shown.size() < s.children().size()) out.println(indent + "  ... " + (s.children().size() - shown.size()) + " more");
    }

    static void printProcesses(BeamNode n, PrintStream out) {
        out.println(String.format("%-18s %-40s %-9s %12s %8s %10s", "pid", "name or initial call", "status", "reductions", "msgq", "memory"));
        long[] count = {0};
        n.forEachProcess((ProcessSummary p) -> {
            count[0]++;
            out.println(String.format("%-18s %-40s %-9s %12d %8d %10d", p.pid(),
                    p.registeredName() != null ? p.registeredName() : p.initialCall(),
                    p.status().name().toLowerCase(Locale.ROOT), p.reductions(), p.messageQueueLen(), p.memory()));
        });
        out.println(count[0] + " processes");
    }
}
