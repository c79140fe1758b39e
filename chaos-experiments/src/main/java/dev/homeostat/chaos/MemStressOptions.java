package dev.homeostat.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The memory stressor's {@code options}, as Chaos Mesh passes them: after its own {@code --workers}, {@code --size} and
 * {@code --time} on memStress's command line, read by Go's flag package ({@code -flag value}, {@code --flag value} or
 * {@code -flag=value}; the last value wins). So {@code -workers}, {@code -size} and {@code -time} replace the fields of
 * the same name; {@code -client}, {@code -pid} and {@code -required-limit} say how memStress attaches to the container
 * and change nothing it holds. Any other option is checked as a stress-ng option (Chaos Mesh before memStress ran
 * stress-ng's vm stressor here): it changes how the memory is written, not how much is held.
 */
final class MemStressOptions {
    /** What the options set; null where they say nothing. */
    record Overrides(Integer workers, String size, String time) { }

    private static final Set<String> ATTACH = Set.of("client", "pid", "required-limit");

    private MemStressOptions() { }

    static Overrides read(String field, List<String> tokens, ManifestContext ctx) {
        var words = new ArrayList<String>();
        for (String t : tokens) {
            if (t == null) continue;
            for (String w : t.strip().split("\\s+")) if (!w.isEmpty()) words.add(w);
        }
        Integer workers = null;
        String size = null, time = null;
        var stressNg = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String flag = w.startsWith("--") ? w.substring(2) : w.startsWith("-") ? w.substring(1) : null;
            String value = null;
            if (flag != null && flag.contains("=")) {
                value = flag.substring(flag.indexOf('=') + 1);
                flag = flag.substring(0, flag.indexOf('='));
            }
            if (flag == null || !Set.of("workers", "size", "time").contains(flag) && !ATTACH.contains(flag)) {
                stressNg.add(w);
                continue;
            }
            boolean takesValue = !flag.equals("client") && !flag.equals("required-limit");
            if (takesValue && value == null) {
                if (i + 1 >= words.size()) throw ctx.fail(field, "memStress's -" + flag + " needs a value, e.g. -" + flag + " " + example(flag));
                value = words.get(++i);
            }
            switch (flag) {
                case "workers" -> workers = workers(field, value, ctx);
                case "size" -> size = value;
                case "time" -> time = value;
                default -> { }
            }
        }
        StressNg.check(field, stressNg, ctx);
        return new Overrides(workers, size, time);
    }

    private static int workers(String field, String value, ManifestContext ctx) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 8192) return n;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ctx.fail(field, "memStress's -workers " + value + ": expected a whole number in 1..8192");
    }

    private static String example(String flag) {
        return switch (flag) {
            case "workers" -> "2";
            case "size" -> "256MB";
            case "time" -> "30s";
            default -> "1";
        };
    }
}
