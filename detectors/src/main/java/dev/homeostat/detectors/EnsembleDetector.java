package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines member detectors over the same values vector, then applies k-of-n hysteresis.
 *
 * <p>Spec syntax (it has to survive {@link DetectorSpec#parse}, which splits on {@code ,} and the
 * first {@code =} of each pair): members are separated by {@code |}, and a member's own
 * parameters use {@code ;} where a spec would use {@code ,}:
 * <pre>
 * ensemble:members=mad:k=6;window=40|ewma|isolation-forest,mode=vote,quorum=2
 * ensemble:members=mad|threshold:above=0.9,mode=max,k=3,n=5
 * ensemble:members=mad,k=3,n=5            (hysteresis around one detector)
 * ensemble:members=cad-ose:rest=0|cad-ose:rest=0;offset=0.5,mode=mean,level=0.75,rest=30
 * </pre>
 *
 * <ul>
 *   <li>{@code mode=vote} (default): anomalous when the weight of the anomalous members reaches
 *       {@code quorum} (default: more than half the total weight); {@code weights=1|1|2} gives one
 *       positive weight per member (default 1 each). Score = anomalous weight / quorum (or / half
 *       the total weight).</li>
 *   <li>{@code mode=max}: score = the highest normalised member score, score/threshold; anomalous
 *       when it is ≥ 1. A member whose threshold is ≤ 0 ({@code threshold}, whose score is the
 *       excess in the signal's units) counts 1 + score when anomalous and 0 otherwise.</li>
 *   <li>{@code mode=mean}: score = the weighted mean of the members' anomaly scores (each in [0, 1] on
 *       its detector's own scale, so detectors with different units combine); anomalous when it reaches
 *       {@code level} (default 0.5, where a member with a derived anomaly score sits at its own threshold).</li>
 *   <li>{@code rest} (default 0): after a combined alarm, the next {@code rest} observations report nothing
 *       (normal, anomaly score 0), and an alarm during them starts the rest again — one report per
 *       anomaly, as CAD OSE's rest period; members that rest on their own can be given {@code rest=0}.</li>
 *   <li>{@code k}, {@code n} (default 1, k): the alarm turns on when ≥ k of the last n
 *       combined verdicts were anomalous and clears only after n normal ones in a row
 *       ({@link KOfN}). While held, the verdict is anomalous with the current (lower) score and
 *       says so.</li>
 * </ul>
 *
 * <p>The anomaly score: vote — the anomalous share of the weight; max — the highest member anomaly
 * score; mean — the mean. Members get seeds split from the ensemble's seed by their position. Ensembles do not nest.
 * A gap (no finite value) still reaches the members, which hold their state, but is not counted
 * by the hysteresis: the verdict is normal with score 0.
 */
final class EnsembleDetector implements Detector {
    enum Mode { VOTE, MAX, MEAN }

    /** One member: its label in explanations, its spec and its weight. */
    record Member(String label, DetectorSpec spec, double weight) { }

    record Config(List<Member> members, Mode mode, double quorum, int k, int n, double level, int rest) {
        /** quorum is NaN when not set: then more than half of the total weight is needed. */
        Config {
            members = List.copyOf(members);
        }

        double totalWeight() {
            double w = 0;
            for (Member m : members) w += m.weight();
            return w;
        }

        static Config from(Params p, Map<String, String> raw) {
            String membersText = raw.get("members");
            if (membersText == null || membersText.isBlank()) {
                throw p.invalid("parameter 'members' is required: detectors separated by '|', their parameters by ';' "
                        + "(e.g. members=mad:k=6;window=40|ewma)");
            }
            String[] parts = membersText.split("\\|", -1);
            List<DetectorSpec> specs = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) specs.add(member(p, i, parts[i].trim()));

            Mode mode = switch (raw.getOrDefault("mode", "vote").trim().toLowerCase(Locale.ROOT)) {
                case "vote" -> Mode.VOTE;
                case "max" -> Mode.MAX;
                case "mean" -> Mode.MEAN;
                default -> throw p.bad("mode", raw.get("mode"), "must be one of vote|max|mean", "mode=vote");
            };
            double[] weights = new double[specs.size()];
            java.util.Arrays.fill(weights, 1);
            String weightsText = raw.get("weights");
            if (weightsText != null) {
                if (mode == Mode.MAX) throw p.invalid("'weights' only applies to mode=vote or mode=mean; remove it or change the mode");
                String[] w = weightsText.split("\\|", -1);
                if (w.length != specs.size()) {
                    throw p.bad("weights", weightsText, "must give one weight per member (" + specs.size() + "), separated by '|'",
                            "weights=" + String.join("|", java.util.Collections.nCopies(specs.size(), "1")));
                }
                for (int i = 0; i < w.length; i++) {
                    double v;
                    try {
                        v = Double.parseDouble(w[i].trim());
                    } catch (NumberFormatException e) {
                        v = Double.NaN;
                    }
                    if (!(v > 0) || !Double.isFinite(v)) {
                        throw p.bad("weights", weightsText, "must be positive numbers, one per member, separated by '|'",
                                "weights=" + String.join("|", java.util.Collections.nCopies(specs.size(), "1")));
                    }
                    weights[i] = v;
                }
            }
            double total = 0;
            for (double w : weights) total += w;
            double quorum = Double.NaN;
            if (p.has("quorum")) {
                if (mode != Mode.VOTE) throw p.invalid("'quorum' only applies to mode=vote; remove it or set mode=vote");
                quorum = p.number("quorum", Math.floor(total / 2) + 1, 0, true, Double.MAX_VALUE, false);
                if (quorum > total) {
                    throw p.bad("quorum", raw.get("quorum"), "must not exceed the members' total weight (" + Numbers.fmt(total)
                            + "), or the ensemble could never alarm", "quorum=" + Numbers.fmt(Math.min(total, Math.floor(total / 2) + 1)));
                }
            }
            int k = p.intAtLeast("k", 1, 1);
            int n = p.intAtLeast("n", k, 1);
            if (k > n) throw p.bad("k", String.valueOf(k), "must not exceed n (" + n + ")", "k=" + n);
            if (p.has("level") && mode != Mode.MEAN) throw p.invalid("'level' only applies to mode=mean; remove it or set mode=mean");
            double level = p.number("level", 0.5, 0, true, 1, false);
            int rest = p.intAtLeast("rest", 0, 0);

            List<Member> members = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                String name = specs.get(i).name();
                boolean unique = specs.stream().filter(s -> s.name().equals(name)).count() == 1;
                members.add(new Member(unique ? name : name + "#" + (i + 1), specs.get(i), weights[i]));
            }
            return new Config(members, mode, quorum, k, n, level, rest);
        }

        private static DetectorSpec member(Params p, int i, String text) {
            if (text.isEmpty()) throw p.invalid("member " + (i + 1) + " of 'members' is empty; separate detectors by a single '|'");
            DetectorSpec spec;
            try {
                spec = DetectorSpec.parse(text.replace(';', ','));
            } catch (IllegalArgumentException e) {
                throw p.invalid("member " + (i + 1) + " '" + text + "': " + e.getMessage() + " (inside members, write key=value pairs separated by ';')");
            }
            if (spec.name().equals(EnsembleDetector.NAME)) {
                throw p.invalid("member " + (i + 1) + ": ensembles do not nest; list the inner ensemble's members in this one");
            }
            try {
                DetectorRegistry.validate(spec);
            } catch (IllegalArgumentException e) {
                throw p.invalid("member " + (i + 1) + " '" + text + "': " + e.getMessage());
            }
            return spec;
        }
    }

    static final String NAME = "ensemble";

    private final Config cfg;
    private final Detector[] members;
    private final KOfN hysteresis;
    private String lastAlarm = "";
    private long observed;            // observations with a finite value
    private long lastRaw = Long.MIN_VALUE / 2;  // the observation number of the last raw alarm

    EnsembleDetector(Config cfg, long seed) {
        this.cfg = cfg;
        this.members = new Detector[cfg.members().size()];
        for (int i = 0; i < members.length; i++) members[i] = DetectorRegistry.create(cfg.members().get(i).spec(), memberSeed(seed, i));
        this.hysteresis = new KOfN(cfg.k(), cfg.n());
    }

    @Override
    public Verdict observe(long timeMillis, double[] values) {
        Verdict[] verdicts = new Verdict[members.length];
        for (int i = 0; i < members.length; i++) verdicts[i] = members[i].observe(timeMillis, values);
        if (values == null || !anyFinite(values)) return Verdict.normal(0, 1);

        Combined c = switch (cfg.mode()) {
            case VOTE -> vote(verdicts);
            case MAX -> max(verdicts);
            case MEAN -> mean(verdicts);
        };
        double score = c.score();
        double threshold = cfg.mode() == Mode.MEAN ? cfg.level() : 1;
        boolean raw = c.raw();
        String why = c.why();
        if (raw) lastAlarm = why + "; " + fired(verdicts);
        boolean on = hysteresis.update(raw);
        // rest: after a raw alarm, the next `rest` observations report nothing (one report per anomaly)
        boolean resting = cfg.rest() > 0 && observed - lastRaw <= cfg.rest();
        observed++;
        if (raw) lastRaw = observed;
        if (resting) return new Verdict(score, threshold, false, "", 0);
        if (!on) return new Verdict(score, threshold, false, "", c.anomalyScore());
        String hysteresisNote = cfg.n() > 1 ? "; " + hysteresis.anomalousInWindow() + " of the last " + cfg.n() + " evaluations anomalous (k=" + cfg.k() + ")" : "";
        String restNote = cfg.rest() > 0 ? "; next " + cfg.rest() + " observations rest" : "";
        if (raw) return new Verdict(score, threshold, true, lastAlarm + hysteresisNote + restNote, c.anomalyScore());
        return new Verdict(score, threshold, true, "held by hysteresis: " + hysteresis.normalRun() + " of " + cfg.n()
                + " normal evaluations in a row needed to clear" + hysteresisNote + "; last alarm: " + lastAlarm, c.anomalyScore());
    }

    /** The members' verdicts combined, before hysteresis. */
    private record Combined(double score, boolean raw, String why, double anomalyScore) { }

    private Combined vote(Verdict[] verdicts) {
        double firing = 0;
        int count = 0;
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i].anomalous()) {
                firing += cfg.members().get(i).weight();
                count++;
            }
        }
        double total = cfg.totalWeight();
        boolean quorumSet = !Double.isNaN(cfg.quorum());
        double scale = quorumSet ? cfg.quorum() : total / 2;
        boolean raw = quorumSet ? firing >= cfg.quorum() : firing > total / 2;
        var why = new StringBuilder("vote: ").append(count).append(" of ").append(verdicts.length).append(" members");
        if (!allOnes()) why.append(" (weight ").append(Numbers.fmt(firing)).append(')');
        why.append(quorumSet ? " ≥ quorum " + Numbers.fmt(cfg.quorum()) : " > half of " + Numbers.fmt(total));
        double share = firing / total;
        return new Combined(Numbers.finite(firing / scale), raw, why.toString(), Math.min(1, Math.max(0, share)));
    }

    private Combined max(Verdict[] verdicts) {
        double score = 0, anomaly = 0;
        int worst = 0;
        for (int i = 0; i < verdicts.length; i++) {
            double norm = normalised(verdicts[i]);
            if (norm > score) {
                score = norm;
                worst = i;
            }
            anomaly = Math.max(anomaly, verdicts[i].anomalyScore());
        }
        return new Combined(score, score >= 1,
                "max: normalised score " + Numbers.fmt(score) + " (" + cfg.members().get(worst).label() + ")", anomaly);
    }

    /** The weighted mean of the members' anomaly scores (each on its own [0, 1] scale), against {@code level}. */
    private Combined mean(Verdict[] verdicts) {
        double sum = 0;
        for (int i = 0; i < verdicts.length; i++) sum += cfg.members().get(i).weight() * verdicts[i].anomalyScore();
        double mean = Math.min(1, Math.max(0, sum / cfg.totalWeight()));
        return new Combined(mean, mean >= cfg.level(), "mean: anomaly score " + Numbers.fmt(mean) + " ≥ level " + Numbers.fmt(cfg.level()), mean);
    }

    /** "mad: value 9 is 7.2 MADs above median 3 (k=5); ewma: …" — every member that fired. */
    private String fired(Verdict[] verdicts) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            Verdict v = verdicts[i];
            String label = cfg.members().get(i).label();
            if (v.anomalous()) parts.add(label + ": " + v.explanation());
            else if (cfg.mode() == Mode.MAX && normalised(v) >= 1) {
                parts.add(label + ": score " + Numbers.fmt(v.score()) + " at threshold " + Numbers.fmt(v.threshold()));
            }
        }
        return String.join("; ", parts);
    }

    /** score/threshold; for thresholds ≤ 0 (scores in the signal's units) 1 + score when anomalous, else 0. */
    private static double normalised(Verdict v) {
        if (v.threshold() > 0) return Numbers.finite(v.score() / v.threshold());
        return v.anomalous() ? Numbers.finite(1 + Math.max(0, v.score())) : 0;
    }

    private boolean allOnes() {
        for (Member m : cfg.members()) if (m.weight() != 1) return false;
        return true;
    }

    /** SplitMix64 of the seed and the member's position: members of one ensemble get independent streams. */
    static long memberSeed(long seed, int index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean anyFinite(double[] values) {
        for (double v : values) if (Double.isFinite(v)) return true;
        return false;
    }
}
