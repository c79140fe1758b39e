package dev.homeostat.testbed.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Prometheus on 127.0.0.1 (a free port) answering {@code /api/v1/query_range} with one series for
 * {@code service="frontend"}; the n-th request (0-based) gets the value {@code valueOfCall.apply(n)} at every step.
 */
final class StubPrometheus implements AutoCloseable {
    final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;

    StubPrometheus(String namespace, IntFunction<String> valueOfCall) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query_range", exchange -> {
            try (exchange) {
                Map<String, String> params = params(exchange.getRequestURI());
                queries.add(params.get("query"));
                String value = valueOfCall.apply(calls.getAndIncrement());
                var values = new StringBuilder();
                double start = Double.parseDouble(params.get("start")), end = Double.parseDouble(params.get("end")),
                        step = Double.parseDouble(params.get("step"));
                for (double t = start; t <= end + 1e-9; t += step) {
                    if (!values.isEmpty()) values.append(',');
                    values.append('[').append(BigDecimal.valueOf(Math.round(t * 1000), 3).toPlainString()).append(",\"").append(value).append("\"]");
                }
                byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"x\","
                        + "\"namespace\":\"" + namespace + "\",\"service\":\"frontend\"},\"values\":[" + values + "]}]}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    URI url() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    int calls() { return calls.get(); }

    private static Map<String, String> params(URI uri) {
        var out = new TreeMap<String, String>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override public void close() {
        server.stop(0);
    }
}
