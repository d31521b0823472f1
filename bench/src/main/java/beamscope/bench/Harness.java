package beamscope.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Turns the result lines of every run into the side-by-side table and the results file.
 *
 * <p>Usage: {@code Harness <raw.jsonl> <meta.properties> <targets.properties> <results-dir>}. {@code raw.jsonl}
 * holds the lines the three systems printed (warm-up lines are ignored) plus error lines
 * {@code {"system":..,"workload":..,"run":..,"error":".."}} that {@code run.sh} writes for failed runs.
 * {@code meta.properties} describes the machine, versions and options. Writes
 * {@code results-<stamp>.json} and {@code latest.json}.
 *
 * <p>Every figure is the median of the measured runs, with their min and max. A ratio is Beamscope's
 * standing against the other system, oriented so that above 1 means Beamscope is better: other/Beamscope
 * for times, latencies and bytes, Beamscope/other for rates ({@code _per_s}).
 */
public final class Harness {

    static final List<String> SYSTEMS = List.of("beam", "pekko", "beamscope");
    static final List<String> WORKLOAD_ORDER = List.of("spawn_1m", "spawn_run", "tutorial", "elixir_sleepers",
            "elixir_ping_pong", "elixir_fib", "elixir_ring", "ping_pong", "ring",
            "fan_in", "skynet", "restart", "priority", "monitor", "dynsup", "observe");

    /** The measured values of one metric of one workload, per system. */
    record Row(String workload, String metric, Map<String, List<Double>> values) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Harness <raw.jsonl> <meta.properties> <targets.properties> <results-dir>");
            System.exit(2);
        }
        Map<String, String> meta = load(Path.of(args[1]));
        Map<String, String> targets = load(Path.of(args[2]));
        Path outDir = Path.of(args[3]);

        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Row> coldRows = new LinkedHashMap<>();
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) Json.parse(line);
            if (r.containsKey("error")) {
                errors.add(r);
                continue;
            }
            boolean measured = "measure".equals(r.get("phase"));
            // cold: the first round of a fresh erl / JVM, before any warm-up (a warm-up round, or the measured
            // round of a run without warm-up)
            boolean cold = r.get("round") instanceof Number round && round.intValue() == 1;
            if (!measured && !cold) continue;
            String workload = (String) r.get("workload");
            String system = (String) r.get("system");
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) r.get("params");
            if (measured) params.computeIfAbsent(workload, w -> new TreeMap<>()).putAll(p);
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) r.get("metrics");
            metrics.forEach((metric, value) -> {
                if (value == null) return; // a figure the run could not take (NaN in the run's JSON line)
                if (measured) add(rows, workload, metric, system, value);
                if (cold) add(coldRows, workload, metric, system, value);
            });
        }
        List<Row> ordered = ordered(rows);
        List<Row> orderedCold = ordered(coldRows);

        System.out.print(table(ordered, params, meta, targets, errors));
        System.out.print(coldTable(orderedCold, ordered));
        Map<String, Object> results = results(ordered, params, meta, targets, errors);
        results.put("cold_definition", "the first round of each fresh erl / JVM, no warm-up before it: a measured "
                + "run's first warm-up round, or its measured round when it had none; medians over the runs");
        results.put("cold", coldResults(orderedCold));
        Files.createDirectories(outDir);
        String json = Json.pretty(results);
        Path dated = outDir.resolve("results-" + meta.getOrDefault("stamp", "undated") + ".json");
        Files.writeString(dated, json);
        Files.writeString(outDir.resolve("latest.json"), json);
        System.out.println("\nAll figures: " + dated + " (and " + outDir.resolve("latest.json") + ")");
    }

    static void add(Map<String, Row> rows, String workload, String metric, String system, Object value) {
        rows.computeIfAbsent(workload + "/" + metric, k -> new Row(workload, metric, new LinkedHashMap<>()))
                .values().computeIfAbsent(system, s -> new ArrayList<>()).add(((Number) value).doubleValue());
    }

    static List<Row> ordered(Map<String, Row> rows) {
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort((a, b) -> Integer.compare(rank(a.workload()), rank(b.workload())));
        return ordered;
    }

    // ---- the table ----

    static String table(List<Row> rows, Map<String, Map<String, Object>> params, Map<String, String> meta,
            Map<String, String> targets, List<Map<String, Object>> errors) {
        StringBuilder out = new StringBuilder();
        out.append("\nMachine:  ").append(meta.get("machine.nproc")).append(" cores, ").append(meta.get("machine.cpu"))
                .append(", ").append(meta.get("machine.ram")).append(" RAM, kernel ").append(meta.get("machine.kernel"))
                .append(", load average ").append(meta.get("machine.loadavg_at_start")).append(" at start, ")
                .append(meta.get("machine.loadavg_at_end")).append(" at end\n");
        out.append("Versions: ").append(meta.get("version.java")).append(" | Erlang/OTP ").append(meta.get("version.otp"))
                .append(" | Elixir ").append(meta.getOrDefault("version.elixir", "n/a"))
                .append(" | Pekko ").append(meta.get("version.pekko")).append(" | Beamscope ")
                .append(meta.get("version.beamscope")).append('\n');
        out.append("Runs:     ").append(meta.get("mode")).append(" mode, ").append(meta.get("runs"))
                .append(" measured runs per cell, each in a fresh JVM / erl after ").append(meta.get("warmup"))
                .append(" warm-up round(s); median (min–max); ")
                .append(meta.getOrDefault("runs_started_busy", "off").matches("\\d+")
                        ? meta.get("runs_started_busy") + " run(s) started while other work used over 25% of the CPU"
                        : "no check for other work on the machine")
                .append('\n');
        if (meta.containsKey("order")) out.append("Order:    ").append(meta.get("order")).append('\n');
        if (meta.getOrDefault("options.aot", "off").startsWith("on"))
            out.append("AOT:      ").append(meta.get("options.aot")).append('\n');
        out.append("Options:  JVM ").append(meta.get("options.jvm")).append(" | erl ").append(meta.get("options.erl"))
                .append('\n');
        out.append("Ratios:   >1 means Beamscope is better (faster, more per second, fewer bytes); "
                + "target = what Beamscope's median should reach (issues 5 and 15; bench/targets.properties)\n\n");

        List<String[]> lines = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        lines.add(new String[] {"", "BEAM", "Pekko", "Beamscope", "BS/BEAM", "BS/Pekko", "target"});
        String current = null;
        for (Row row : rows) {
            if (!row.workload().equals(current)) {
                current = row.workload();
                lines.add(new String[] {current + " " + paramsText(params.getOrDefault(current, Map.of())), "", "", "", "", "", ""});
            }
            String[] cells = new String[7];
            cells[0] = "  " + row.metric();
            for (int i = 0; i < 3; i++) cells[i + 1] = cell(row, SYSTEMS.get(i), rows);
            Double vsBeam = ratio(row, "beam", rows);
            Double vsPekko = ratio(row, "pekko", rows);
            cells[4] = vsBeam == null ? "" : fmtRatio(vsBeam);
            cells[5] = vsPekko == null ? "" : fmtRatio(vsPekko);
            Goal goal = goal(row, targets, params);
            cells[6] = Goal.cell(goal, median(row.values().get("beamscope")), "");
            if (goal != null && goal.note() != null) notes.add(row.workload() + " " + row.metric() + ": " + goal.note());
            lines.add(cells);
        }
        int[] width = new int[7];
        for (String[] l : lines)
            if (!isHeading(l)) for (int i = 0; i < 7; i++) width[i] = Math.max(width[i], l[i].length());
        for (String[] l : lines) {
            if (isHeading(l)) {
                out.append(l[0]).append('\n');
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format("%-" + width[0] + "s", l[0]));
            for (int i = 1; i < 7; i++) sb.append("  ").append(i <= 3 ? pad(l[i], width[i]) : String.format("%-" + width[i] + "s", l[i]));
            out.append(sb.toString().stripTrailing()).append('\n');
        }
        observerCost(rows, params, targets, notes).forEach(s -> out.append(s).append('\n'));
        if (!notes.isEmpty()) {
            out.append("\nTargets for another size: they were set for the full benchmark's sizes, this run used others.\n");
            for (String n : notes) out.append("  ").append(n).append('\n');
            out.append("  * A time that grows with the size has a budget per process (or leaf): scaled to the size run. A\n"
                    + "    smaller run fits the caches better and gives the GC less to do, so a scaled verdict is a check;\n"
                    + "    the full run is the result. A target set at one size only (what the GUI sampler costs depends\n"
                    + "    on how many processes it walks) is not judged at another.\n");
        }
        if (meta.containsKey("note.beamscope")) out.append("\nBeamscope: ").append(meta.get("note.beamscope")).append('\n');
        if (!errors.isEmpty()) {
            out.append("\nFailed runs (left out of the figures):\n");
            for (Map<String, Object> e : errors)
                out.append("  ").append(e.get("system")).append(' ').append(e.get("workload")).append(" run ")
                        .append(fmtNum(((Number) e.getOrDefault("run", 0)).doubleValue())).append(": ")
                        .append(e.get("error")).append('\n');
        }
        return out.toString();
    }

    /**
     * The same figures cold: the first round of each fresh erl / JVM, before any warm-up. Beside each
     * Beamscope cell, its cold median over its warm one ({@code cold/warm}: how much the warm-up bought;
     * for rates warm/cold, so above 1 means the cold round was slower either way).
     */
    static String coldTable(List<Row> cold, List<Row> warm) {
        if (cold.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        out.append("\nCold: the first round of each fresh erl / JVM, nothing warmed up before it (the same runs' first "
                + "round; the warm table above is their last)\n\n");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"", "BEAM", "Pekko", "Beamscope", "BS/BEAM", "BS/Pekko", "BS slower cold"});
        String current = null;
        for (Row row : cold) {
            if (!row.workload().equals(current)) {
                current = row.workload();
                lines.add(new String[] {current, "", "", "", "", "", ""});
            }
            String[] cells = new String[7];
            cells[0] = "  " + row.metric();
            for (int i = 0; i < 3; i++) cells[i + 1] = cell(row, SYSTEMS.get(i), cold);
            Double vsBeam = ratio(row, "beam", cold);
            Double vsPekko = ratio(row, "pekko", cold);
            cells[4] = vsBeam == null ? "" : fmtRatio(vsBeam);
            cells[5] = vsPekko == null ? "" : fmtRatio(vsPekko);
            Double slower = warm.stream().filter(w -> w.workload().equals(row.workload()) && w.metric().equals(row.metric()))
                    .findFirst().map(w -> coldOverWarm(row, w)).orElse(null);
            cells[6] = slower == null ? "" : fmtRatio(slower);
            lines.add(cells);
        }
        int[] width = new int[7];
        for (String[] l : lines)
            if (!isHeading(l)) for (int i = 0; i < 7; i++) width[i] = Math.max(width[i], l[i].length());
        for (String[] l : lines) {
            if (isHeading(l)) {
                out.append(l[0]).append('\n');
                continue;
            }
            StringBuilder sb = new StringBuilder(String.format("%-" + width[0] + "s", l[0]));
            for (int i = 1; i < 7; i++) sb.append("  ").append(i <= 3 ? pad(l[i], width[i]) : String.format("%-" + width[i] + "s", l[i]));
            out.append(sb.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Beamscope's cold median against its warm one, oriented so that above 1 means cold was worse. */
    static Double coldOverWarm(Row cold, Row warm) {
        Double c = median(cold.values().get("beamscope"));
        Double w = median(warm.values().get("beamscope"));
        if (c == null || w == null || c == 0 || w == 0 || !comparable(cold.metric())) return null;
        return higherIsBetter(cold.metric()) ? w / c : c / w;
    }

    static List<Object> coldResults(List<Row> cold) {
        List<Object> out = new ArrayList<>();
        for (Row row : cold) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", row.workload());
            r.put("metric", row.metric());
            for (String system : SYSTEMS) {
                List<Double> v = row.values().get(system);
                if (v == null) continue;
                double[] sorted = sorted(v);
                Map<String, Object> fig = new LinkedHashMap<>();
                fig.put("median", median(v));
                fig.put("min", sorted[0]);
                fig.put("max", sorted[sorted.length - 1]);
                fig.put("runs", v);
                r.put(system, fig);
            }
            r.put("beamscope_vs_beam", ratio(row, "beam", cold));
            r.put("beamscope_vs_pekko", ratio(row, "pekko", cold));
            out.add(r);
        }
        return out;
    }

    /**
     * Row 8: what the GUI sampler costs. For each pair of Beamscope rows {@code X_gui_sampler_per_s} /
     * {@code X_per_s} (taken in the same JVM round), the rate kept with the sampler attached: the median of
     * the runs' ratios, with their min and max; issue 5's target for it is {@code observe.gui_sampler_keeps}.
     */
    record SamplerCost(String workload, String metric, List<Double> ratios, Goal goal) {
        Double median() {
            return Harness.median(ratios);
        }

        Boolean met() {
            return goal == null ? null : goal.metBy(median());
        }
    }

    static final String GUI_SAMPLER = "_gui_sampler_";

    static List<SamplerCost> samplerCosts(List<Row> rows, Map<String, String> targets,
            Map<String, Map<String, Object>> params) {
        List<SamplerCost> out = new ArrayList<>();
        for (Row sampled : rows) {
            if (!sampled.metric().contains(GUI_SAMPLER) || !higherIsBetter(sampled.metric())) continue;
            String plain = sampled.metric().replace(GUI_SAMPLER, "_");
            rows.stream().filter(r -> r.workload().equals(sampled.workload()) && r.metric().equals(plain)).findFirst()
                    .ifPresent(r -> {
                        List<Double> with = sampled.values().getOrDefault("beamscope", List.of());
                        List<Double> without = r.values().getOrDefault("beamscope", List.of());
                        List<Double> ratios = new ArrayList<>();
                        // the i-th figures of both rows come from the same run (one result line holds both)
                        for (int i = 0; i < Math.min(with.size(), without.size()); i++)
                            if (without.get(i) > 0) ratios.add(with.get(i) / without.get(i));
                        out.add(new SamplerCost(sampled.workload(), plain, ratios,
                                goal(sampled.workload(), "gui_sampler_keeps", targets, params)));
                    });
        }
        return out;
    }

    static List<String> observerCost(List<Row> rows, Map<String, Map<String, Object>> params, Map<String, String> targets,
            List<String> notes) {
        List<String> out = new ArrayList<>();
        for (SamplerCost c : samplerCosts(rows, targets, params)) {
            if (c.ratios().isEmpty()) continue;
            double[] s = sorted(c.ratios());
            Object period = params.getOrDefault(c.workload(), Map.of()).get("gui_sampler_period_ms");
            out.add("  with the GUI sampler" + (period instanceof Number n ? " (every " + fmtNum(n.doubleValue()) + " ms)" : "")
                    + ": " + c.metric() + " keeps " + fmtRatio(c.median()) + " (" + fmtRatio(s[0]) + "–"
                    + fmtRatio(s[s.length - 1]) + ") of its rate without it"
                    + (c.goal() == null ? "" : "; target " + Goal.cell(c.goal(), c.median(), "x")));
            if (c.goal() != null && c.goal().note() != null)
                notes.add(c.workload() + " gui_sampler_keeps (" + c.metric() + "): " + c.goal().note());
        }
        return out;
    }

    /** "median (min–max)"; "n/a" when the system ran the workload but has no such figure; "—" when it has none. */
    static String cell(Row row, String system, List<Row> all) {
        List<Double> v = row.values().get(system);
        if (v == null || v.isEmpty()) {
            boolean ran = all.stream().anyMatch(r -> r.workload().equals(row.workload()) && r.values().containsKey(system));
            return ran ? "n/a" : "—";
        }
        double[] s = sorted(v);
        return fmt(row.metric(), median(v)) + " (" + fmt(row.metric(), s[0]) + "–" + fmt(row.metric(), s[s.length - 1]) + ")";
    }

    static String paramsText(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=')
                .append(v instanceof Number n ? String.format(Locale.ROOT, "%,d", n.longValue()) : v));
        return sb.isEmpty() ? "" : "(" + sb + ")";
    }

    static boolean isHeading(String[] line) {
        return !line[0].isEmpty() && !line[0].startsWith(" ");
    }

    static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    // ---- numbers ----

    static boolean higherIsBetter(String metric) {
        return metric.endsWith("_per_s");
    }

    /** Metrics with a unit we know how to compare; others (counts) are shown without ratios. */
    static boolean comparable(String metric) {
        return metric.endsWith("_per_s") || metric.endsWith("_ms") || metric.endsWith("_us") || metric.equals("bytes_per_proc");
    }

    /**
     * A figure only another system has, in a variant of a figure Beamscope has: Pekko's skynet with Pekko's
     * own default dispatcher ({@code default_dispatcher_time_ms}) stands against Beamscope's {@code time_ms}.
     */
    static final String VARIANT = "default_dispatcher_";

    static Double ratio(Row row, String other, List<Row> all) {
        Row bsRow = row;
        if (row.metric().startsWith(VARIANT) && !row.values().containsKey("beamscope")) {
            String base = row.metric().substring(VARIANT.length());
            bsRow = all.stream().filter(r -> r.workload().equals(row.workload()) && r.metric().equals(base))
                    .findFirst().orElse(row);
        }
        Double bs = median(bsRow.values().get("beamscope"));
        Double o = median(row.values().get(other));
        if (bs == null || o == null || !comparable(row.metric()) || bs == 0 || o == 0) return null;
        return higherIsBetter(row.metric()) ? bs / o : o / bs;
    }

    /**
     * Issue 5's target for Beamscope's median: {@code <= 500} or {@code >= 4000000}, in the figure's unit,
     * optionally with the size it was set for (a workload parameter):
     * <ul>
     *   <li>{@code <= 500 per n=1000000}: a budget per unit of size (a time that grows with the size). A run
     *       at another size is held to the budget for its size: {@code <= 50} at n=100000.
     *   <li>{@code >= 0.95 at n=1000000}: holds at that size only; a run at another size is not judged.
     * </ul>
     * A target without a size (rates, latencies, bytes per process) holds at any size.
     */
    record Target(boolean atMost, double value, String sizeKey, double size, boolean perSize) {
        static final java.util.regex.Pattern SYNTAX = java.util.regex.Pattern.compile(
                "(<=|>=)\\s*([0-9.eE+-]+)(?:\\s+(per|at)\\s+(\\w+)\\s*=\\s*([0-9_]+))?");

        static Target parse(String text) {
            java.util.regex.Matcher m = SYNTAX.matcher(text.trim());
            if (!m.matches()) throw new IllegalArgumentException("a target is <= N or >= N [per|at key=SIZE]: " + text);
            return new Target(m.group(1).equals("<="), Double.parseDouble(m.group(2)), m.group(4),
                    m.group(4) == null ? 0 : Double.parseDouble(m.group(5).replace("_", "")), "per".equals(m.group(3)));
        }

        /** What a run with these parameters is held to. */
        Goal forRun(Map<String, Object> params) {
            if (sizeKey == null || !(params.get(sizeKey) instanceof Number n) || n.doubleValue() == size)
                return new Goal(this, value, size);
            double runSize = n.doubleValue();
            return new Goal(this, perSize ? value * runSize / size : null, runSize);
        }

        @Override
        public String toString() {
            return boundText(atMost, value) + (sizeKey == null ? "" : (perSize ? " per " : " at ") + sizeKey + "=" + count(size));
        }
    }

    /**
     * A target as it applies to one run's size: {@code bound} is the target's value, scaled to the run's size
     * for a per-size target, or null when the target holds at another size only (not judged).
     */
    record Goal(Target target, Double bound, double runSize) {
        boolean judged() {
            return bound != null;
        }

        boolean scaled() {
            return judged() && target.sizeKey() != null && runSize != target.size();
        }

        Boolean metBy(Double v) {
            return !judged() || v == null ? null : target.atMost() ? v <= bound : v >= bound;
        }

        /** As shown: "≤ 500", "≤ 50*" (scaled: see {@link #note}), "≥ 0.95 at n=1,000,000: not judged". */
        String text(String unit) {
            if (!judged()) return target.toString().replace(" at ", unit + " at ") + ": not judged";
            return boundText(target.atMost(), bound) + unit + (scaled() ? "*" : "");
        }

        /** Why a scaled goal differs from the target, for the footnote and the results file. */
        String note() {
            if (scaled())
                return "target " + target + ", scaled to " + target.sizeKey() + "=" + count(runSize) + ": " + text("").replace("*", "");
            if (!judged()) return "target " + target + ": not judged at " + target.sizeKey() + "=" + count(runSize);
            return null;
        }

        /** "≤ 50* met", "≥ 0.95 at n=1,000,000: not judged", "" without a target. */
        static String cell(Goal g, Double median, String unit) {
            if (g == null) return "";
            Boolean met = g.metBy(median);
            return g.text(unit) + (met == null ? "" : met ? " met" : " MISSED");
        }
    }

    static String boundText(boolean atMost, double value) {
        return (atMost ? "≤ " : "≥ ") + (value >= 1e6 ? fmtNum(value / 1e6) + "M" : fmtNum(value));
    }

    static String count(double v) {
        return String.format(Locale.ROOT, "%,d", (long) v);
    }

    /** The goal of a row's Beamscope median at the size the row was run at; null without a target. */
    static Goal goal(Row row, Map<String, String> targets, Map<String, Map<String, Object>> params) {
        return goal(row.workload(), row.metric(), targets, params);
    }

    static Goal goal(String workload, String key, Map<String, String> targets, Map<String, Map<String, Object>> params) {
        String t = targets.get(workload + "." + key);
        return t == null || t.isBlank() ? null : Target.parse(t).forRun(params.getOrDefault(workload, Map.of()));
    }

    static Double median(List<Double> v) {
        if (v == null || v.isEmpty()) return null;
        double[] s = sorted(v);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double[] sorted(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s;
    }

    static String fmt(String metric, double v) {
        if (metric.endsWith("_frames") || metric.endsWith("_walks")) return String.format(Locale.ROOT, "%.0f", v); // counts
        if (metric.endsWith("_per_s")) return v >= 1e6 ? fmtNum(v / 1e6) + "M" : fmtNum(v / 1e3) + "k";
        return fmtNum(v);
    }

    /** About three significant digits, no exponent for the usual ranges. */
    static String fmtNum(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == 0) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        if (a >= 0.001) return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return String.format(Locale.ROOT, "%.2g", v);
    }

    static String fmtRatio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.2fx", r);
    }

    // ---- the results file ----

    static Map<String, Object> results(List<Row> rows, Map<String, Map<String, Object>> params, Map<String, String> meta,
            Map<String, String> targets, List<Map<String, Object>> errors) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> sections = new TreeMap<>();
        meta.forEach((k, text) -> {
            Object v = text.matches("\\d+") ? (Object) Long.valueOf(text) : text;
            int dot = k.indexOf('.');
            if (dot < 0) root.put(k, v);
            else {
                @SuppressWarnings("unchecked")
                Map<String, Object> section =
                        (Map<String, Object>) sections.computeIfAbsent(k.substring(0, dot), s -> new TreeMap<>());
                section.put(k.substring(dot + 1), v);
            }
        });
        root.putAll(sections);
        root.put("ratio_definition", "beamscope_vs_X > 1 means Beamscope is better: X/beamscope for _ms, _us and "
                + "bytes_per_proc, beamscope/X for _per_s; medians of the measured runs");
        root.put("params", params);
        List<Object> results = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", row.workload());
            r.put("metric", row.metric());
            r.put("better", !comparable(row.metric()) ? "n/a" : higherIsBetter(row.metric()) ? "higher" : "lower");
            for (String system : SYSTEMS) {
                List<Double> v = row.values().get(system);
                if (v == null) continue;
                double[] s = sorted(v);
                Map<String, Object> fig = new LinkedHashMap<>();
                fig.put("median", median(v));
                fig.put("min", s[0]);
                fig.put("max", s[s.length - 1]);
                fig.put("runs", v);
                r.put(system, fig);
            }
            r.put("beamscope_vs_beam", ratio(row, "beam", rows));
            r.put("beamscope_vs_pekko", ratio(row, "pekko", rows));
            putGoal(r, goal(row, targets, params), median(row.values().get("beamscope")));
            results.add(r);
        }
        root.put("results", results);
        List<Object> costs = new ArrayList<>();
        for (SamplerCost c : samplerCosts(rows, targets, params)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", c.workload());
            r.put("metric", c.metric());
            r.put("definition", "rate with the GUI sampler / rate without it, per run (same JVM round)");
            if (!c.ratios().isEmpty()) {
                double[] s = sorted(c.ratios());
                r.put("median", c.median());
                r.put("min", s[0]);
                r.put("max", s[s.length - 1]);
                r.put("runs", c.ratios());
            }
            putGoal(r, c.goal(), c.median());
            costs.add(r);
        }
        root.put("gui_sampler_keeps", costs);
        root.put("errors", errors);
        return root;
    }

    /** target: what this run is held to (scaled for a per-size target at another size), with issue 5's own. */
    static void putGoal(Map<String, Object> r, Goal g, Double median) {
        r.put("target", g == null || !g.judged() ? null : boundText(g.target().atMost(), g.bound()));
        r.put("target_met", g == null ? null : g.metBy(median));
        if (g != null && g.note() != null) {
            r.put("target_issue5", g.target().toString());
            r.put("target_note", g.note());
        }
    }

    static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            }
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        return m;
    }

    static int rank(String workload) {
        int i = WORKLOAD_ORDER.indexOf(workload);
        return i < 0 ? WORKLOAD_ORDER.size() : i;
    }
}
