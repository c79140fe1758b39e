package dev.homeostat.testbed.cli;

import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.testbed.detect.Baselines;
import dev.homeostat.testbed.detect.Candidate;
import dev.homeostat.testbed.detect.NabDataset;
import dev.homeostat.testbed.detect.NabEvaluation;
import dev.homeostat.testbed.detect.NabExport;
import dev.homeostat.testbed.detect.NabProfile;
import dev.homeostat.testbed.detect.NabReport;
import dev.homeostat.testbed.detect.NabScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code homeostat detect}: checking detectors on labelled data this project did not generate. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Evaluate anomaly detectors on labelled data.",
        subcommands = {DetectCommand.Eval.class})
public final class DetectCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "detect: missing subcommand; try 'homeostat detect eval --help'");
    }

    /** {@code homeostat detect eval}: NAB's protocol over detectors and NAB's baselines. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {
                    "Run detectors over labelled NAB series (data/<folder>/<file>.csv + labels/combined_windows.json) and score them",
                    "with NAB's protocol: per-row anomaly scores, the threshold sweep per profile (standard, reward_low_FP_rate,",
                    "reward_low_FN_rate), NAB's normalisation. NAB's baselines null, random and windowedGaussian are in every table.",
                    "Exit code: 0 done, 2 bad input."})
    public static final class Eval implements Callable<Integer> {
        /**
         * Evaluated when no --detector is given: the detectors after NAB's board (at their defaults), two ensembles, and the
         * engine's statistical detectors at theirs.
         */
        public static final List<String> DEFAULT_DETECTORS = List.of("cad-ose", "skyline", "knn-cad", "relative-entropy",
                "ensemble:members=cad-ose|skyline,mode=max", "mad", "ewma");

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "NAB's data folder, holding <folder>/<file>.csv.")
        Path data;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "NAB's labels/combined_windows.json.")
        Path labels;

        @Option(names = "--detector", paramLabel = "NAME[:k=v,...]",
                description = "A detector to evaluate, e.g. mad:window=60,k=5 (repeatable). Default: the recommended set.")
        List<String> detectors = new ArrayList<>();

        @Option(names = "--seed", paramLabel = "N", description = "Seed the detectors' per-file seeds are split from (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Option(names = "--random-seeds", paramLabel = "N",
                description = "Also score NAB's random detector under seeds 1..N and report the mean, as NAB's scoreboard does (default: ${DEFAULT-VALUE}; 0 = off).")
        int randomSeeds = 10;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the tables as Markdown to this file.")
        Path out;

        @Option(names = "--export", paramLabel = "DIR",
                description = "Write every row's anomaly score in NAB's results layout (DIR/<detector>/<category>/<detector>_<file>.csv) and DIR/thresholds.json, for NAB's own scorer.")
        Path export;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            // Flags first, then data: bad input fails before any detector runs and before anything is written.
            if (threads < 1) throw new IllegalArgumentException("--threads " + threads + ": give at least 1");
            if (randomSeeds < 0) throw new IllegalArgumentException("--random-seeds " + randomSeeds + ": give 0 (off) or more");
            var candidates = new ArrayList<Candidate>();
            var seen = new HashSet<String>();
            for (String text : detectors.isEmpty() ? DEFAULT_DETECTORS : detectors) {
                DetectorSpec parsed;
                try {
                    parsed = DetectorSpec.parse(text);
                    DetectorRegistry.validate(parsed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--detector " + text + ": " + e.getMessage(), e);
                }
                Candidate c = Candidate.of(parsed);
                if (!seen.add(c.exportName())) {
                    throw new IllegalArgumentException("--detector " + text + ": given twice (or exported under the same name '" + c.exportName() + "'); list each detector once");
                }
                candidates.add(c);
            }
            for (Candidate b : Baselines.all()) if (seen.add(b.exportName())) candidates.add(b);
            NabDataset dataset = NabDataset.load(data, labels);
            StagedOutput.checkFile("--out", out);
            StagedOutput.checkFolder("--export", export);

            List<NabEvaluation.Run> runs = NabEvaluation.run(dataset, candidates, seed, threads);
            NabEvaluation.Run nullRun = runs.stream().filter(r -> r.candidate().exportName().equals(Baselines.NULL)).findFirst().orElseThrow();
            List<NabScorer.Result> results = new ArrayList<>(NabScorer.score(dataset, runs, nullRun));
            if (randomSeeds > 0) results.add(randomMean(dataset, nullRun));
            String markdown = NabReport.markdown(dataset, results, seed);

            if (export != null) NabExport.write(export, dataset, runs, results.subList(0, runs.size()));
            var stdout = spec.commandLine().getOut();
            stdout.print(markdown);
            if (out != null) {
                writeAtomically(out, markdown);
                stdout.println();
                stdout.println("report: " + out);
            }
            if (export != null) stdout.println("export: " + export + " (NAB's results layout; thresholds in " + export.resolve(NabExport.THRESHOLDS) + ")");
            stdout.flush();
            return Homeostat.EXIT_OK;
        }

        /** NAB's random detector under seeds 1..N, each swept on its own; the normalised scores averaged per profile. */
        private NabScorer.Result randomMean(NabDataset dataset, NabEvaluation.Run nullRun) {
            var seeded = new ArrayList<Candidate>();
            for (int s = 1; s <= randomSeeds; s++) seeded.add(Baselines.random(s));
            List<NabScorer.Result> each = NabScorer.score(dataset, NabEvaluation.run(dataset, seeded, seed, threads), nullRun);
            Map<NabProfile, NabScorer.ProfileScore> mean = new EnumMap<>(NabProfile.class);
            for (NabProfile p : NabProfile.values()) {
                double sum = 0;
                for (NabScorer.Result r : each) sum += r.profiles().get(p).normalised();
                mean.put(p, new NabScorer.ProfileScore(Double.NaN, Double.NaN, sum / each.size(), 0, 0));
            }
            String label = "random (mean of seeds 1–" + randomSeeds + ")";
            return new NabScorer.Result(label, "random-mean", mean, Map.of(), null, Map.of());
        }

        /** Written beside the target and moved into place, so a failed run never leaves half a report. */
        private static void writeAtomically(Path target, String text) {
            Path absolute = target.toAbsolutePath();
            try {
                Files.createDirectories(absolute.getParent());
                Path tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
                try {
                    Files.writeString(tmp, text, StandardCharsets.UTF_8);
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("--out: cannot write " + target, e);
            }
        }
    }
}
