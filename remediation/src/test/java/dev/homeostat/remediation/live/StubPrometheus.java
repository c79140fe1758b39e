package dev.homeostat.remediation.live;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A Prometheus stand-in on 127.0.0.1: answers /api/v1/query_range from a function of the query parameters. */
final class StubPrometheus implements AutoCloseable {
    record Answer(int code, String body, long delayMillis) {
        static Answer ok(String body) { return new Answer(200, body, 0); }
    }

    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubPrometheus(Function<Map<String, String>, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query_range", exchange -> {
            try (exchange) {
                Map<String, String> params = params(exchange.getRequestURI());
                requests.add(params);
                Answer answer = answers.apply(params);
                if (answer.delayMillis() > 0) {
                    try {
                        Thread.sleep(answer.delayMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.code(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the client gave up (timeout test); nothing to answer
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    URI url() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort()); }

    static Map<String, String> params(URI uri) {
        var out = new TreeMap<String, String>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A matrix answer with one series per entry: labels as JSON object text, then [time, "value"] pairs. */
    static String matrix(String... series) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + String.join(",", series) + "]}}";
    }

    /** One series whose samples, at {@code start + k·step} up to {@code end}, all have {@code value}. */
    static String constant(String labelsJson, Map<String, String> params, String value) {
        double start = Double.parseDouble(params.get("start"));
        double end = Double.parseDouble(params.get("end"));
        double step = Double.parseDouble(params.get("step"));
        var values = new StringBuilder();
        for (double t = start; t <= end + 1e-9; t += step) {
            if (!values.isEmpty()) values.append(',');
            values.append('[').append(java.math.BigDecimal.valueOf(Math.round(t * 1000), 3).toPlainString()).append(",\"").append(value).append("\"]");
        }
        return "{\"metric\":" + labelsJson + ",\"values\":[" + values + "]}";
    }

    @Override public void close() {
        server.stop(0);
    }
}
