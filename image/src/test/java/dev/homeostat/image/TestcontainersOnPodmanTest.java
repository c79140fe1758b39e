package dev.homeostat.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * Testcontainers without Docker: podman's Docker-compatible API ({@code podman system service} on a unix socket,
 * DOCKER_HOST pointing at it, Ryuk off) and images built here — Prometheus and Alertmanager from Debian's binaries on
 * the image's own base, and the engine image. The shipped PrometheusRules load in a real Prometheus container, the
 * Alertmanager snippet in a real Alertmanager, and the engine image runs. Skipped, saying why, without podman or the
 * image tarballs ({@code mvn -Pimage -pl image -am package}); .ci/run builds them and installs podman.
 */
class TestcontainersOnPodmanTest {
    static final Path ENGINE = Path.of("..", "deploy", "engine").toAbsolutePath().normalize();
    static final Path BASE_TAR = Path.of("target", "base", "homeostat-base.tar");
    private static Process service;
    private static String engineImage;
    private static Podman podman;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll static void podmanApi() throws Exception {
        String why = Podman.unavailable();
        assumeTrue(why == null, why);
        assumeTrue(Files.isRegularFile(BASE_TAR), BASE_TAR.toAbsolutePath() + " is missing: build it with mvn -B -Pimage -pl image -am package");
        Path dir = Files.createDirectories(Path.of("target", "podman").toAbsolutePath());
        podman = new Podman(dir);
        Path socket = Path.of(System.getProperty("homeostat.podman.socket", dir.resolve("podman.sock").toString()));
        Files.deleteIfExists(socket);
        var builder = new ProcessBuilder("podman", "--runtime", "runc", "system", "service", "--time=0", "unix://" + socket)
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        service = builder.start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) Thread.sleep(100);
        assumeTrue(Files.exists(socket), "podman system service did not open " + socket + "; see " + dir.resolve("service.log"));

        podman.run("load", "-i", BASE_TAR.toAbsolutePath().toString());
        engineImage = podman.load();
        image(dir, "prometheus", "/usr/bin/prometheus", null);
        // Debian's Alertmanager reads its notification templates from here
        image(dir, "prometheus-alertmanager", "/usr/bin/prometheus-alertmanager", Path.of("/usr/share/prometheus/alertmanager"));
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "Testcontainers cannot reach podman's API at " + socket);
    }

    /** localhost/homeostat-test-NAME: Debian's binary on the image's base (it links only against the C library). */
    private static void image(Path dir, String name, String binary, Path extra) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is missing (Debian package " + name + "); .ci/run installs it");
        Path context = Files.createDirectories(dir.resolve("context-" + name));
        Files.copy(Path.of(binary), context.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String copyExtra = "";
        if (extra != null) {
            assumeTrue(Files.isDirectory(extra), extra + " is missing (Debian package " + name + ")");
            Path copy = Files.createDirectories(context.resolve("extra"));
            try (var files = Files.list(extra)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".tmpl")).toList())
                    Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copyExtra = "COPY extra/ " + extra + "/\n";
        }
        Files.writeString(context.resolve("Containerfile"), """
                FROM localhost/homeostat-base:latest
                COPY %1$s /usr/local/bin/%1$s
                %2$sUSER 10001:10001
                ENTRYPOINT ["/usr/local/bin/%1$s"]
                """.formatted(name, copyExtra));
        podman.run("build", "--quiet", "-t", "localhost/homeostat-test-" + name + ":latest", context.toString());
    }

    @AfterAll static void stopService() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(5, TimeUnit.SECONDS)) service.destroyForcibly();
        }
    }

    @Test
    void prometheus_inAContainer_loadsTheShippedRules() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory());
        var groups = yaml.createArrayNode();
        List<String> names = new ArrayList<>();
        for (String file : List.of("prometheus-rules.yaml", "signal-alerts.yaml", "engine-alerts.yaml")) {
            for (JsonNode g : yaml.readTree(ENGINE.resolve("base").resolve(file).toFile()).path("spec").path("groups")) {
                groups.add(g);
                names.add(g.path("name").asText());
            }
        }
        String rules = yaml.writeValueAsString(yaml.createObjectNode().set("groups", groups));
        try (var prometheus = new GenericContainer<>("localhost/homeostat-test-prometheus:latest")
                .withCopyToContainer(Transferable.of("global: {evaluation_interval: 1s}\nrule_files: [/tmp/rules.yaml]\n", 0644), "/tmp/prometheus.yml")
                .withCopyToContainer(Transferable.of(rules, 0644), "/tmp/rules.yaml")
                .withCommand("--config.file=/tmp/prometheus.yml", "--storage.tsdb.path=/tmp/tsdb", "--web.listen-address=0.0.0.0:9090")
                .withExposedPorts(9090).waitingFor(Wait.forHttp("/-/ready").forStatusCode(200)).withStartupTimeout(Duration.ofSeconds(60))) {
            prometheus.start();
            String body = get("http://" + prometheus.getHost() + ":" + prometheus.getMappedPort(9090) + "/api/v1/rules");
            JsonNode loaded = new ObjectMapper().readTree(body).path("data").path("groups");
            List<String> loadedNames = new ArrayList<>();
            loaded.forEach(g -> loadedNames.add(g.path("name").asText()));
            assertThat(loadedNames).containsExactlyInAnyOrderElementsOf(names);
            assertThat(body).contains("HomeostatNoLeader").contains("homeostat_signal");
        }
    }

    @Test
    void alertmanager_inAContainer_takesTheShippedReceiver() throws Exception {
        try (var alertmanager = new GenericContainer<>("localhost/homeostat-test-prometheus-alertmanager:latest")
                .withCopyToContainer(Transferable.of(Files.readString(ENGINE.resolve("alertmanager/alertmanager.yaml")), 0644), "/tmp/alertmanager.yml")
                .withCopyToContainer(Transferable.of("container-test-token-0123456789", 0644), "/etc/alertmanager/secrets/homeostat-webhook-token/token")
                .withCommand("--config.file=/tmp/alertmanager.yml", "--storage.path=/tmp/am", "--web.listen-address=0.0.0.0:9093", "--cluster.listen-address=")
                .withExposedPorts(9093).waitingFor(Wait.forHttp("/-/ready").forStatusCode(200)).withStartupTimeout(Duration.ofSeconds(60))) {
            alertmanager.start();
            String status = get("http://" + alertmanager.getHost() + ":" + alertmanager.getMappedPort(9093) + "/api/v2/status");
            assertThat(status).contains("homeostat-engine.homeostat.svc:8080/alerts").contains("homeostat_signal");
        }
    }

    @Test
    void theEngineImage_runsUnderTestcontainers() {
        try (var engine = new GenericContainer<>(engineImage).withCommand("version")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            engine.start();
            assertThat(engine.getLogs()).contains("homeostat 0.1.0").contains("java 25");
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
