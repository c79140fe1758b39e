package dev.homeostat.testbed.cli;

import dev.homeostat.chaos.ManifestCheck;
import dev.homeostat.chaos.ManifestProblem;
import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyException;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.testbed.chaos.ManifestValidation;
import dev.homeostat.testbed.chaos.SimulatedChaosRun;
import dev.homeostat.testbed.run.LoadedSuite;
import dev.homeostat.testbed.run.SuiteOutput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code chaos run --simulate}: every manifest checked and its scenario built before anything is written (bad input:
 * exit 2, {@code --out} as it was), then run and written through a staging folder as {@code homeostat run} writes.
 */
final class ChaosSimulate {
    static final Path DEFAULT_OUT = Path.of("out", "chaos-sim");
    static final Path DEFAULT_POLICY = Path.of("remediation", "policies", "default.yaml");

    private ChaosSimulate() { }

    /** {@code policyFile} null: the default policy, relative to the working folder (the repository root, or /app in the image). */
    static int run(Path path, long seed, Path policyFile, Path out, PrintWriter stdout, PrintWriter stderr) {
        if (seed < 0) throw new IllegalArgumentException("--seed: must be 0 or more, was " + seed);
        if (!Files.exists(path)) throw new IllegalArgumentException(path + ": no such file or directory; name a manifest file or a folder of them");
        List<Path> files = ManifestValidation.manifests(path);
        if (files.isEmpty()) throw new IllegalArgumentException(path + ": no *.yaml, *.yml or *.json manifests in this folder");
        Policy policy = policy(policyFile);
        Path policyPath = policyFile != null ? policyFile : DEFAULT_POLICY;
        ManifestCheck check = ManifestValidation.validate(List.of(path));
        if (!check.ok()) {
            // the lines chaos validate prints for them, and nothing simulated or written
            for (ManifestProblem p : check.problems()) stderr.println(p);
            stderr.flush();
            return Homeostat.EXIT_BAD_INPUT;
        }
        check.notes().forEach(stdout::println);
        List<SimulatedChaosRun.Trial> trials = SimulatedChaosRun.prepare(path, files, policyPath, seed, stderr::println);
        SimulatedChaosRun.Result result;
        try (var staged = StagedOutput.open("--out", out)) {
            result = SimulatedChaosRun.run(LoadedSuite.suiteName(path), trials, policy, staged.dir(), Runtime.getRuntime().availableProcessors());
            staged.publish();
        }
        for (var o : result.outcomes()) stdout.println(SimulatedChaosRun.line(o));
        stdout.println();
        SuiteOutput.printTable(stdout, result.report(), out);
        stdout.println("scenarios: " + out.resolve(SimulatedChaosRun.SCENARIOS) + " ('homeostat run " + out.resolve(trials.getFirst().scenarioFile())
                + "' runs one again as it stands)");
        stdout.flush();
        stderr.flush();
        return result.allTookEffect() ? Homeostat.EXIT_OK : Homeostat.EXIT_FAILED;
    }

    private static Policy policy(Path file) {
        Path p = file != null ? file : DEFAULT_POLICY;
        if (!Files.isRegularFile(p))
            throw new IllegalArgumentException("--engine-policy " + p + ": no such file" + (file == null
                    ? " (the default, relative to the working folder); run from the repository root or give --engine-policy FILE"
                    : "; give a RemediationPolicy YAML file"));
        try {
            return PolicyLoader.load(p);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("--engine-policy: " + e.getMessage(), e);
        }
    }
}
