package dev.homeostat.remediation.live.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.live.AlertmanagerWebhook;
import dev.homeostat.remediation.live.LiveMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile clients against the webhook, on loopback only and bounded in count and time: slow heads (slowloris), a
 * body that never arrives, a huge body written before reading, and one client opening too many connections. In every
 * case a valid post from another client is answered within 2 s.
 */
@Timeout(60)
class SlowClientsTest {
    private static final String TOKEN = "slow-clients-token-0123456789";
    private static final String VALID = """
            {"version":"4","status":"firing","alerts":[{"status":"firing","fingerprint":"f1","startsAt":"2025-01-31T12:00:00Z",
             "labels":{"alertname":"PodErrors","pod":"checkout-1","namespace":"shop"}}]}""";
    private final List<Socket> sockets = new ArrayList<>();
    private AlertmanagerWebhook webhook;

    private void start(HttpLimits limits, int maxBody) throws IOException {
        webhook = new AlertmanagerWebhook(new AlertmanagerWebhook.Settings(new InetSocketAddress("127.0.0.1", 0), TOKEN, 1000, maxBody, limits),
                () -> true, new LiveMetrics()).start();
    }

    @AfterEach void stop() throws IOException {
        for (Socket s : sockets) s.close();
        if (webhook != null) webhook.close();
    }

    @Test void aValidPost_isAnsweredWithin2s_while100SlowHeadsAreOpen() throws Exception {
        start(HttpLimits.DEFAULTS, 1 << 20);
        for (int i = 0; i < 100; i++) {
            // each from its own loopback address, as 100 attackers would be: the per-client limit is not what saves us
            Socket s = open("127.0.0." + (2 + i));
            s.getOutputStream().write("POST /alerts HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        long t0 = System.nanoTime();
        String answer = post("127.0.0.1", VALID.getBytes(StandardCharsets.UTF_8), VALID.length(), true);
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test void aPostThatDeclares2000BytesAndSends10_blocksNobody_andGets408() throws Exception {
        start(new HttpLimits(512, 64, 16, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 16 * 1024, 32L << 20), 1 << 20);
        var stalled = new ArrayList<Socket>();
        for (int i = 0; i < 20; i++) {
            Socket s = open("127.0.0." + (2 + i));
            s.getOutputStream().write(("POST /alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            stalled.add(s);
        }
        long t0 = System.nanoTime();
        assertThat(post("127.0.0.1", VALID.getBytes(StandardCharsets.UTF_8), VALID.length(), true)).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        // the stalled ones are answered 408 once the body deadline passes, and closed
        stalled.getFirst().setSoTimeout(5000);
        assertThat(read(stalled.getFirst().getInputStream())).startsWith("HTTP/1.1 408");
    }

    @Test void aBodyOverTheLimitWrittenWholeBeforeReading_gets413_notAReset() throws Exception {
        start(HttpLimits.DEFAULTS, 1 << 20);
        byte[] huge = new byte[20 << 20];
        java.util.Arrays.fill(huge, (byte) ' ');
        String answer = post("127.0.0.1", huge, huge.length, true);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("exceeds the limit of 1048576 bytes");
    }

    @Test void anUnauthenticatedHugeBody_gets401_beforeAnyBodyIsRead() throws Exception {
        start(HttpLimits.DEFAULTS, 1 << 20);
        String answer = post("127.0.0.1", new byte[0], 50 << 20, false);
        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    @Test void oneClientOverItsConnectionLimit_isClosed_othersAreServed() throws Exception {
        start(new HttpLimits(512, 4, 16, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5), 16 * 1024, 32L << 20), 1 << 20);
        var five = new ArrayList<Socket>();
        for (int i = 0; i < 5; i++) five.add(open("127.0.0.9"));
        // the server accepts them in its own order: whichever it opens fifth is closed, the other four stay open
        int closed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        var open = new ArrayList<>(five);
        while (closed == 0 && System.nanoTime() < deadline) {
            for (Socket s : List.copyOf(open)) {
                s.setSoTimeout(50);
                try {
                    if (s.getInputStream().read() == -1) {
                        closed++;
                        open.remove(s);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // open: nothing to read yet
                }
            }
        }
        assertThat(closed).as("connections of one client closed beyond its limit of 4").isEqualTo(1);
        assertThat(open).hasSize(4);
        assertThat(post("127.0.0.1", VALID.getBytes(StandardCharsets.UTF_8), VALID.length(), true)).startsWith("HTTP/1.1 200");
    }

    @Test void aHeadDrippedSlowerThanTheHeaderTimeout_isClosed() throws Exception {
        start(new HttpLimits(512, 64, 16, Duration.ofSeconds(10), Duration.ofMillis(800), Duration.ofSeconds(5), 16 * 1024, 32L << 20), 1 << 20);
        Socket s = open("127.0.0.7");
        s.setSoTimeout(5000);
        long t0 = System.nanoTime();
        OutputStream out = s.getOutputStream();
        out.write("POST /alerts HTTP/1.1\r\nX-A: 1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(read(s.getInputStream())).as("closed with no request served").doesNotStartWith("HTTP/1.1 2");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    private Socket open(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", webhook.port()), 2000);
        sockets.add(s);
        return s;
    }

    /** Writes the whole request (head and body) before reading a byte, as a naive client does; returns the answer. */
    private String post(String from, byte[] body, long declared, boolean authorized) throws IOException {
        Socket s = open(from);
        s.setSoTimeout(10_000);
        String head = "POST /alerts HTTP/1.1\r\nHost: x\r\n" + (authorized ? "Authorization: Bearer " + TOKEN + "\r\n" : "")
                + "Content-Type: application/json\r\nContent-Length: " + declared + "\r\nConnection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        try {
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the server may answer and close before the body is written (401): the answer is still there to read
        }
        return read(s.getInputStream());
    }

    private static String read(InputStream in) throws IOException {
        var text = new StringBuilder();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException | java.net.SocketException e) {
            if (text.isEmpty()) throw e;
        }
        return text.toString();
    }
}
