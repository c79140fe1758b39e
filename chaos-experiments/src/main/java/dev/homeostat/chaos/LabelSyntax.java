package dev.homeostat.chaos;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax for label keys and values (apimachinery's {@code validation.IsQualifiedName} and
 * {@code IsValidLabelValue}). kubectl applies a Chaos Mesh selector naming any string, but when Chaos Mesh selects
 * pods it builds a label selector from {@code labelSelectors} and {@code expressionSelectors}, which fails on a key or
 * value no label can have, and the API server refuses a node list by {@code nodeSelectors} holding one: the experiment
 * injects nothing. (Annotations are matched in Chaos Mesh's own process, unchecked.) Each method returns why its
 * argument is not one, or null when it is.
 */
final class LabelSyntax {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String NAME_RULE = "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    private LabelSyntax() { }

    /** A label key: an optional DNS-subdomain prefix and '/', then a name. */
    static String keyProblem(String key) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = key.substring(slash + 1);
        if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()))
            return "\"" + key + "\" cannot be a label key: its prefix before '/' must be a DNS subdomain such as app.kubernetes.io";
        if (name.length() > 63 || !NAME.matcher(name).matches())
            return "\"" + key + "\" cannot be a label key (" + NAME_RULE + ", after an optional prefix such as app.kubernetes.io/)";
        return null;
    }

    /** A label value: empty, or a name. */
    static String valueProblem(String value) {
        if (value.isEmpty() || value.length() <= 63 && NAME.matcher(value).matches()) return null;
        return "\"" + printable(value) + "\" cannot be a label value (" + NAME_RULE + ")";
    }

    private static String printable(String s) {
        var out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
