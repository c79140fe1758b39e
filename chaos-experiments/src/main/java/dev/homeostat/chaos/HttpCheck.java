package dev.homeostat.chaos;

import dev.homeostat.chaos.model.StatusCheckSpec;
import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.Locale;
import java.util.Optional;

/**
 * One execution of an HTTP status check against a simulated Service, at one instant: the request is the typical one
 * of that instant's traffic step. No ready endpoint: 503. Half or more of the step's requests failed: the check's
 * request fails too, 504 when timeouts are most of the failures, else 500. Otherwise it is answered, within
 * {@code timeoutSeconds} when the step's p99 is (a check tuned above the tail, as health checks are), else it times out
 * (a failure whatever the criteria); answered in time it gets 200. It succeeds when that code is in
 * {@code criteria.statusCode}. A URL whose host is no scenario Service cannot be judged: it passes, and says so.
 */
record HttpCheck(StatusCheckSpec spec, String host, int low, int high, double timeoutSeconds) {
    record Verdict(boolean success, String why) { }

    static HttpCheck of(StatusCheckSpec spec) {
        String code = spec.http().criteria().statusCode().strip();
        int low = Integer.parseInt(code.substring(0, 3));
        int high = code.length() == 7 ? Integer.parseInt(code.substring(4)) : low;
        int timeout = spec.timeoutSeconds() == null ? StatusCheckSpec.DEFAULT_TIMEOUT_SECONDS : spec.timeoutSeconds();
        return new HttpCheck(spec, ServiceAddress.hostOf(spec.http().url()).orElse(""), low, high, timeout);
    }

    Verdict run(String namespace, Orchestration.ClusterProbe cluster) {
        Optional<ServiceNow> found = ServiceAddress.resolve(host, namespace, cluster);
        if (found.isEmpty()) return new Verdict(true, "host " + host + " is no Service of the scenario; taken as passing");
        ServiceNow s = found.get();
        int code;
        String why;
        if (s.readyEndpoints() == 0) {
            code = 503;
            why = s.service() + " has no ready endpoint";
        } else if (s.errorRatio() >= 0.5) {
            code = s.timeouts() >= s.errors() / 2 ? 504 : 500;
            why = String.format(Locale.ROOT, "%.0f%% of %s's requests failed", 100 * s.errorRatio(), s.service());
        } else if (s.p99Seconds() > timeoutSeconds) {
            return new Verdict(false, String.format(Locale.ROOT, "timed out: %s's p99 %.2fs > timeoutSeconds %.0f", s.service(), s.p99Seconds(), timeoutSeconds));
        } else {
            code = 200;
            why = String.format(Locale.ROOT, "%s answered (%.1f%% errors, p99 %.2fs)", s.service(), 100 * s.errorRatio(), s.p99Seconds());
        }
        boolean ok = code >= low && code <= high;
        return new Verdict(ok, "HTTP " + code + ", " + (ok ? "within" : "outside") + " statusCode " + spec.http().criteria().statusCode().strip() + ": " + why);
    }
}
