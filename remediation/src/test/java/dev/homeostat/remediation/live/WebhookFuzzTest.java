package dev.homeostat.remediation.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Malformed Alertmanager bodies, authenticated, over real HTTP on 127.0.0.1 (issue 18): every one is answered, with 200
 * (a valid or ignorable body), 400 naming the problem in one line, or 413 — never a 500, a trace or a Java name.
 */
class WebhookFuzzTest {
    private static final List<String> JUNK = List.of("", "null", "1e400", "-1", "\"\"", "[]", "{}", "\"x\"", "true", "{\"a\":", "]", "\u0000",
            "\"2025-13-45T99:99:99Z\"", "\"\\ud800\"", "9".repeat(400), "\"" + "a".repeat(5000) + "\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AlertmanagerWebhook webhook;

    record Cut(int kind, int at, int length, int junk) { }

    @BeforeProperty void start() throws Exception {
        webhook = new AlertmanagerWebhook(new AlertmanagerWebhook.Settings(new InetSocketAddress("127.0.0.1", 0), AlertmanagerWebhookTest.TOKEN, 10_000, 64 * 1024),
                () -> true, new LiveMetrics()).start();
    }

    @AfterProperty void stop() {
        if (webhook != null) webhook.close();
    }

    @Provide Arbitrary<Cut> cuts() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2000),
                Arbitraries.integers().between(1, 40), Arbitraries.integers().between(0, JUNK.size() - 1)).as(Cut::new);
    }

    static String mutate(String body, Cut c) {
        int at = c.at() % (body.length() + 1);
        String junk = JUNK.get(c.junk());
        return switch (c.kind()) {
            case 0 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + c.length()));          // lose some characters
            case 1 -> body.substring(0, at) + junk + body.substring(at);                                          // insert junk
            case 2 -> body.substring(0, at);                                                                      // cut short
            default -> body.replaceFirst("(\"[a-zA-Z]+\":)(\"[^\"]*\"|\\{[^{}]*\\}|\\[[^\\[\\]]*\\])", "$1" + java.util.regex.Matcher.quoteReplacement(junk)); // a value replaced
        };
    }

    @Property(tries = 200, seed = "18")
    void malformedBody_isAnswered200_400or413_inOneLine(@ForAll("cuts") Cut cut) throws Exception {
        String body = mutate(AlertmanagerWebhookTest.payload(AlertmanagerWebhookTest.POD_ALERT,
                AlertmanagerWebhookTest.alert("resolved", "f2", "\"alertname\":\"PodErrors\",\"namespace\":\"shop\",\"pod\":\"checkout-1\"")), cut);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webhook.port() + AlertmanagerWebhook.PATH))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + AlertmanagerWebhookTest.TOKEN).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s -> %s", body, response.body()).isIn(200, 400, 413);
        if (response.statusCode() != 200) {
            assertThat(response.body().strip()).as("one line").doesNotContain("\n").isNotEmpty();
            assertThat(response.body()).doesNotContain("Exception", "java.", "dev.homeostat", "\tat ", "Source:", "`");
        }
        webhook.drain();
    }
}
