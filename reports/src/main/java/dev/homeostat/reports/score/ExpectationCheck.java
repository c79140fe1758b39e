package dev.homeostat.reports.score;

import java.util.Objects;

/**
 * One expectation of a scenario as it was checked: {@code name} is the bound as configured
 * ({@code minF1 0.5}, {@code maxMttd 600s}), {@code failure} the line {@link Expectations#check} reports when
 * it failed ({@code f1 0.42 < minF1 0.50}), null when it held. JUnit XML lists one test case per check.
 */
public record ExpectationCheck(String name, String failure) {
    public ExpectationCheck {
        Objects.requireNonNull(name, "name");
    }

    public boolean passed() {
        return failure == null;
    }

    /**
     * The check behind a failure line when only the line is known (a report.json read back keeps the failed
     * lines, not the passed checks): the bound is what follows {@code expected }, {@code < } or {@code > }.
     */
    public static ExpectationCheck ofFailure(String failure) {
        Objects.requireNonNull(failure, "failure");
        int at = failure.lastIndexOf("expected ");
        String name;
        if (at >= 0) {
            name = failure.substring(at + "expected ".length());
        } else {
            int lt = Math.max(failure.lastIndexOf(" < "), failure.lastIndexOf(" > "));
            name = lt >= 0 ? failure.substring(lt + 3) : failure;
        }
        return new ExpectationCheck(name, failure);
    }
}
