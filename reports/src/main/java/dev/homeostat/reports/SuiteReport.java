package dev.homeostat.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A suite run: what report.json holds. {@code passed} (derived) is true when no scenario failed; {@code totals}
 * (derived) is the suite in one row. Both are written and recomputed when read.
 */
@JsonPropertyOrder({"schemaVersion", "suite", "passed", "totals", "scenarios"})
@JsonIgnoreProperties(value = {"passed", "totals"}, allowGetters = true)
public record SuiteReport(String schemaVersion, String suite, List<ScenarioReport> scenarios) {
    public static final String SCHEMA_VERSION = "2";
    /** The schema before pages like for like; still read (its scenarios lack the newer fields: n/a). */
    public static final String PREVIOUS_SCHEMA_VERSION = "1";

    public SuiteReport {
        if (!SCHEMA_VERSION.equals(schemaVersion)) {
            throw new IllegalArgumentException("schemaVersion must be \"" + SCHEMA_VERSION + "\" (got "
                    + schemaVersion + "); this build writes report schema " + SCHEMA_VERSION + " and reads "
                    + PREVIOUS_SCHEMA_VERSION + " and " + SCHEMA_VERSION);
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

    /** No scenario failed its expectations (scenarios without expectations do not fail). */
    @JsonProperty("passed")
    public boolean passed() {
        return scenarios.stream().noneMatch(s -> ScenarioReport.FAIL.equals(s.status()));
    }

    /** As {@link #passed()}; with {@code requireExpectations}, a scenario without expectations fails the suite too. */
    public boolean passed(boolean requireExpectations) {
        return passed() && (!requireExpectations || scenarios.stream().noneMatch(ScenarioReport::noExpectations));
    }

    @JsonProperty("totals")
    public SuiteTotals totals() {
        return SuiteTotals.of(scenarios);
    }
}
