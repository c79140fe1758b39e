package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EngineConfig YAML: the shipped sample loads, and each kind of mistake is named with its field. */
class EngineConfigTest {
    static final Path BASE = Path.of("..", "deploy", "engine", "base");
    static final String TOKEN = "0123456789abcdef0123";

    static String minimal(String extra) {
        return """
                apiVersion: homeostat.dev/v1alpha1
                kind: EngineConfig
                metadata: {name: t}
                spec:
                  policy: policy.yaml
                  prometheus: {url: "http://prometheus:9090"}
                """ + extra;
    }

    static EngineConfig parse(Path dir, String yaml, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "irrelevant: the loader only checks that the file exists\n");
        return EngineConfig.parse(yaml, "engine.yaml", dir, env);
    }

    @Test
    void shippedConfigMap_holdsAValidEngineConfigAndPolicy(@TempDir Path dir) throws Exception {
        String engine = Files.readString(BASE.resolve("engine.yaml"));
        String policy = Files.readString(BASE.resolve("policy.yaml"));
        assertThat(PolicyLoader.parse(policy, "policy.yaml").signals()).isNotEmpty();

        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Files.writeString(dir.resolve("policy.yaml"), policy);
        var config = EngineConfig.parse(engine.replace("/etc/homeostat/policy.yaml", "policy.yaml")
                        .replace("/var/run/secrets/homeostat/token", tokenFile.toString()), "configmap.yaml#engine.yaml", dir,
                Map.of("POD_NAME", "homeostat-engine-abc", "POD_NAMESPACE", "homeostat"));

        assertThat(config.dryRun()).as("the Deployment's --dry-run keeps it dry until overlays/auto").isFalse();
        assertThat(config.pagerUrl()).as("pages go out once the SRE writes their URL").isNotNull();
        assertThat(config.journal()).isEqualTo(Path.of("/dev/stdout"));
        assertThat(config.webhook().token()).isEqualTo(TOKEN);
        assertThat(config.webhook().toString()).doesNotContain(TOKEN);
        assertThat(config.leaderElection().identity()).isEqualTo("homeostat-engine-abc");
        assertThat(config.leaderElection().namespace()).isEqualTo("homeostat");
        assertThat(config.kubernetes().namespaces()).containsExactly("default");
        assertThat(config.server().listen().getPort()).isEqualTo(8081);
        assertThat(config.prometheus().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void defaults_fillWhatIsLeftOut(@TempDir Path dir) throws Exception {
        var config = parse(dir, minimal(""), Map.of("HOSTNAME", "host-1"));
        assertThat(config.policy()).isEqualTo(dir.resolve("policy.yaml"));
        assertThat(config.dryRun()).isFalse();
        assertThat(config.webhook()).isNull();
        assertThat(config.journal()).isNull();
        assertThat(config.leaderElection().identity()).isEqualTo("host-1");
        assertThat(config.leaderElection().leaseName()).isEqualTo(EngineConfig.Defaults.LEASE_NAME);
        assertThat(config.kubernetes().namespaces()).containsExactly("default");
        assertThat(config.withDryRun(true).dryRun()).isTrue();
    }

    @Test
    void inlineToken_isRefused_pointingAtSecrets(@TempDir Path dir) {
        assertThatThrownBy(() -> parse(dir, minimal("  webhook: {token: " + TOKEN + "}\n"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("engine.yaml: spec.webhook.token: a token is never written inline; put it in a Secret and use tokenFile (a mounted file) or tokenEnv (a variable)");
    }

    @Test
    void tokenFromEnvironment_mustBeSetAndLongEnough(@TempDir Path dir) throws Exception {
        String yaml = minimal("  webhook: {tokenEnv: HOOK_TOKEN, listen: \":9999\"}\n");
        assertThatThrownBy(() -> parse(dir, yaml, Map.of())).hasMessageContaining("spec.webhook.tokenEnv: variable HOOK_TOKEN is not set");
        assertThatThrownBy(() -> parse(dir, yaml, Map.of("HOOK_TOKEN", "short"))).hasMessageContaining("shorter than 16 characters");
        var config = parse(dir, yaml, Map.of("HOOK_TOKEN", TOKEN));
        assertThat(config.webhook().token()).isEqualTo(TOKEN);
        assertThat(config.webhook().listen().getPort()).isEqualTo(9999);
    }

    @Test
    void mistakes_nameTheFieldAndTheFix(@TempDir Path dir) {
        assertThatThrownBy(() -> parse(dir, minimal("  prometeus: {}\n"), Map.of()))
                .hasMessageStartingWith("engine.yaml: spec.prometeus: unknown field; known:");
        assertThatThrownBy(() -> parse(dir, minimal("").replace("http://prometheus:9090", "prometheus:9090"), Map.of()))
                .hasMessageContaining("spec.prometheus.url: 'prometheus:9090' is not an http(s) URL");
        assertThatThrownBy(() -> parse(dir, minimal("").replace("policy.yaml", "nope.yaml"), Map.of()))
                .hasMessageContaining("spec.policy: file").hasMessageContaining("nope.yaml not found");
        assertThatThrownBy(() -> parse(dir, minimal("  server: {listen: \"0.0.0.0\"}\n"), Map.of()))
                .hasMessageContaining("spec.server.listen: '0.0.0.0' has no port");
        assertThatThrownBy(() -> parse(dir, minimal("  kubernetes: {namespaces: [Default]}\n"), Map.of()))
                .hasMessageContaining("spec.kubernetes.namespaces[0]: 'Default' is not a namespace name");
        assertThatThrownBy(() -> parse(dir, minimal("  leaderElection: {identity: a, leaseDuration: 5s, renewDeadline: 10s}\n"), Map.of()))
                .hasMessageContaining("spec.leaderElection.renewDeadline").hasMessageContaining("shorter than leaseDuration");
        assertThatThrownBy(() -> parse(dir, minimal("  dryRun: yes please\n"), Map.of()))
                .hasMessageContaining("spec.dryRun: expected true or false");
        assertThatThrownBy(() -> parse(dir, minimal("").replace("kind: EngineConfig", "kind: RemediationPolicy"), Map.of()))
                .hasMessageContaining("kind: 'RemediationPolicy' is not an engine configuration; write EngineConfig");
        assertThatThrownBy(() -> EngineConfig.load(dir.resolve("missing.yaml"), Map.of()))
                .hasMessageContaining("missing.yaml: file not found");
    }

    @Test
    void electionOff_meansASingleActingReplica(@TempDir Path dir) throws Exception {
        assertThat(parse(dir, minimal("  leaderElection: {enabled: false}\n"), Map.of()).leaderElection()).isNull();
    }
}
