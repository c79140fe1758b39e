package dev.homeostat.chaos.crd;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?" for a misspelt field, value or kind: the closest candidate by edit distance, compared without
 * case, dashes and underscores (so {@code template_type} finds {@code templateType}), when it is close enough to
 * be a typo rather than another word, or the value a word is known to mean ({@link #MEANS}).
 */
public final class Suggest {
    private Suggest() { }

    /**
     * Words that mean one of Chaos Mesh's values without being spelt like it: older Chaos Mesh's names (0.x IOChaos's
     * {@code delay} and {@code errno}) and the everyday word for a value ({@code kill} for a pod). Suggested only where
     * the meant value is a candidate.
     */
    private static final java.util.Map<String, String> MEANS = java.util.Map.of(
            "delay", "latency", "errno", "fault", "error", "fault", "kill", "pod-kill", "podkill", "pod-kill");

    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word == null || word.isEmpty()) return Optional.empty();
        String w = normal(word);
        String meant = MEANS.get(w);
        if (meant != null && candidates.contains(meant)) return Optional.of(meant);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c == null || c.isEmpty()) continue;
            int d = distance(w, normal(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = w.length() <= 3 ? 1 : w.length() <= 7 ? 2 : 3;
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean "x"?} or nothing. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance (a transposition counts as one edit). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }
}
