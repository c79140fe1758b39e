package dev.homeostat.testbed.detect;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores evaluation runs as NAB's runner does: per profile, the threshold that maximises the corpus score
 * ({@link NabSweeper#best}), each file scored at it and summed, then normalised as NAB's
 * {@code runner.normalize}: {@code 100 · (raw − null) / (perfect − null)}, where null is the null
 * detector's score under the same protocol and perfect is {@code tp} times the number of windows.
 * Beside that, the engine's view: what the detector's own alarm flags catch and cost.
 */
public final class NabScorer {
    private NabScorer() { }

    /** One profile: the chosen threshold, the raw and normalised scores, windows detected and false-positive rows at that threshold. */
    public record ProfileScore(double threshold, double raw, double normalised, int windowsDetected, int falsePositiveRows) { }

    /**
     * The detector's own alarm flags over the scored rows: windows with an alarm, alarm onsets (runs of
     * alarm rows) that touch no window, and the scored time in days.
     */
    public record EngineView(int windowsWithAlarm, int scoredWindows, int falseOnsets, double scoredDays) {
        public double recall() { return scoredWindows == 0 ? Double.NaN : (double) windowsWithAlarm / scoredWindows; }
        public double falseOnsetsPerDay() { return scoredDays == 0 ? Double.NaN : falseOnsets / scoredDays; }
    }

    /** A candidate's results: per profile, per category (standard profile at the corpus threshold), and the engine's view. */
    public record Result(String label, String exportName, Map<NabProfile, ProfileScore> profiles, Map<String, Double> categories,
                         EngineView engine, Map<NabProfile, double[]> perFile) {
        public double standard() { return profiles.get(NabProfile.STANDARD).normalised(); }
    }

    /**
     * Scores every run; {@code nullRun} is the null detector's run on the same dataset (it defines 0). Results in
     * run order.
     */
    public static List<Result> score(NabDataset dataset, List<NabEvaluation.Run> runs, NabEvaluation.Run nullRun) {
        List<NabSeries> series = dataset.series();
        List<NabSweeper.Rows> template = new ArrayList<>();
        for (NabSeries s : series) template.add(NabSweeper.rows(s, new double[s.size()]));
        Scored nulls = scoreRun(template, nullRun);
        int windows = dataset.windowCount();
        var results = new ArrayList<Result>();
        for (NabEvaluation.Run run : runs) {
            Scored scored = run == nullRun ? nulls : scoreRun(template, run);
            var profiles = new EnumMap<NabProfile, ProfileScore>(NabProfile.class);
            for (NabProfile p : NabProfile.values()) {
                ProfileScore raw = scored.profiles.get(p);
                double perfect = p.tp() * windows;
                profiles.put(p, new ProfileScore(raw.threshold(), raw.raw(),
                        NabSweeper.normalise(raw.raw(), nulls.profiles.get(p).raw(), perfect), raw.windowsDetected(), raw.falsePositiveRows()));
            }
            results.add(new Result(run.candidate().label(), run.candidate().exportName(), profiles,
                    categories(series, scored.perFile.get(NabProfile.STANDARD), nulls.perFile.get(NabProfile.STANDARD)),
                    engineView(series, template, run.alarms()), scored.perFile));
        }
        return results;
    }

    private record Scored(Map<NabProfile, ProfileScore> profiles, Map<NabProfile, double[]> perFile) { }

    private static Scored scoreRun(List<NabSweeper.Rows> template, NabEvaluation.Run run) {
        var rows = new ArrayList<NabSweeper.Rows>(template.size());
        for (int i = 0; i < template.size(); i++) {
            NabSweeper.Rows t = template.get(i);
            rows.add(new NabSweeper.Rows(t.name(), run.anomalyScores().get(i), t.unweighted(), t.window(), t.windows()));
        }
        var profiles = new EnumMap<NabProfile, ProfileScore>(NabProfile.class);
        var perFile = new EnumMap<NabProfile, double[]>(NabProfile.class);
        for (NabProfile p : NabProfile.values()) {
            double threshold = NabSweeper.best(rows, p).threshold();
            double raw = 0;
            int detected = 0, fpRows = 0;
            double[] files = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                NabSweeper.ThresholdScore s = NabSweeper.scoreAt(rows.get(i), p, threshold);
                files[i] = s.score();
                raw += s.score();
                fpRows += s.fp();
                detected += NabSweeper.windowsDetected(rows.get(i), threshold)[0];
            }
            profiles.put(p, new ProfileScore(threshold, raw, Double.NaN, detected, fpRows));
            perFile.put(p, files);
        }
        return new Scored(profiles, perFile);
    }

    /** Per category, the normalised standard score of its files at the corpus threshold (null and perfect of the category). */
    private static Map<String, Double> categories(List<NabSeries> series, double[] files, double[] nullFiles) {
        var raw = new LinkedHashMap<String, double[]>();  // category → {raw, null, windows}
        for (int i = 0; i < series.size(); i++) {
            double[] acc = raw.computeIfAbsent(series.get(i).category(), k -> new double[3]);
            acc[0] += files[i];
            acc[1] += nullFiles[i];
            acc[2] += series.get(i).windows().size();
        }
        var out = new LinkedHashMap<String, Double>();
        raw.forEach((category, acc) -> out.put(category, NabSweeper.normalise(acc[0], acc[1], NabProfile.STANDARD.tp() * acc[2])));
        return out;
    }

    private static EngineView engineView(List<NabSeries> series, List<NabSweeper.Rows> template, List<boolean[]> alarms) {
        int withAlarm = 0, scoredWindows = 0, falseOnsets = 0;
        double days = 0;
        for (int s = 0; s < series.size(); s++) {
            int[] window = template.get(s).window();
            boolean[] alarm = alarms.get(s);
            boolean[] hit = new boolean[template.get(s).windows()];
            boolean[] scored = new boolean[hit.length];
            int n = window.length, probation = series.get(s).probation();
            for (int i = probation; i < n; i++) {
                if (window[i] >= 0) {
                    scored[window[i]] = true;
                    if (alarm[i]) hit[window[i]] = true;
                }
                if (!alarm[i] || (i > probation && alarm[i - 1])) continue;
                boolean touches = false;  // the run of alarms that starts here
                for (int j = i; j < n && alarm[j]; j++) touches |= window[j] >= 0;
                if (!touches) falseOnsets++;
            }
            for (int w = 0; w < hit.length; w++) {
                if (hit[w]) withAlarm++;
                if (scored[w]) scoredWindows++;
            }
            long[] t = series.get(s).times();
            if (probation < n) days += Math.max(0, t[n - 1] - t[probation]) / 86_400_000.0;
        }
        return new EngineView(withAlarm, scoredWindows, falseOnsets, days);
    }
}
