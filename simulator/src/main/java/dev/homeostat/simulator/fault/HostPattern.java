package dev.homeostat.simulator.fault;

import java.util.Locale;

/**
 * How Chaos Mesh matches host names: DNSChaos {@code patterns} (a name, {@code ?} for one character,
 * {@code *} only as the last character for any suffix) and NetworkChaos {@code externalTargets} (an IPv4
 * address, a CIDR such as {@code 10.0.0.0/8}, or a host name, which Chaos Mesh resolves, so it matches
 * that name exactly). Names compare without case and without a trailing dot.
 */
public final class HostPattern {
    private HostPattern() { }

    /** A DNSChaos pattern against a looked-up name. */
    public static boolean matchesPattern(String pattern, String host) {
        String p = normal(pattern), h = normal(host);
        boolean prefix = p.endsWith("*");
        if (prefix) p = p.substring(0, p.length() - 1);
        if (prefix ? h.length() < p.length() : h.length() != p.length()) return false;
        for (int i = 0; i < p.length(); i++) if (p.charAt(i) != '?' && p.charAt(i) != h.charAt(i)) return false;
        return true;
    }

    /** A NetworkChaos external target (IP, CIDR or name) against a called host (a name or an IPv4 address). */
    public static boolean matchesTarget(String target, String host) {
        String t = normal(target), h = normal(host);
        int slash = t.indexOf('/');
        if (slash < 0) return t.equals(h);
        long net = ipv4(t.substring(0, slash)), addr = ipv4(h);
        if (net < 0 || addr < 0) return false;
        int bits = Integer.parseInt(t.substring(slash + 1));
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (net & mask) == (addr & mask);
    }

    /** The address as an unsigned 32-bit number, or -1 when {@code s} is not a dotted IPv4 address. */
    private static long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return -1;
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) return -1;
            int n = Integer.parseInt(part);
            if (n > 255) return -1;
            v = v << 8 | n;
        }
        return v;
    }

    private static String normal(String s) {
        String l = s.strip().toLowerCase(Locale.ROOT);
        return l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
    }
}
