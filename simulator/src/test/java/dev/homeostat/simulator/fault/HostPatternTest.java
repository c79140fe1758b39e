package dev.homeostat.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostPatternTest {
    @Test
    void dnsPatterns_questionMarkIsOneCharacter_trailingStarAnySuffix() {
        assertThat(HostPattern.matchesPattern("google.com", "google.com.")).isTrue();
        assertThat(HostPattern.matchesPattern("google.com", "www.google.com")).isFalse();
        assertThat(HostPattern.matchesPattern("github.?om", "github.com")).isTrue();
        assertThat(HostPattern.matchesPattern("github.?om", "github.coom")).isFalse();
        assertThat(HostPattern.matchesPattern("chaos-mesh.*", "chaos-mesh.org")).isTrue();
        assertThat(HostPattern.matchesPattern("chaos-mesh.*", "chaos-mesh")).isFalse();
        assertThat(HostPattern.matchesPattern("*", "anything.example")).isTrue();
    }

    @Test
    void externalTargets_matchANameExactly_anAddressOrACidr() {
        assertThat(HostPattern.matchesTarget("Payments.Example.com", "payments.example.com")).isTrue();
        assertThat(HostPattern.matchesTarget("example.com", "payments.example.com")).isFalse();
        assertThat(HostPattern.matchesTarget("10.0.0.0/8", "10.1.2.3")).isTrue();
        assertThat(HostPattern.matchesTarget("10.0.0.0/8", "11.1.2.3")).isFalse();
        assertThat(HostPattern.matchesTarget("0.0.0.0/0", "8.8.8.8")).isTrue();
        assertThat(HostPattern.matchesTarget("10.0.0.0/8", "payments.example.com")).isFalse();
        assertThat(HostPattern.matchesTarget("10.1.2.3", "10.1.2.3")).isTrue();
    }
}
