package dev.homeostat.testbed.cli;

import dev.homeostat.detectors.DetectorRegistry;
import dev.homeostat.detectors.DetectorSpec;
import dev.homeostat.testbed.detect.Baselines;
import dev.homeostat.testbed.detect.Candidate;
import dev.homeostat.testbed.detect.DetectorFactory;
import dev.homeostat.testbed.detect.NabDataset;
import dev.homeostat.testbed.detect.NabEvaluation;
import dev.homeostat.testbed.detect.NabReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** {@code homeostat detect eval}: NAB-style scoring of detectors plus the random and always baselines. */
    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = {
                    "Run detectors over labelled NAB series (data/<folder>/<file>.csv + labels/combined_windows.json) and score them:",
                    "event-wise precision/recall/F1, detection delay, false alarms per day on anomaly-free series, and NAB scores",
                    "(standard, reward_low_FP, reward_low_FN). The baselines 'random' (p = 0.01) and 'always' are in every table.",
                    "Exit code: 0 done, 2 bad input."})
    public static final class Eval implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "NAB's data folder, holding <folder>/<file>.csv.")
        Path data;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "NAB's labels/combined_windows.json.")
        Path labels;

        @Option(names = "--detector", paramLabel = "NAME[:k=v,...]",
                description = "A detector to evaluate, e.g. mad:window=60,k=5 (repeatable). Without any, only the baselines run.")
        List<String> detectors = new ArrayList<>();

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the detectors and of the random baseline (default: ${DEFAULT-VALUE}).")
        long seed = 1;

        @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the tables as Markdown to this file.")
        Path out;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            // Flags first, then data: bad input fails before any detector runs and before anything is written.
            var candidates = new ArrayList<Candidate>();
            var seen = new HashSet<String>();
            for (String text : detectors) {
                DetectorSpec parsed;
                try {
                    parsed = DetectorSpec.parse(text);
                    DetectorRegistry.validate(parsed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--detector " + text + ": " + e.getMessage(), e);
                }
                if (!seen.add(parsed.toString())) throw new IllegalArgumentException("--detector " + text + ": given twice; list each detector once");
                candidates.add(new Candidate(parsed.toString(), DetectorFactory.of(parsed)));
            }
            candidates.addAll(Baselines.all());
            NabDataset dataset = NabDataset.load(data, labels);

            String markdown = NabReport.markdown(dataset, NabEvaluation.evaluate(dataset, candidates, seed), seed);
            var stdout = spec.commandLine().getOut();
            stdout.print(markdown);
            if (out != null) {
                writeAtomically(out, markdown);
                stdout.println();
                stdout.println("report: " + out);
            }
            stdout.flush();
            return Homeostat.EXIT_OK;
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
