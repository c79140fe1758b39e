package dev.homeostat.remediation.live.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.port.ActionOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pages by POSTing one JSON object to a webhook (a chat incoming-webhook, an on-call tool's
 * generic integration): {@code {"source":"homeostat","target":"pod/ns/name","kind":"pod",
 * "namespace":"ns","name":"name","reason":"…"}}. A 2xx answer is a delivered page; anything else,
 * or no answer within {@code timeout}, is a refused one with the reason.
 */
public final class WebhookPager implements Pager {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookPager(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("pager webhook URL '" + url + "' must start with http:// or https://");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ActionOutcome page(ClusterAction.Page page) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("source", "homeostat");
        body.put("target", page.target().ref());
        body.put("kind", page.target().kind().name().toLowerCase(java.util.Locale.ROOT));
        if (page.target().namespace() != null) body.put("namespace", page.target().namespace());
        body.put("name", page.target().name());
        body.put("reason", page.reason());
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return ActionOutcome.refused("page not delivered: could not encode it: " + e.getOriginalMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) return ActionOutcome.applied("paged via " + url + ": " + page.reason());
            return ActionOutcome.refused("page not delivered: " + url + " answered " + response.statusCode());
        } catch (IOException e) {
            return ActionOutcome.refused("page not delivered: " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.refused("page not delivered: interrupted while calling " + url);
        }
    }
}
