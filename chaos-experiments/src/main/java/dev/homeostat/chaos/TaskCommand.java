package dev.homeostat.chaos;

import dev.homeostat.simulator.cluster.ServiceNow;
import dev.homeostat.simulator.fault.Orchestration;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Workflow Task's container as the simulation runs it: no pod is scheduled, its outcome is read from the cluster
 * at the instant it finishes. Its command and args (a shell script under {@code sh -c} too) are read for, in order:
 * an {@code exit N} (exit code N, no output); an {@code echo …} (exit 0, stdout the words); an http(s) URL whose host
 * is a scenario Service ({@link ServiceAddress}): exit 0 when that Service has a ready pod and meets its SLO, else 1,
 * no output. Anything else (no URL, or a host no Service answers to) cannot be judged: the container is taken to
 * exit 0, and the journal says so.
 */
record TaskCommand(String text, Optional<Integer> exit, Optional<String> echo, Optional<String> host) {
    private static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:]+])");
    private static final Pattern EXIT = Pattern.compile("(?:^|[;&|]\\s*)exit\\s+(\\d+)\\s*$");
    private static final Pattern ECHO = Pattern.compile("^\\s*echo\\s+(?:-n\\s+)?(.*?)\\s*$");

    /** What the container did: exit code, stdout (trimmed, as Chaos Mesh's collector passes it) and why, for the journal. */
    record Outcome(int exitCode, String stdout, String why) { }

    static TaskCommand of(Container c) {
        var words = new ArrayList<String>();
        if (c.getCommand() != null) words.addAll(c.getCommand());
        if (c.getArgs() != null) words.addAll(c.getArgs());
        String text = String.join(" ", words);
        String script = shellScript(words).orElse(text);
        Optional<Integer> exit = Optional.empty();
        Matcher m = EXIT.matcher(script.strip());
        if (m.find()) exit = Optional.of(Integer.parseInt(m.group(1)) & 0xff);
        Optional<String> echo = Optional.empty();
        Matcher e = ECHO.matcher(script);
        if (exit.isEmpty() && e.matches()) echo = Optional.of(unquote(e.group(1)));
        Matcher u = URL.matcher(text);
        Optional<String> host = u.find() ? Optional.of(u.group(1)) : Optional.empty();
        return new TaskCommand(text, exit, echo, host);
    }

    /** Whether the simulation can judge this container at all (else it is taken to exit 0). */
    boolean judged() { return exit.isPresent() || echo.isPresent() || host.isPresent(); }

    Outcome run(String namespace, Orchestration.ClusterProbe cluster) {
        if (exit.isPresent()) return new Outcome(exit.get(), "", "its script exits " + exit.get());
        if (echo.isPresent()) return new Outcome(0, echo.get(), "it echoes \"" + echo.get() + "\"");
        if (host.isEmpty()) return new Outcome(0, "", "its command (" + text + ") addresses no Service the simulation knows; taken to exit 0");
        Optional<ServiceNow> s = ServiceAddress.resolve(host.get(), namespace, cluster);
        if (s.isEmpty()) return new Outcome(0, "", "host " + host.get() + " is no Service of the scenario; taken to exit 0");
        ServiceNow now = s.get();
        boolean ok = now.readyEndpoints() > 0 && !now.sloViolated();
        String state = "service " + now.service() + " has " + now.readyEndpoints() + " ready pod" + (now.readyEndpoints() == 1 ? "" : "s")
                + " and its SLO is " + (now.sloViolated() ? "violated" : "met");
        return new Outcome(ok ? 0 : 1, "", state);
    }

    private static Optional<String> shellScript(List<String> words) {
        for (int i = 0; i + 2 < words.size(); i++) {
            String w = words.get(i).toLowerCase(Locale.ROOT);
            if ((w.endsWith("sh") || w.endsWith("bash")) && words.get(i + 1).equals("-c"))
                return Optional.of(words.get(i + 2));
        }
        return Optional.empty();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) return s.substring(1, s.length() - 1);
        return s;
    }
}
