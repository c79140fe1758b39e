package dev.homeostat.remediation.live;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine's own HTTP endpoints: {@code /metrics} (Prometheus text format, from {@link LiveMetrics}),
 * {@code /healthz} (liveness: the engine loop still runs) and {@code /readyz} (readiness: the
 * replica is up and its cluster view is synced). Both replicas are ready whether or not they
 * lead: readiness gating on leadership would stall a rolling update of the Deployment.
 */
public final class EngineServer implements AutoCloseable {
    /** A probe's answer: 200 with {@code detail} when ok, 503 otherwise. */
    public record Status(boolean ok, String detail) { }

    private final HTTPServer server;

    private EngineServer(HTTPServer server) {
        this.server = server;
    }

    public static EngineServer start(InetSocketAddress listen, PrometheusRegistry registry, Supplier<Status> liveness,
                                     Supplier<Status> readiness) throws IOException {
        return start(listen, registry, liveness, readiness, null, null);
    }

    /**
     * Also serves {@code /approvals} (see {@link ApprovalsApi}) when {@code approvals} is given,
     * protected by {@code token} (the webhook's bearer token). Without them {@code /approvals} is 404.
     */
    public static EngineServer start(InetSocketAddress listen, PrometheusRegistry registry, Supplier<Status> liveness,
                                     Supplier<Status> readiness, ApprovalDesk approvals, String token) throws IOException {
        ApprovalsApi api = approvals == null ? null : new ApprovalsApi(approvals, token);
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(readiness, "readiness");
        HTTPServer server = HTTPServer.builder()
                .inetAddress(listen.getAddress())
                .port(listen.getPort())
                .registry(registry)
                .metricsHandlerPath("/metrics")
                .registerHealthHandler(false)
                .defaultHandler(exchange -> {
                    if (api != null && ApprovalsApi.handles(exchange.getRequestURI().getPath())) {
                        try (exchange) {
                            api.handle(exchange);
                        }
                    } else {
                        probe(exchange, liveness, readiness);
                    }
                })
                .buildAndStart();
        return new EngineServer(server);
    }

    public int port() { return server.getPort(); }

    private static void probe(HttpExchange exchange, Supplier<Status> liveness, Supplier<Status> readiness) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Status status = switch (path) {
                case "/healthz" -> liveness.get();
                case "/readyz" -> readiness.get();
                default -> null;
            };
            int code = status == null ? 404 : status.ok() ? 200 : 503;
            String text = status == null ? "not found; try /metrics, /healthz or /readyz\n" : (status.ok() ? "ok: " : "failing: ") + status.detail() + "\n";
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override public void close() {
        server.close();
    }
}
