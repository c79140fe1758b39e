package dev.homeostat.testbed.bench;

import dev.homeostat.detectors.DetectorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * One configuration of the grid: a policy file (null = each scenario's own policy, as written) and a
 * detector override (null = the policy's detectors as written). {@code name} labels it in every output.
 */
public record BenchConfig(String name, String policyLabel, Path policyFile, DetectorSpec detector) {
    /** Label of the "policy as written in each scenario" column. */
    public static final String SCENARIO_POLICY = "scenario-policy";
    /** Label of the "detectors as written" column. */
    public static final String AS_WRITTEN = "as-written";

    /** The grid in order: each policy (outer) × each detector (inner); empty lists mean "as written". */
    public static List<BenchConfig> grid(List<Path> policies, List<DetectorSpec> detectors) {
        var configs = new ArrayList<BenchConfig>();
        List<Path> ps = policies.isEmpty() ? Collections.singletonList(null) : policies;
        List<DetectorSpec> ds = detectors.isEmpty() ? Collections.singletonList(null) : detectors;
        var labels = new HashSet<String>();
        for (Path p : ps) {
            String policyLabel = p == null ? SCENARIO_POLICY : stem(p);
            if (!labels.add(policyLabel)) {
                throw new IllegalArgumentException("--policies: two policy files are named " + policyLabel
                        + ".yaml; give them distinct file names, which label the rows");
            }
            for (DetectorSpec d : ds) {
                String name = policyLabel + " / " + (d == null ? AS_WRITTEN : d.toString());
                configs.add(new BenchConfig(name, policyLabel, p, d));
            }
        }
        return configs;
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
