package dev.homeostat.remediation.router;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The team's own SLO pages that are open: Alertmanager's notifications of {@code SLOErrorBudgetBurn}, per service
 * ({@code service/<ns>/<name>}), each alert by its fingerprint until it resolves. Live they reach the engine through
 * its webhook (the shipped Alertmanager route sends them there too); in simulation the simulated Alertmanager tells
 * it. A human who already has the team's page for a service the engine's page would stand for needs no second one:
 * the engine's page is held while the team's is open ({@link PageGate}).
 */
public final class TeamPages {
    private final Map<String, Set<String>> open = new HashMap<>();

    /** The team's page {@code key} for {@code service} fired ({@code firing}) or resolved. */
    public void page(String service, String key, boolean firing) {
        if (firing) open.computeIfAbsent(service, s -> new HashSet<>()).add(key);
        else {
            Set<String> keys = open.get(service);
            if (keys != null && keys.remove(key) && keys.isEmpty()) open.remove(service);
        }
    }

    /** The first of {@code services} (in their order) whose team page is open, or null. */
    String openFor(Collection<String> services) {
        if (open.isEmpty()) return null;
        for (String s : services) if (open.containsKey(s)) return s;
        return null;
    }
}
