package dev.homeostat.testbed.run;

import dev.homeostat.remediation.policy.Policy;
import dev.homeostat.remediation.policy.PolicyException;
import dev.homeostat.remediation.policy.PolicyLoader;
import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioException;
import dev.homeostat.testbed.scenario.ScenarioLimits;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite loaded and checked before anything runs, so bad input never leaves a half-written report:
 * its name (the file or folder name), where it came from, its scenarios in suite order and each one's
 * engine policy, and the folder's files that are other objects (skipped, one line each). {@code run} and
 * {@code report merge} both load suites through here.
 */
public record LoadedSuite(String name, Path source, Integer seedCount, List<Scenario> scenarios, Map<Scenario, Policy> policies,
                          List<String> skipped) {
    public LoadedSuite {
        scenarios = List.copyOf(scenarios);
        skipped = List.copyOf(skipped);
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    }

    /** {@code seedCount}, when not null, overrides each scenario's seeds (the {@code --seeds} option). */
    public static LoadedSuite load(Path fileOrDir, Integer seedCount) {
        return load(fileOrDir, seedCount, null);
    }

    /**
     * As {@link #load(Path, Integer)}; {@code policy}, when not null, is the engine policy of every scenario instead of
     * its own (the {@code --policy} option: the same suite under another policy, for {@code compare}).
     */
    public static LoadedSuite load(Path fileOrDir, Integer seedCount, Path policy) {
        ScenarioLimits.checkSeedsOption(seedCount);
        var loader = new ScenarioLoader();
        List<Scenario> loaded = loader.loadAll(fileOrDir);
        if (seedCount != null) loaded = loaded.stream().map(s -> s.withSeedCount(seedCount)).toList();
        Map<Scenario, Policy> policies = new LinkedHashMap<>();
        if (policy != null) {
            Policy shared;
            try {
                shared = PolicyLoader.load(policy);
            } catch (PolicyException e) {
                throw new IllegalArgumentException("--policy: " + e.getMessage(), e);
            }
            for (Scenario s : loaded) policies.put(s, shared);
            return new LoadedSuite(suiteName(fileOrDir), fileOrDir, seedCount, loaded, policies, loader.skipped());
        }
        for (Scenario s : loaded) {
            try {
                policies.put(s, PolicyLoader.load(s.policy()));
            } catch (PolicyException e) {
                throw new ScenarioException(s.source(), 0, "spec.engine.policy", e.getMessage());
            }
        }
        return new LoadedSuite(suiteName(fileOrDir), fileOrDir, seedCount, loaded, policies, loader.skipped());
    }

    /** Every (scenario, seed) pair, numbered in suite order. */
    public List<SuitePair> pairs() {
        return SuitePair.enumerate(scenarios);
    }

    /** The suite's name: the folder's name, or the file's name without {@code .yaml}/{@code .yml}. */
    public static String suiteName(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "suite" : name.toString();
        return s.endsWith(".yaml") ? s.substring(0, s.length() - 5) : s.endsWith(".yml") ? s.substring(0, s.length() - 4) : s;
    }
}
