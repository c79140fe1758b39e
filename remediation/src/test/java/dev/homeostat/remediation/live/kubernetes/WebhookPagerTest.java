package dev.homeostat.remediation.live.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.port.ActionOutcome;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookPagerTest {
    private HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/page", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private WebhookPager pager() {
        return new WebhookPager(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/page"), Duration.ofSeconds(5));
    }

    private static final ClusterAction.Page PAGE = new ClusterAction.Page(new Target(Target.Kind.POD, "shop", "web-0"), "still failing");

    @Test
    void aPage_isPostedAsJson_andA2xxIsADeliveredPage() {
        ActionOutcome outcome = pager().page(PAGE);

        assertThat(outcome.applied()).isTrue();
        assertThat(bodies).containsExactly("{\"source\":\"homeostat\",\"target\":\"pod/shop/web-0\",\"kind\":\"pod\",\"namespace\":\"shop\","
                + "\"name\":\"web-0\",\"reason\":\"still failing\"}");
    }

    @Test
    void aReceiverThatFails_isARefusedPage_notAnException() {
        status = 503;
        ActionOutcome outcome = pager().page(PAGE);

        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("answered 503");
    }

    @Test
    void aUrlThatIsNotHttp_isRejectedAtConstruction() {
        assertThatThrownBy(() -> new WebhookPager(URI.create("ftp://x/page"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with http:// or https://");
    }
}
