package dev.homeostat.testbed.scenario;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as Kubernetes validates them for each kind of object (apimachinery's {@code validation.IsDNS1123Label},
 * {@code IsDNS1123Subdomain}, {@code IsDNS1035Label}). A scenario's names become object names in the simulated
 * cluster, Chaos Mesh resources and folders under {@code --out}; holding them to Kubernetes' rules keeps them data:
 * no {@code /}, no {@code ..}, no upper case, bounded length.
 */
public enum KubernetesNames {
    /** Namespaces: a DNS-1123 label. */
    LABEL("a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters", 63,
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
    /** Deployments, nodes, PodDisruptionBudgets, Chaos Mesh experiments, scenarios: a DNS-1123 subdomain. */
    SUBDOMAIN("a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters",
            253, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"),
    /** Services: a DNS-1035 label (it becomes a DNS name, so it starts with a letter). */
    SERVICE("a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters", 63,
            "[a-z]([-a-z0-9]*[a-z0-9])?");

    private final String rule;
    private final int maxLength;
    private final Pattern pattern;

    KubernetesNames(String rule, int maxLength, String regex) {
        this.rule = rule;
        this.maxLength = maxLength;
        this.pattern = Pattern.compile(regex);
    }

    public int maxLength() { return maxLength; }

    /** Null when {@code name} is valid, else what is wrong and a valid name close to it ({@code kind}: "a Deployment name"). */
    public String problem(String kind, String name) {
        if (name.length() <= maxLength && pattern.matcher(name).matches()) return null;
        String shown = name.length() > 80 ? name.substring(0, 60) + "… (" + name.length() + " characters)" : name;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not a valid name: " + kind + " is " + rule + suggestion(name);
    }

    private String suggestion(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll(this == SUBDOMAIN ? "[^a-z0-9.-]+" : "[^a-z0-9-]+", "-")
                .replaceAll("\\.{2,}", ".").replaceAll("-*\\.-*", ".");
        if (this == SERVICE) s = s.replaceFirst("^[^a-z]+", "");
        s = s.replaceAll("^[-.]+|[-.]+$", "");
        if (s.length() > maxLength) s = s.substring(0, maxLength).replaceAll("[-.]+$", "");
        return s.isEmpty() || !pattern.matcher(s).matches() ? "" : ", e.g. '" + s + "'";
    }
}
