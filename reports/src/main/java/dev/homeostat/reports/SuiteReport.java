package dev.homeostat.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** A suite run: what report.json holds. {@code passed} (derived) is true when every scenario passed. */
@JsonPropertyOrder({"schemaVersion", "suite", "passed", "scenarios"})
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record SuiteReport(String schemaVersion, String suite, List<ScenarioReport> scenarios) {
    public static final String SCHEMA_VERSION = "1";

    public SuiteReport {
        if (!SCHEMA_VERSION.equals(schemaVersion)) {
            throw new IllegalArgumentException("schemaVersion must be \"" + SCHEMA_VERSION + "\" (got "
                    + schemaVersion + "); this build reads and writes report schema " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(suite, "suite");
        scenarios = List.copyOf(scenarios);
        var names = new HashSet<String>();
        for (ScenarioReport s : scenarios) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("suite " + suite + ": scenario " + s.name()
                        + " appears twice; scenario names must be unique");
            }
        }
    }

    public static SuiteReport of(String suite, List<ScenarioReport> scenarios) {
        return new SuiteReport(SCHEMA_VERSION, suite, scenarios);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return scenarios.stream().allMatch(ScenarioReport::passed);
    }
}
