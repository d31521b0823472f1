package beamscope.elixir;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the output of an Elixir program comparable between two runs and two runtimes (the BEAM and
 * Beamscope): pids are renumbered {@code #PID<0.100.0>}, {@code #PID<0.101.0>}, ... in the order they first
 * appear, references {@code #Reference<0.0.0.100>}, ... likewise; an error report (a line starting
 * {@code ** (}) keeps its first line and loses the stack trace indented under it; Logger's time of day
 * ({@code 21:03:01.123 [error]}) is dropped; line ends are {@code \n}.
 */
public final class OutputNormaliser {
    private OutputNormaliser() {}

    /** The first number given to pids and references. */
    public static final int FIRST = 100;

    private static final Pattern PID = Pattern.compile("#PID<\\d+\\.\\d+\\.\\d+>");
    private static final Pattern REFERENCE = Pattern.compile("#Reference<\\d+(\\.\\d+)*>");
    private static final Pattern LOGGER_TIME = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} (?=\\[\\w+\\])");

    public static String normalise(String output) {
        String text = output.replace("\r\n", "\n");
        text = LOGGER_TIME.matcher(text).replaceAll("");
        text = renumber(text, PID, "#PID<0.%d.0>");
        text = renumber(text, REFERENCE, "#Reference<0.0.0.%d>");
        return dropStackTraces(text);
    }

    private static String renumber(String text, Pattern pattern, String format) {
        Map<String, String> seen = new HashMap<>();
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = seen.computeIfAbsent(m.group(), k -> String.format(format, FIRST + seen.size()));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** After a line starting "** (", drops the lines indented under it (the stack trace). */
    private static String dropStackTraces(String text) {
        StringBuilder out = new StringBuilder();
        boolean inReport = false;
        for (String line : text.split("\n", -1)) {
            if (inReport && (line.startsWith(" ") || line.startsWith("\t"))) continue;
            inReport = line.startsWith("** (");
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1); // the split added one line end too many
        return out.toString();
    }
}
