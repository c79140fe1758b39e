package dev.homeostat.remediation.live;

import dev.homeostat.remediation.live.http.Endpoint;
import dev.homeostat.remediation.live.http.HttpEndpoints;
import dev.homeostat.remediation.live.http.HttpLimits;
import dev.homeostat.remediation.live.http.Reply;
import dev.homeostat.remediation.live.http.RequestHead;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The engine's own HTTP endpoints: {@code /metrics} (Prometheus exposition, from {@link LiveMetrics}),
 * {@code /healthz} (liveness: the engine loop still runs), {@code /readyz} (readiness: see {@code LiveRuntime}) and,
 * with a token, {@code /approvals}. Both replicas are ready whether or not they lead: readiness gating on leadership
 * would stall a rolling update of the Deployment. Served by {@link HttpEndpoints} (bounded, with timeouts).
 */
public final class EngineServer implements AutoCloseable {
    /** A probe's answer: 200 with {@code detail} when ok, 503 otherwise. */
    public record Status(boolean ok, String detail) { }

    private final HttpEndpoints server;

    private EngineServer(HttpEndpoints server) {
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
        return start(listen, registry, liveness, readiness, approvals, token, HttpLimits.DEFAULTS);
    }

    public static EngineServer start(InetSocketAddress listen, PrometheusRegistry registry, Supplier<Status> liveness,
                                     Supplier<Status> readiness, ApprovalDesk approvals, String token, HttpLimits limits) throws IOException {
        ApprovalsApi api = approvals == null ? null : new ApprovalsApi(approvals, token);
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(readiness, "readiness");
        ExpositionFormats formats = ExpositionFormats.init();
        Endpoint endpoint = head -> new Endpoint.Decision.Answer(answer(head, registry, formats, liveness, readiness, api));
        return new EngineServer(HttpEndpoints.start("engine-server", listen, endpoint, limits));
    }

    public int port() { return server.port(); }

    private static Reply answer(RequestHead head, PrometheusRegistry registry, ExpositionFormats formats, Supplier<Status> liveness,
                                Supplier<Status> readiness, ApprovalsApi api) {
        String path = head.path();
        if (api != null && ApprovalsApi.handles(path)) return api.reply(head);
        if (path.equals("/metrics")) {
            if (!head.method().equals("GET") && !head.method().equals("HEAD")) return Reply.error(405, "use GET /metrics").with("Allow", "GET");
            ExpositionFormatWriter writer = formats.findWriter(head.header("Accept"));
            var out = new ByteArrayOutputStream();
            try {
                writer.write(out, registry.scrape());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Reply(200, Map.of(), writer.getContentType(), out.toByteArray());
        }
        Status status = switch (path) {
            case "/healthz" -> liveness.get();
            case "/readyz" -> readiness.get();
            default -> null;
        };
        if (status == null) return Reply.text(404, "not found; try /metrics, /healthz or /readyz\n");
        return Reply.text(status.ok() ? 200 : 503, (status.ok() ? "ok: " : "failing: ") + status.detail() + "\n");
    }

    @Override public void close() {
        server.close();
    }
}
