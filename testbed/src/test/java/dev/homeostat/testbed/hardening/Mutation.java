package dev.homeostat.testbed.hardening;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** One malformation of a text file, as a tester makes them by hand: lines lost, doubled, re-indented, values replaced by junk, cut short. */
record Mutation(Kind kind, int line, int junk, int offset) {
    enum Kind { DELETE_LINE, DUPLICATE_LINE, REPLACE_VALUE, INSERT_JUNK, TRUNCATE, INDENT, SWAP_LINES }

    /** Values a field should never accept silently: fractions, suffixes, overflow, nothing, the wrong shape, paths, YAML features. */
    static final List<String> JUNK = List.of("2.7", "1Ki", "1e3", "-1", "0", "99999999999999999999", "9223372036854775807", "1e400", ".nan", "-.inf",
            "''", "~", "[]", "{}", "[1, 2]", "{a: b}", "../../etc", "a/b", "Upper_Case", "x".repeat(300), "\"3\"", "true", "&anchor x", "*alias",
            "!!binary AAAA", "- item", "{", "]", "'unclosed", "\"\\u0000\"", "\t", "é", "\u202e", "\"a\\nb\"", "5m", "-5m", "0s", "1h", "\"\"", "null");

    static Arbitrary<Mutation> any() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, JUNK.size() - 1), Arbitraries.integers().between(0, 9999)).as(Mutation::new);
    }

    String apply(String text) {
        var lines = new ArrayList<>(text.lines().toList());
        int i = line % lines.size();
        String junkValue = JUNK.get(junk);
        switch (kind) {
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(i, lines.get(i));
            case REPLACE_VALUE -> {
                String l = lines.get(i);
                int colon = l.indexOf(": ");
                lines.set(i, colon < 0 ? l + " " + junkValue : l.substring(0, colon + 2) + junkValue);
            }
            case INSERT_JUNK -> {
                String l = lines.get(i);
                int at = offset % (l.length() + 1);
                lines.set(i, l.substring(0, at) + junkValue + l.substring(at));
            }
            case TRUNCATE -> {
                return text.substring(0, offset % (text.length() + 1));
            }
            case INDENT -> lines.set(i, " ".repeat(1 + offset % 3) + lines.get(i));
            case SWAP_LINES -> {
                int j = (i + 1 + offset % 3) % lines.size();
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
