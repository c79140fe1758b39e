package dev.homeostat.testbed.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.homeostat.reports.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outputs of {@code homeostat bench}: the terminal table, bench.md (the table, then per-scenario
 * detail), bench.json (record components in declared order, doubles rounded half-even to 6 decimals,
 * two-space indent, {@code \n}, trailing newline: the same grid gives the same bytes) and bench.png.
 * Every file is written atomically.
 */
public final class BenchFiles {
    public static final String JSON = "bench.json";
    public static final String MARKDOWN = "bench.md";
    public static final String CHART = "bench.png";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(new SimpleModule("bench-doubles")
                    .addSerializer(Double.class, new RoundedDouble())
                    .addSerializer(Double.TYPE, new RoundedDouble()))
            .build();

    private static final List<String> COLUMNS = List.of("", "configuration", "F1", "precision", "recall", "MTTD", "MTTR",
            "downtime reduction", "needless", "pages");

    private BenchFiles() { }

    /** Writes bench.json, bench.md and bench.png into {@code outDir}; returns their paths. */
    public static List<Path> write(BenchResult result, Path outDir) {
        Path json = outDir.resolve(JSON);
        Path md = outDir.resolve(MARKDOWN);
        Path png = outDir.resolve(CHART);
        AtomicFiles.write(json, json(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(md, markdown(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(png, BenchChart.png(result));
        return List.of(json, md, png);
    }

    public static String json(BenchResult result) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter lf = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(lf);
        printer.indentArraysWith(lf);
        try {
            return MAPPER.writer(printer).writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the bench of suite " + result.suite(), e);
        }
    }

    /** The aligned terminal table with the legend and the best configuration. */
    public static String table(BenchResult result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (BenchRow r : result.rows()) rows.add(cells(r));
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        var out = new StringBuilder();
        for (List<String> row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i < 2 ? cell + " ".repeat(widths[i] - cell.length()) : " ".repeat(widths[i] - cell.length()) + cell).append("  ");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(legend(result));
        return out.toString();
    }

    public static String markdown(BenchResult result) {
        var out = new StringBuilder();
        out.append("# homeostat bench: ").append(result.suite()).append("\n\n");
        out.append("Scenarios: ").append(String.join(", ", result.scenarios())).append("; seeds: ")
                .append(result.seeds()).append(". Metrics are means over every (scenario, seed) run where defined.\n\n");
        out.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
        out.append("|---|---|").append("---:|".repeat(COLUMNS.size() - 2)).append('\n');
        for (BenchRow r : result.rows()) out.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        out.append('\n').append(legend(result));
        out.append("\n## Per scenario\n\n");
        out.append("| configuration | scenario | seeds | F1 | precision | recall | MTTD | MTTR | downtime reduction | needless | pages | false alarms/day |\n");
        out.append("|---|---|").append("---:|".repeat(10)).append('\n');
        for (BenchRow r : result.rows()) {
            for (ScenarioRow s : r.scenarios()) {
                out.append("| ").append(String.join(" | ", r.configuration(), s.scenario(), Integer.toString(s.seeds()),
                        ratio(s.f1()), ratio(s.precision()), ratio(s.recall()), seconds(s.mttdSeconds()),
                        seconds(s.mttrSeconds()), ratio(s.downtimeReduction()), count(s.needlessActions()),
                        count(s.pages()), count(s.falseAlarmsPerDay()))).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String legend(BenchResult result) {
        return "* = Pareto-best on (F1 ↑, MTTR ↓, needless ↓)\nbest: " + result.best() + " (" + result.bestRule() + ")\n";
    }

    private static List<String> cells(BenchRow r) {
        return List.of(r.best() ? "*best" : r.pareto() ? "*" : "", r.configuration(), ratio(r.f1()), ratio(r.precision()),
                ratio(r.recall()), seconds(r.mttdSeconds()), seconds(r.mttrSeconds()), ratio(r.downtimeReduction()),
                count(r.needlessActions()), count(r.pages()));
    }

    static String ratio(Double v) { return fmt(v, "%.3f"); }

    static String seconds(Double v) { return fmt(v, "%.1fs"); }

    static String count(Double v) { return fmt(v, "%.2f"); }

    private static String fmt(Double v, String pattern) {
        return v == null ? "n/a" : String.format(Locale.ROOT, pattern, v);
    }

    /** Rounds half-even to 6 decimals and prints plainly, so bench.json does not depend on float noise. */
    static String format(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.scale() < 1) rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        return rounded.toPlainString();
    }

    private static final class RoundedDouble extends StdSerializer<Double> {
        RoundedDouble() { super(Double.class); }

        @Override public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) gen.writeNull();
            else gen.writeNumber(format(value));
        }
    }
}
